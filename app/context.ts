/** The demo's domain layer, opened once per server and handed to the views that use it. */
import { Presence, type PubSub } from "lagoon";
import { Accounts } from "./accounts.js";
import { Catalog } from "./catalog.js";
import { Chat } from "./chat.js";
import { openDb, type Db } from "./db.js";
import { Posts } from "./posts.js";
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
  /** Who is in which chat room, across processes when the PubSub is. */
  readonly presence: Presence;
  /** Worker threads for CPU-heavy work. */
  readonly work: WorkPool;
  /** Stops the presence heartbeat and the workers, and closes the database. */
  close(): void;
}

export function openContext(opts: { db: string; pubsub: PubSub; catalogDelayMs?: number }): AppContext {
  const db = openDb(opts.db);
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
    presence,
    work,
    close: () => {
      presence.close();
      void work.close();
      db.close();
    },
  };
}
