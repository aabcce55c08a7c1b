/**
 * A deploy: the running server drains (readiness off, live clients told to reconnect) and
 * a new build takes its place on the same port and secret. An open page
 * reconnects to the new server by itself and shows the "new version" notice (its tracked
 * assets are not the new build's) instead of breaking or reloading under the user.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { manifestAssets } from "../../server/index.js";
import { connected, launchBrowser, watchErrors } from "../support/browser.js";
import { FIXTURE_CLIENT, startFixtureServer, type FixtureServer } from "../support/fixture-server.js";
import { counterRoutes } from "../support/views/counter.js";

let browser: Browser;
const servers: FixtureServer[] = [];
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const s of servers) await s.close().catch(() => {});
  await browser?.close();
});

describe("a deploy with a new client build", () => {
  it("drains the old server; open pages reconnect to the new one and offer the new version", async () => {
    const secret = randomBytes(32).toString("hex");
    const old = await startFixtureServer(counterRoutes(), { secret });
    servers.push(old);
    const page = await (await browser.newContext()).newPage();
    const errors = watchErrors(page);
    let loads = 0;
    page.on("load", () => loads++);
    await page.goto(old.url + "/counter");
    await connected(page);
    await page.getByRole("button", { name: "+", exact: true }).click();
    await page.waitForFunction(() => document.querySelector("h1")?.textContent === "Count: 1");
    expect(await page.locator("#new-version").count()).toBe(0);

    await old.drain({ timeoutMs: 5000, spreadMs: 100 });
    await page.waitForSelector("[data-phx-main]:not(.phx-connected)");
    // the new build: its entry chunk has another hash, so the page's tracked assets are stale
    const built = manifestAssets(FIXTURE_CLIENT);
    const next = await startFixtureServer(counterRoutes(), {
      secret,
      port: old.port,
      assets: { head: built.head, tracked: ["/assets/client-NEWBUILD.js"] },
    });
    servers.push(next);

    await page.waitForSelector("[data-phx-main].phx-connected", { timeout: 30_000 });
    await expect.poll(() => page.locator("#new-version").textContent(), { timeout: 10_000 }).toBe("A new version is available — reload");
    // the page kept working on the new server, and was never reloaded under the user
    await page.getByRole("button", { name: "+", exact: true }).click();
    await page.waitForFunction(() => /^Count: \d+$/.test(document.querySelector("h1")?.textContent ?? ""));
    expect(loads).toBe(1);
    expect(errors.filter((e) => !/WebSocket|ERR_CONNECTION_REFUSED|net::/.test(e))).toEqual([]);
  }, 60_000);
});
