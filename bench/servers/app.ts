/** The demo app in its own process, for benchmarks. */
import { randomBytes } from "node:crypto";
import { createApp } from "../../app/server.js";

const lagoon = createApp({ secret: randomBytes(32).toString("hex") });
const { port } = await lagoon.listen({ port: 0, hostname: "127.0.0.1" });
console.log(`PORT ${port}`);
process.on("message", () => {});
