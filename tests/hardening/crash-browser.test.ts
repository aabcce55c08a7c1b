/**
 * Crashes through the official client in Chromium: after a crash in an event handler the
 * page rejoins over the same socket (no reload); a view that crashes on every connected mount
 * makes the client reload with its 5-10 s jitter, never in a tight loop. No stack on the wire.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Page } from "playwright-core";
import { startFixtureServer } from "../support/fixture-server.js";
import { connected } from "../support/browser.js";
import { inChromium } from "../support/chromium-suite.js";
import { CRASH_SECRET, hardeningRoutes, stats } from "../support/views/hardening.js";

const env = inChromium(() => startFixtureServer(hardeningRoutes()));
beforeAll(() => {
  vi.spyOn(console, "error").mockImplementation(() => {}); // the crashes' stacks go to the server log
});
afterAll(() => {
  vi.restoreAllMocks();
});

async function open(path: string): Promise<{ page: Page; loads: number[]; received: string[]; sockets: () => number }> {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const loads: number[] = [];
  const received: string[] = [];
  page.on("load", () => loads.push(Date.now()));
  let sockets = 0;
  page.on("websocket", (ws) => {
    sockets++;
    ws.on("framereceived", (f) => received.push(String(f.payload)));
  });
  await page.goto(env.server.url + path);
  return { page, loads, received, sockets: () => sockets };
}

const countIs = (page: Page, n: number) =>
  page.waitForFunction((n) => document.querySelector("#count")?.textContent === `count: ${n}`, n, { timeout: 10_000 });

describe("crashes in Chromium", () => {
  it("after a crash in an event handler the page rejoins over the same socket, without a reload", async () => {
    const { page, loads, received, sockets } = await open("/crash");
    const other = await open("/crash");
    await connected(page);
    await connected(other.page);
    await page.getByRole("button", { name: "inc" }).click();
    await countIs(page, 1);
    await page.evaluate(() => ((window as any).__sameDocument = true));

    await page.getByRole("button", { name: "boom" }).click();
    // the client rejoins by itself: a fresh mount, on the same document and socket
    await countIs(page, 0);
    await connected(page);
    expect(await page.evaluate(() => (window as any).__sameDocument)).toBe(true);
    expect(loads).toHaveLength(1);
    expect(sockets()).toBe(1);
    await page.getByRole("button", { name: "inc" }).click();
    await countIs(page, 1);

    // the other user never noticed
    await other.page.getByRole("button", { name: "inc" }).click();
    await countIs(other.page, 1);
    expect(received.join("\n")).not.toContain(CRASH_SECRET);
    await page.context().close();
    await other.page.context().close();
  });

  it("a view that crashes on every connected mount reloads with 5-10 s jitter, not in a loop", { timeout: 60_000 }, async () => {
    const joinsBefore = stats.crashJoins;
    const { page, loads, received } = await open("/crash?on=connected-mount");
    const WINDOW_MS = 15_000;
    await page.waitForTimeout(WINDOW_MS);
    const joins = stats.crashJoins - joinsBefore;
    await page.context().close();

    // loads at 0, then 5-10 s after each failed join: two or three in 15 s
    expect(loads.length).toBeGreaterThanOrEqual(2);
    expect(loads.length).toBeLessThanOrEqual(3);
    for (let i = 1; i < loads.length; i++) expect(loads[i]! - loads[i - 1]!).toBeGreaterThanOrEqual(4500);
    // one join per page load: the client does not retry the channel in between
    expect(joins).toBeLessThanOrEqual(loads.length);
    expect(joins).toBeGreaterThanOrEqual(loads.length - 1);
    expect(received.some((f) => f.includes('"join crashed"'))).toBe(true);
    expect(received.join("\n")).not.toContain(CRASH_SECRET);
  });
});
