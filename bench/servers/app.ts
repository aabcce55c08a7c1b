/**
 * The demo app in its own process, for benchmarks, with two extra routes: `/__bench/static`
 * (the /counter page as a constant: the static Hono baseline, same size, same process) and
 * `/__bench/memory`.
 */
import { randomBytes } from "node:crypto";
import { createApp } from "../../app/server.js";
import { memoryAfterGc } from "./memory.js";

// benchmarks measure the framework, not its flood limits: one socket sends thousands of
// events a second, and thousands of sockets come from 127.0.0.1
const { lagoon } = createApp({
  secret: randomBytes(32).toString("hex"),
  db: ":memory:",
  socket: { limits: { burst: Infinity, perSecond: Infinity, connectionsPerAddress: Infinity } },
});
let page = "";
// routes first: Hono builds its router on the first request
lagoon.app.get("/__bench/static", (c) => c.html(page));
lagoon.app.get("/__bench/memory", (c) => c.json(memoryAfterGc()));
page = await (await lagoon.app.request("/counter")).text();
const { port } = await lagoon.listen({ port: 0, hostname: "127.0.0.1" });
console.log(`PORT ${port}`);
