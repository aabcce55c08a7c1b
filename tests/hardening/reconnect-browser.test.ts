/**
 * Reconnects through the official client in Chromium: its reconnect and rejoin delays are
 * jittered (hooks/backoff.ts), and a server shutdown closes with 1001, so pages wait and
 * rejoin the restarted server instead of reloading (1000 would make them reload).
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { startFixtureServer } from "../support/fixture-server.js";
import { connected, launchBrowser, watchErrors } from "../support/browser.js";
import { loadPage, ProtocolClient } from "../support/protocol.js";
import { hardeningRoutes } from "../support/views/hardening.js";
import { closed } from "./helpers.js";

type Server = Awaited<ReturnType<typeof startFixtureServer>>;
let browser: Browser;
const servers: Server[] = [];
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  for (const s of servers) await s.close().catch(() => {});
});

async function start(opts: Parameters<typeof startFixtureServer>[1] = {}): Promise<Server> {
  const server = await startFixtureServer(hardeningRoutes(), opts);
  servers.push(server);
  return server;
}

async function open(server: Server, path: string): Promise<{ page: Page; loads: () => number }> {
  const page = await (await browser.newContext()).newPage();
  let loads = 0;
  page.on("load", () => loads++);
  await page.goto(server.url + path);
  await connected(page);
  return { page, loads: () => loads };
}

describe("reconnects in Chromium", () => {
  it("draws reconnect and rejoin delays at random, growing with the attempts", async () => {
    const server = await start();
    const { page } = await open(server, "/load");
    const samples = await page.evaluate(() => {
      const socket = (window as any).liveSocket.socket;
      const draw = (f: (tries: number) => number, tries: number) => Array.from({ length: 200 }, () => f(tries));
      return {
        reconnect1: draw(socket.reconnectAfterMs, 1),
        reconnect9: draw(socket.reconnectAfterMs, 9),
        rejoin1: draw(socket.rejoinAfterMs, 1),
      };
    });
    const spread = (xs: number[]) => ({ min: Math.min(...xs), max: Math.max(...xs), distinct: new Set(xs).size });
    // phoenix's defaults would be a constant 10 ms (reconnect) and 1,000 ms (rejoin)
    for (const [xs, low, high] of [
      [samples.reconnect1, 100, 1000],
      [samples.reconnect9, 1000, 10_000],
      [samples.rejoin1, 100, 1000],
    ] as const) {
      const s = spread([...xs]);
      expect(s.min).toBeGreaterThanOrEqual(low);
      expect(s.max).toBeLessThanOrEqual(high);
      expect(s.distinct).toBeGreaterThan(50);
    }
    await page.context().close();
  });

  it("a shutdown closes with 1001; pages keep their document and rejoin the restarted server", async () => {
    const secret = randomBytes(32).toString("hex");
    const first = await start({ secret });
    const a = await open(first, "/load?topic=restart");
    const b = await open(first, "/load?topic=restart");
    const errors = watchErrors(a.page);
    for (const { page } of [a, b]) {
      await page.evaluate(() => {
        (window as any).__sameDocument = true;
        (window as any).__closeCodes = [];
        (window as any).liveSocket.socket.onClose((e: CloseEvent) => (window as any).__closeCodes.push(e.code));
      });
    }
    const probe = await ProtocolClient.connect(first.url, await loadPage(first.url, "/load"));

    await first.close();
    expect(await closed(probe)).toBe(1001);
    for (const { page } of [a, b]) {
      await page.waitForFunction(() => !document.querySelector("[data-phx-main]")?.classList.contains("phx-connected"));
    }
    const second = await start({ secret, port: first.port });
    for (const { page, loads } of [a, b]) {
      await connected(page);
      expect(await page.evaluate(() => (window as any).__sameDocument)).toBe(true);
      expect(loads()).toBe(1);
      expect(await page.evaluate(() => (window as any).__closeCodes[0])).toBe(1001);
    }
    // the rejoined view is live on the new server
    expect(second.lagoon.pubsub.localSubscribers("load:restart")).toBe(2);
    // reconnect attempts made while the server was down may be logged by the browser; nothing else
    expect(errors.filter((e) => !/WebSocket|ERR_CONNECTION_REFUSED/i.test(e))).toEqual([]);
    await a.page.context().close();
    await b.page.context().close();
  });
});
