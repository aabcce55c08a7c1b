/** The fixture counter through the official LiveView client in headless Chromium. */
import { describe, expect, it } from "vitest";
import { startFixtureServer } from "../support/fixture-server.js";
import { connected, watchErrors } from "../support/browser.js";
import { inChromium } from "../support/chromium-suite.js";
import { counterRoutes } from "../support/views/counter.js";

const env = inChromium(() => startFixtureServer(counterRoutes()));

describe("counter in Chromium", () => {
  it("shows Count: 0 without JavaScript", async () => {
    const context = await env.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(env.server.url + "/counter");
    expect(await page.textContent("h1")).toBe("Count: 0");
    await context.close();
  });

  it("counts clicks live, without a page reload, and logs no errors", async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    const errors = watchErrors(page);
    let loads = 0;
    page.on("load", () => loads++);
    await page.goto(env.server.url + "/counter");
    await connected(page);
    for (let i = 0; i < 3; i++) await page.getByRole("button", { name: "+", exact: true }).click();
    await page.waitForFunction(() => document.querySelector("h1")?.textContent === "Count: 3");
    await page.getByRole("button", { name: "-", exact: true }).click();
    await page.waitForFunction(() => document.querySelector("h1")?.textContent === "Count: 2");
    await page.getByRole("button", { name: "Reset" }).click();
    await page.waitForFunction(() => document.querySelector("h1")?.textContent === "Count: 0");
    expect(loads).toBe(1);
    expect(await page.title()).toBe("Counter · Lagoon");
    expect(errors).toEqual([]);
    await context.close();
  });
});
