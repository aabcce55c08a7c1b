/** Starts the demo app on 127.0.0.1 with a free port for a test, and stops it. */
import { randomBytes } from "node:crypto";
import { createApp } from "../../app/server.js";
import type { Lagoon, Listening } from "../../server/index.js";

export interface TestServer extends Listening {
  readonly lagoon: Lagoon;
}

export async function startServer(): Promise<TestServer> {
  const lagoon = createApp({ secret: randomBytes(32).toString("hex") });
  const listening = await lagoon.listen({ port: 0, hostname: "127.0.0.1" });
  return { ...listening, lagoon };
}
