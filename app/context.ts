/** The demo's domain layer, opened once per server and handed to the views that use it. */
import { randomBytes } from "node:crypto";
import { Presence, type PubSub } from "lagoon";
import { Accounts } from "./accounts.js";
import { Catalog } from "./catalog.js";
import { Chat } from "./chat.js";
import { openDb, type Db, type DbOptions } from "./db.js";
import { Files } from "./files.js";
import { Notes } from "./notes.js";
import { Posts } from "./posts.js";
import { DiskStorage } from "./storage.js";
import { Todos } from "./todos.js";
import { createWorkPool, type WorkPool } from "./work/pool.js";

export interface AppContext {
  readonly db: Db;
  readonly pubsub: PubSub;
  readonly accounts: Accounts;
  readonly catalog: Catalog;
  readonly posts: Posts;
  readonly todos: Todos;
  readonly chat: Chat;
  readonly files: Files;
  readonly notes: Notes;
  /** Where uploaded files are kept. */
  readonly storage: DiskStorage;
  /** Who is in which chat room, across processes when the PubSub is. */
  readonly presence: Presence;
  /** Worker threads for CPU-heavy work. */
  readonly work: WorkPool;
  /** Stops the presence heartbeat and the workers, and closes the database. */
  close(): Promise<void>;
}

export interface ContextOptions {
  /** The store: Postgres at `db.url`, else the SQLite file `db.file`. */
  readonly db: DbOptions;
  readonly pubsub: PubSub;
  readonly catalogDelayMs?: number;
  /** Where uploaded files are kept (default ./data/uploads). */
  readonly filesDir?: string;
  /** Signs direct upload policies: the app's secret, so every process accepts them (default: one of its own). */
  readonly secret?: string;
  /** Browsers upload files to the storage themselves rather than through the live socket. */
  readonly directUploads?: boolean;
}

/** Opens (and migrates) the database, then builds the domain over it. */
export async function openContext(opts: ContextOptions): Promise<AppContext> {
  const db = await openDb(opts.db);
  const storage = new DiskStorage(opts.filesDir ?? "./data/uploads", opts.secret ?? randomBytes(32).toString("hex"));
  const presence = new Presence(opts.pubsub);
  const work = createWorkPool();
  return {
    db,
    pubsub: opts.pubsub,
    accounts: new Accounts(db),
    catalog: new Catalog(db, { delayMs: opts.catalogDelayMs }),
    posts: new Posts(db),
    todos: new Todos(db, opts.pubsub),
    chat: new Chat(db, opts.pubsub),
    files: new Files(db, storage, { direct: opts.directUploads }),
    notes: new Notes(db, opts.pubsub),
    storage,
    presence,
    work,
    close: async () => {
      presence.close();
      await Promise.all([work.close(), db.close()]);
    },
  };
}
