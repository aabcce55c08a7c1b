/**
 * The demo's `npm start -- --workers 2` (app/main.ts): two processes share the port,
 * without Redis, on one SQLite database. Connections spread over both (the cluster hands
 * them out round robin), and a todo added through one reaches every client, whichever
 * worker holds it. (ClusterPubSub on fixture views: tests/scaling/workers.test.ts.)
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppProcess, type AppProcess } from "../support/app-process.js";
import { httpLogIn } from "../support/login.js";
import { loadPage, ProtocolClient } from "../support/protocol.js";
import { freePort } from "../support/ports.js";

let app: AppProcess;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "lagoon-workers-"));
  const env = { LAGOON_DB: join(dir, "lagoon.db"), LAGOON_SECRET: randomBytes(32).toString("hex"), PORT: String(await freePort()) };
  app = await startAppProcess(env, ["--workers", "2"]);
}, 60_000);
afterAll(async () => {
  // the primary's SIGKILL leaves workers to notice their parent is gone; stop them first
  app?.proc.kill("SIGTERM");
  await new Promise((r) => setTimeout(r, 500));
  await app?.kill();
  rmSync(dir, { recursive: true, force: true });
});

describe("npm start -- --workers 2", () => {
  it("delivers a broadcast to clients on every worker", async () => {
    const cookie = await httpLogIn(app.url, "alice@example.com");
    const clients = [];
    for (let i = 0; i < 6; i++) {
      const page = await loadPage(app.url, "/todos", cookie);
      const client = await ProtocolClient.connect(app.url, page);
      const joined = await client.join(app.url, page, "/todos");
      expect(joined.reply[4].status).toBe("ok");
      clients.push({ client, ...joined });
    }
    const title = `across workers ${randomBytes(4).toString("hex")}`;
    const [first] = clients;
    const reply = await first!.client.push(first!.joinRef, first!.topic, "event", {
      type: "form",
      event: "add",
      value: new URLSearchParams({ "todo[title]": title }).toString(),
    });
    expect(reply[4].status).toBe("ok");
    await Promise.all(clients.map(({ client }) => client.waitFor((f) => f[3] === "diff" && JSON.stringify(f[4]).includes(title), 10_000)));
    await Promise.all(clients.map(({ client }) => client.close()));
  }, 60_000);
});
