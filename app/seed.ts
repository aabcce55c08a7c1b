/** The demo's starting data: two users, a product catalog, a few blog posts. */
import type { Queryable } from "./db.js";
import { hashPassword } from "./passwords.js";

export const DEMO_PASSWORD = "lagoon-demo-password";

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

/** One `insert ... values (?, ?), (?, ?)` for all `rows`. */
async function insertAll(tx: Queryable, table: string, columns: readonly string[], rows: readonly (string | number)[][]): Promise<void> {
  const tuple = `(${columns.map(() => "?").join(", ")})`;
  await tx.run(`insert into ${table} (${columns.join(", ")}) values ${rows.map(() => tuple).join(", ")}`, rows.flat());
}

export async function seed(tx: Queryable): Promise<void> {
  const now = Date.now();
  const [alice, bob] = await Promise.all([hashPassword(DEMO_PASSWORD), hashPassword(DEMO_PASSWORD)]);
  await insertAll(
    tx,
    "users",
    ["name", "email", "password_hash", "created_at"],
    [
      ["Alice", "alice@example.com", alice, now],
      ["Bob", "bob@example.com", bob, now],
    ],
  );

  const products: (string | number)[][] = [];
  for (const adjective of ADJECTIVES)
    for (const noun of NOUNS)
      for (const color of COLORS) {
        const n = products.length + 1;
        products.push([`${adjective} ${noun} (${color})`, CATEGORIES[noun]!, 500 + ((n * 7919) % 49500)]);
      }
  await insertAll(tx, "products", ["name", "category", "price_cents"], products);

  await insertAll(
    tx,
    "posts",
    ["title", "body", "author", "published_at"],
    POSTS.map(([title, body], i) => [title, body, i % 2 ? "Bob" : "Alice", now - (POSTS.length - i) * 86_400_000]),
  );
}
