/**
 * The demo's embedded database: one SQLite file (better-sqlite3), created, migrated and
 * seeded on open. Migrations are numbered by SQLite's `user_version`, so a file from an
 * older build is brought forward in place and committed rows are never touched.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { hashPasswordSync } from "./passwords.js";

export type Db = Database.Database;

// by SQL text, per database; at most 8 word counts make the catalog's statements vary
const statements = new WeakMap<Db, Map<string, Database.Statement>>();

/**
 * The prepared statement for `text`, compiled once per database: prepare() parses and
 * plans the SQL every time (tens of µs, the largest cost of a logged-in page's render).
 */
export function sql(db: Db, text: string): Database.Statement {
  let byText = statements.get(db);
  if (!byText) statements.set(db, (byText = new Map()));
  let statement = byText.get(text);
  if (!statement) byText.set(text, (statement = db.prepare(text)));
  return statement;
}

const MIGRATIONS: readonly string[] = [
  `create table users (
     id integer primary key,
     name text not null,
     email text not null unique collate nocase,
     password_hash text not null,
     created_at integer not null
   );
   create table products (
     id integer primary key,
     name text not null,
     category text not null,
     price_cents integer not null
   );
   create table posts (
     id integer primary key,
     title text not null,
     body text not null,
     author text not null,
     published_at integer not null
   );`,
  `create table todos (
     id integer primary key,
     owner_id integer not null references users(id),
     title text not null,
     done integer not null default 0,
     private integer not null default 0,
     position real not null,
     created_at integer not null
   );
   create index todos_position on todos(done, position);
   create table messages (
     id integer primary key,
     room text not null,
     user_id integer not null references users(id),
     body text not null,
     created_at integer not null
   );
   create index messages_room on messages(room, id);`,
  `create table files (
     id integer primary key,
     owner_id integer not null references users(id),
     storage_key text not null unique,
     name text not null,
     type text not null,
     size integer not null,
     created_at integer not null
   );
   create index files_owner on files(owner_id, id);`,
];

export const DEMO_PASSWORD = "lagoon-demo-password";

/** Opens (creating when missing) the database at `file`, or in memory for ":memory:". */
export function openDb(file: string): Db {
  if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma("journal_mode = WAL"); // readers never wait for the writer
  db.pragma("synchronous = NORMAL"); // with WAL: durable across a process kill
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000"); // several processes may share the file
  migrate(db);
  return db;
}

function migrate(db: Db): void {
  db.transaction(() => {
    const version = db.pragma("user_version", { simple: true }) as number;
    for (let v = version; v < MIGRATIONS.length; v++) db.exec(MIGRATIONS[v]!);
    if (version === 0) seed(db);
    if (version < MIGRATIONS.length) db.pragma(`user_version = ${MIGRATIONS.length}`);
  }).immediate();
}

const ADJECTIVES = ["Classic", "Compact", "Deluxe", "Eco", "Heavy", "Light", "Mini", "Pro", "Smart", "Solar", "Travel", "Vintage"];
const NOUNS = [
  "Backpack",
  "Blender",
  "Camera",
  "Desk Lamp",
  "Drone",
  "Headphones",
  "Kettle",
  "Keyboard",
  "Monitor",
  "Mug",
  "Notebook",
  "Pen",
  "Speaker",
  "Tent",
  "Umbrella",
  "Watch",
  "Water Bottle",
  "Wallet",
];
const COLORS = ["Blue", "Red"];
const CATEGORIES: Record<string, string> = {
  Backpack: "Outdoors",
  Tent: "Outdoors",
  "Water Bottle": "Outdoors",
  Umbrella: "Outdoors",
  Blender: "Kitchen",
  Kettle: "Kitchen",
  Mug: "Kitchen",
  Camera: "Electronics",
  Drone: "Electronics",
  Headphones: "Electronics",
  Keyboard: "Electronics",
  Monitor: "Electronics",
  Speaker: "Electronics",
  Watch: "Electronics",
  "Desk Lamp": "Office",
  Notebook: "Office",
  Pen: "Office",
  Wallet: "Accessories",
};

const POSTS: readonly [string, string][] = [
  ["Hello, Lagoon", "The first post: server-rendered views that update live over one WebSocket."],
  ["Why diffs beat fragments", "Statics go over the wire once; after that only the values that changed."],
  ["Streams for long lists", "The server forgets stream items after sending them, so memory stays flat."],
  ["Forms that validate while you type", "Errors show for the fields you touched, all of them when you submit."],
  ["Islands of React", "Interaction-heavy widgets hydrate in place and talk to the server with typed events."],
  ["PubSub in practice", "One narrow topic per list or room keeps broadcasts cheap."],
  ["Live navigation", "Patch keeps the view and its state; navigate swaps views over the same socket."],
  ["Testing live views", "The in-process test client drives views through the same diffs the browser gets."],
];

function seed(db: Db): void {
  const now = Date.now();
  const user = db.prepare("insert into users (name, email, password_hash, created_at) values (?, ?, ?, ?)");
  user.run("Alice", "alice@example.com", hashPasswordSync(DEMO_PASSWORD), now);
  user.run("Bob", "bob@example.com", hashPasswordSync(DEMO_PASSWORD), now);

  const product = db.prepare("insert into products (name, category, price_cents) values (?, ?, ?)");
  let n = 0;
  for (const adjective of ADJECTIVES)
    for (const noun of NOUNS)
      for (const color of COLORS) {
        n++;
        product.run(`${adjective} ${noun} (${color})`, CATEGORIES[noun]!, 500 + ((n * 7919) % 49500));
      }

  const post = db.prepare("insert into posts (title, body, author, published_at) values (?, ?, ?, ?)");
  POSTS.forEach(([title, body], i) => post.run(title, body, i % 2 ? "Bob" : "Alice", now - (POSTS.length - i) * 86_400_000));
}
