/** The demo app in its own process, for benchmarks. */
import { randomBytes } from "node:crypto";
import { createApp } from "../../app/server.js";

// benchmarks measure the framework, not its flood limits: one socket sends thousands of
// events a second, and thousands of sockets come from 127.0.0.1
const { lagoon } = createApp({
  secret: randomBytes(32).toString("hex"),
  db: ":memory:",
  socket: { limits: { burst: Infinity, perSecond: Infinity, connectionsPerAddress: Infinity } },
});
const { port } = await lagoon.listen({ port: 0, hostname: "127.0.0.1" });
console.log(`PORT ${port}`);
process.on("message", () => {});
