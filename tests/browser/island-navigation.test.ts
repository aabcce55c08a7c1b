/**
 * Live navigation from an island in Chromium with the official client: `Link` and
 * `useNavigation()` move the page over the live socket, as the server's live links do
 * (no page load: the document stays, the URL and history change).
 */
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { connected } from "../support/browser.js";
import { inChromium } from "../support/chromium-suite.js";
import { startFixtureServer } from "../support/fixture-server.js";
import { islandModeRoutes } from "../support/views/island-modes.js";

const env = inChromium(() => startFixtureServer(islandModeRoutes()));

async function open(path: string): Promise<{ page: Page; problems: string[]; loads: string[] }> {
  const page = await env.browser.newPage();
  const problems: string[] = [];
  page.on("console", (m) => (m.type() === "error" || m.type() === "warning") && problems.push(m.text()));
  page.on("pageerror", (e) => problems.push(e.message));
  // documents the page loads (a live navigation loads none)
  const loads: string[] = [];
  page.on("request", (r) => r.resourceType() === "document" && loads.push(new URL(r.url()).pathname + new URL(r.url()).search));
  await page.goto(env.server.url + path);
  await connected(page);
  await page.evaluate(() => ((window as unknown as { __document: boolean }).__document = true));
  await page.waitForSelector("#navigator .navigator");
  return { page, problems, loads };
}

const sameDocument = (page: Page) => page.evaluate(() => (window as unknown as { __document?: boolean }).__document === true);
const path = (page: Page) => page.evaluate(() => location.pathname + location.search);

describe("islands navigate over the live socket", () => {
  it("renders Link as the live link the server would: a real href, followed without JavaScript too", async () => {
    const html = await (await fetch(`${env.server.url}/nav`)).text();
    expect(html).toContain(`<a href="/nav?page=2" data-phx-link="patch" data-phx-link-state="push">Next page</a>`);
    expect(html).toContain(`<a href="/modes" data-phx-link="redirect" data-phx-link-state="push">To the modes</a>`);
  });

  it("a patch Link runs the view's handleParams; the island gets the new props and keeps the document", async () => {
    const { page, problems, loads } = await open("/nav");
    await page.getByRole("link", { name: "Next page" }).click();
    await page.waitForFunction(() => document.querySelector("#nav-page")?.textContent === "Page 2");
    await page.waitForFunction(() => document.querySelector("#navigator .navigator-page")?.textContent === "Island on page 2");
    expect(await path(page)).toBe("/nav?page=2");
    expect(await sameDocument(page)).toBe(true);
    // pushed: back returns to page 1, still live
    await page.goBack();
    await page.waitForFunction(() => document.querySelector("#nav-page")?.textContent === "Page 1");
    expect(loads).toEqual(["/nav"]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("a navigate Link mounts another live view of the session without a page load", async () => {
    const { page, problems, loads } = await open("/nav");
    await page.getByRole("link", { name: "To the modes" }).click();
    await page.waitForFunction(() => document.querySelector("#modes")?.textContent === "Modes: eager");
    await connected(page);
    expect(await sameDocument(page)).toBe(true);
    expect(await path(page)).toBe("/modes");
    expect(loads).toEqual(["/nav"]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("useNavigation(): patch (replacing the history entry) and navigate from event handlers", async () => {
    const { page, problems, loads } = await open("/nav");
    const length = await page.evaluate(() => history.length);
    await page.getByRole("button", { name: "Ten pages on" }).click();
    await page.waitForFunction(() => document.querySelector("#nav-page")?.textContent === "Page 11");
    expect(await path(page)).toBe("/nav?page=11");
    expect(await page.evaluate(() => history.length)).toBe(length);
    await page.getByRole("button", { name: "To the idle modes" }).click();
    await page.waitForFunction(() => document.querySelector("#modes")?.textContent === "Modes: idle");
    expect(await sameDocument(page)).toBe(true);
    expect(loads).toEqual(["/nav"]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("a Link whose onClick prevents the default is not followed", async () => {
    const { page, problems } = await open("/nav");
    await page.getByRole("link", { name: "Nowhere" }).click();
    // ten pages on from where the island is: from page 1 had the link not been followed, from 99 otherwise
    await page.getByRole("button", { name: "Ten pages on" }).click();
    await page.waitForFunction(() => /^Page \d+$/.test(document.querySelector("#nav-page")?.textContent ?? "") && location.search !== "");
    expect(await page.textContent("#nav-page")).toBe("Page 11");
    expect(problems).toEqual([]);
    await page.close();
  });
});
