/**
 * A fixture server in two cluster workers sharing the port, without Redis: connections
 * spread over both (the cluster hands them out round robin), and a broadcast from a view
 * on one reaches every view, whichever worker holds it (ClusterPubSub through the primary).
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFixtureProcess, type AppProcess } from "../support/app-process.js";
import { loadPage, ProtocolClient } from "../support/protocol.js";
import { freePort } from "../support/ports.js";

let server: AppProcess;
beforeAll(async () => {
  const env = { FIXTURE_WORKERS: "2", LAGOON_SECRET: randomBytes(32).toString("hex"), PORT: String(await freePort()) };
  server = await startFixtureProcess("rooms#roomRoutes", env);
}, 60_000);
afterAll(async () => {
  await server?.kill();
});

describe("two cluster workers", () => {
  it("deliver a broadcast to views on every worker", async () => {
    const clients = [];
    const processes = new Set<string>();
    for (let i = 0; i < 6; i++) {
      const page = await loadPage(server.url, "/room?name=Alice");
      const client = await ProtocolClient.connect(server.url, page);
      const joined = await client.join(server.url, page, "/room?name=Alice");
      expect(joined.reply[4].status).toBe("ok");
      processes.add(/process \d+/.exec(JSON.stringify(joined.reply[4].response.rendered))![0]);
      clients.push({ client, ...joined });
    }
    expect(processes.size).toBe(2);
    const text = `across workers ${randomBytes(4).toString("hex")}`;
    const [first] = clients;
    const reply = await first!.client.push(first!.joinRef, first!.topic, "event", {
      type: "form",
      event: "say",
      value: new URLSearchParams({ text }).toString(),
    });
    expect(reply[4].status).toBe("ok");
    await Promise.all(clients.map(({ client }) => client.waitFor((f) => f[3] === "diff" && JSON.stringify(f[4]).includes(text), 10_000)));
    await Promise.all(clients.map(({ client }) => client.close()));
  }, 60_000);
});
