/** Core behaviours through the official client in Chromium: components, streams, navigation, flash. */
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { startFixtureServer } from "../support/fixture-server.js";
import { connected, watchErrors } from "../support/browser.js";
import { inChromium } from "../support/chromium-suite.js";
import { coreRoutes } from "../support/views/core.js";

const env = inChromium(() => startFixtureServer(coreRoutes()));

async function open(path: string): Promise<{ page: Page; errors: string[]; frames: string[] }> {
  const page = await env.browser.newPage();
  const errors = watchErrors(page);
  const frames: string[] = [];
  page.on("websocket", (ws) => ws.on("framesent", (f) => frames.push(String(f.payload))));
  await page.goto(env.server.url + path);
  await connected(page);
  return { page, errors, frames };
}

const text = (page: Page, selector: string) => page.textContent(selector);

describe("core in Chromium", () => {
  it("routes phx-target events to components and keeps their state", async () => {
    const { page, errors } = await open("/cards");
    await page.getByRole("button", { name: "bump b" }).click();
    await page.waitForFunction(() => document.querySelector("#card-b span")?.textContent === "b: 1");
    await page.getByRole("button", { name: "bump b" }).click();
    await page.waitForFunction(() => document.querySelector("#card-b span")?.textContent === "b: 2");
    expect(await text(page, "#card-a span")).toBe("a: 0");
    // removing a component runs the client's destroy handshake without errors
    await page.evaluate(() => (window as any).liveSocket.main.pushEvent("click", document.body, null, "drop", {}));
    await page.waitForFunction(() => !document.querySelector("#card-a"));
    await page.getByRole("button", { name: "bump b" }).click();
    await page.waitForFunction(() => document.querySelector("#card-b span")?.textContent === "b: 3");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("applies stream inserts, prepends, deletes and resets", async () => {
    const { page, errors } = await open("/feed");
    const items = () => page.$$eval("#items li", (els) => els.map((e) => e.id));
    expect(await items()).toEqual(["items-1", "items-2"]);
    await page.getByRole("button", { name: "append" }).click();
    await page.waitForFunction(() => document.querySelectorAll("#items li").length === 3);
    await page.getByRole("button", { name: "prepend" }).click();
    await page.waitForFunction(() => document.querySelectorAll("#items li").length === 4);
    expect(await items()).toEqual(["items-4", "items-1", "items-2", "items-3"]);
    await page.locator("#items-1 button").click();
    await page.waitForFunction(() => !document.getElementById("items-1"));
    await page.getByRole("button", { name: "reset" }).click();
    await page.waitForFunction(() => document.querySelectorAll("#items li").length === 1);
    expect(await items()).toEqual(["items-100"]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("patches the URL on the same view, navigates to another over the same socket, and goes back", async () => {
    const { page, errors, frames } = await open("/nav");
    await page.getByRole("button", { name: "click" }).click();
    await page.waitForFunction(() => document.querySelector("#clicks")?.textContent === "clicks: 1");
    await page.getByRole("link", { name: "asc" }).click();
    await page.waitForFunction(() => document.querySelector("#sort")?.textContent === "sort: asc");
    expect(new URL(page.url()).search).toBe("?sort=asc");
    expect(await text(page, "#clicks")).toBe("clicks: 1"); // state survived: no new mount
    expect(await page.title()).toBe("Nav asc · Lagoon");
    await page.getByRole("button", { name: "patch" }).click();
    await page.waitForFunction(() => location.search === "?sort=pushed");
    // joins of views (the page also joins its browser-signals channel, once)
    const joins = () => frames.filter((f) => f.includes('"phx_join"') && f.includes('"lv:')).length;
    expect(joins()).toBe(1);
    // navigate: a new view over the same socket, with the flash carried across
    await page.getByRole("button", { name: "go" }).click();
    await page.waitForSelector("#card-a");
    expect(new URL(page.url()).pathname).toBe("/cards");
    expect(await text(page, ".flash-info")).toBe("Welcome over");
    expect(joins()).toBe(2);
    await page.click(".flash-info");
    await page.waitForFunction(() => !document.querySelector(".flash-info"));
    await page.goBack();
    await page.waitForSelector("#sort");
    expect(new URL(page.url()).search).toBe("?sort=pushed");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("navigates inside a live session over the socket, and crosses into another with a page load", async () => {
    const { page, errors, frames } = await open("/nav");
    let loads = 0;
    page.on("load", () => loads++);
    const joins = () => frames.filter((f) => f.includes('"phx_join"') && f.includes('"lv:')).length;
    await page.getByRole("link", { name: "to order" }).click();
    await page.waitForURL(env.server.url + "/order");
    await page.getByRole("button", { name: "slow" }).waitFor();
    // a new view joined over the page's socket: no page load
    expect(joins()).toBe(2);
    expect(loads).toBe(0);
    await page.goBack();
    await page.waitForSelector("#sort");
    expect(loads).toBe(0);
    // /elsewhere lives in another live session: the client falls back to a full page load
    await page.getByRole("link", { name: "elsewhere" }).click();
    await page.waitForURL(env.server.url + "/elsewhere");
    await connected(page);
    expect(loads).toBe(1);
    expect(await text(page, "h1")).toBe("Elsewhere");
    expect(errors).toEqual([]);
    await page.close();
  });
});
