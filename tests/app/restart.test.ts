/**
 * kill -9 the demo (npm start on its SQLite file) right after todos were added over the
 * socket, start it again on the same database and secret: every todo whose add was
 * answered is there, and the session cookie from before still logs the user in.
 * (The pages' own rejoin and form recovery: tests/browser/restart.test.ts, on a fixture.)
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

let dir: string;
let app: AppProcess | undefined;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "lagoon-restart-"));
});
afterAll(async () => {
  await app?.kill();
  rmSync(dir, { recursive: true, force: true });
});

describe("the demo after kill -9", () => {
  it("keeps every committed todo and its sessions", async () => {
    const env = { PORT: String(await freePort()), LAGOON_DB: join(dir, "lagoon.db"), LAGOON_SECRET: randomBytes(32).toString("hex") };
    app = await startAppProcess(env);
    const cookie = await httpLogIn(app.url, "alice@example.com");
    const page = await loadPage(app.url, "/todos", cookie);
    const client = await ProtocolClient.connect(app.url, page);
    const { joinRef, topic } = await client.join(app.url, page, "/todos");
    const titles = ["first", "second", "third"].map((t) => `${t} ${randomBytes(3).toString("hex")}`);
    for (const title of titles) {
      const reply = await client.push(joinRef, topic, "event", {
        type: "form",
        event: "add",
        value: new URLSearchParams({ "todo[title]": title }).toString(),
      });
      expect(reply[4].status).toBe("ok");
    }
    await app.kill();
    await client.close();

    app = await startAppProcess(env);
    const after = await loadPage(app.url, "/todos", cookie);
    for (const title of titles) expect(after.html).toContain(title);
  }, 60_000);
});
