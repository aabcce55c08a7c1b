/**
 * The demo app in its own process, for benchmarks, with two extra routes:
 * `/__bench/static/P` (page /P as the first such request's cookie renders it, then
 * served as a constant: the static Hono baseline, same size, same process) and
 * `/__bench/memory`.
 */
import { randomBytes } from "node:crypto";
import { createApp } from "../../app/server.js";
import { memoryAfterGc } from "./memory.js";

// benchmarks measure the framework, not its flood limits: one socket sends thousands of
// events a second, and thousands of sockets come from 127.0.0.1
const { lagoon } = await createApp({
  secret: randomBytes(32).toString("hex"),
  db: ":memory:",
  socket: { limits: { burst: Infinity, perSecond: Infinity, connectionsPerAddress: Infinity } },
});
const copies = new Map<string, string>();
// routes first: Hono builds its router on the first request
lagoon.app.get("/__bench/static/*", async (c) => {
  const path = c.req.path.slice("/__bench/static".length);
  let page = copies.get(path);
  if (page === undefined) {
    const res = await lagoon.app.request(path, { headers: { cookie: c.req.header("cookie") ?? "" } });
    if (res.status !== 200) return c.text(`${path}: ${res.status}`, 500);
    copies.set(path, (page = await res.text()));
  }
  return c.html(page);
});
lagoon.app.get("/__bench/memory", (c) => c.json(memoryAfterGc()));
const { port } = await lagoon.listen({ port: 0, hostname: "127.0.0.1" });
console.log(`PORT ${port}`);
