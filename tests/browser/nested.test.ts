/**
 * Nested and sticky live views with the official client: a child joins on its own topic,
 * keeps its state while the parent re-renders, crashes alone, and a sticky view in a
 * layout survives live navigation without a new join.
 */
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { connected, watchErrors } from "../support/browser.js";
import { inChromium } from "../support/chromium-suite.js";
import { startFixtureServer } from "../support/fixture-server.js";
import { nestedRoutes } from "../support/views/nested.js";

const env = inChromium(() => startFixtureServer(nestedRoutes));

type Sent = [string | null, string | null, string, string, Record<string, unknown>];

async function open(path: string): Promise<{ page: Page; errors: string[]; sent: Sent[] }> {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const errors = watchErrors(page);
  const sent: Sent[] = [];
  page.on("websocket", (ws) => ws.on("framesent", (f) => sent.push(JSON.parse(String(f.payload)) as Sent)));
  await page.goto(env.server.url + path);
  await connected(page);
  return { page, errors, sent };
}

const joins = (sent: Sent[], topic: string) => sent.filter(([, , t, event]) => t === topic && event === "phx_join").length;

describe("nested live views in Chromium", () => {
  it("join the child on its own topic; each keeps its state while the other changes", async () => {
    const { page, errors, sent } = await open("/nested");
    await page.waitForSelector("#counter.phx-connected");
    expect(await page.textContent("#child-count")).toBe("child 5");
    await page.click("#tick");
    await expect.poll(() => page.textContent("#child-count")).toBe("child 6");
    await page.click("#inc");
    await expect.poll(() => page.textContent("#parent-n")).toBe("parent 1");
    expect(await page.textContent("#child-count")).toBe("child 6");
    // the child's events went to the child's topic, the parent's to the parent's
    const mainId = await page.getAttribute("[data-phx-main]", "id");
    const events = sent.filter(([, , , e]) => e === "event").map(([, , t, , p]) => `${t}:${String(p.event)}`);
    expect(events).toEqual(["lv:counter:tick", `lv:${mainId}:inc`]);
    expect(joins(sent, "lv:counter")).toBe(1);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("talk to each other through socket.parent and PubSub", async () => {
    const { page } = await open("/nested");
    await page.waitForSelector("#counter.phx-connected");
    await page.click("#tick");
    await page.click("#tell");
    await expect.poll(() => page.textContent("#said")).toBe("count is 6");
    await page.click("#shout");
    await expect.poll(() => page.textContent("#child-heard")).toBe("hello child");
    await page.context().close();
  });

  it("restart only the child after it crashes: the parent keeps its state, no page reload", async () => {
    const { page, sent } = await open("/nested");
    await page.waitForSelector("#counter.phx-connected");
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
    await page.click("#inc");
    await page.click("#tick");
    await expect.poll(() => page.textContent("#child-count")).toBe("child 6");
    await page.click("#boom");
    // the client rejoins the crashed child by itself; its state starts over
    await expect.poll(() => joins(sent, "lv:counter"), { timeout: 10_000 }).toBe(2);
    await expect.poll(() => page.textContent("#child-count")).toBe("child 5");
    await page.waitForSelector("#counter.phx-connected");
    expect(await page.textContent("#parent-n")).toBe("parent 1");
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
    const mainId = await page.getAttribute("[data-phx-main]", "id");
    expect(joins(sent, `lv:${mainId}`)).toBe(1);
    await page.context().close();
  });

  it("leave the child when the parent removes its container, and join a fresh one when it comes back", async () => {
    const { page, sent } = await open("/nested");
    await page.waitForSelector("#counter.phx-connected");
    await page.click("#tick");
    await page.click("#toggle");
    await expect.poll(() => page.$("#counter")).toBeNull();
    await expect.poll(() => sent.some(([, , t, e]) => t === "lv:counter" && e === "phx_leave")).toBe(true);
    await page.click("#toggle");
    await expect.poll(() => page.textContent("#child-count")).toBe("child 5");
    expect(joins(sent, "lv:counter")).toBe(2);
    await page.context().close();
  });

  it("keep a sticky view across live navigation: same state, same DOM, no new join", async () => {
    const { page, errors, sent } = await open("/sticky/a");
    await page.waitForSelector("#scratchpad.phx-connected");
    await page.fill("#scratchpad textarea", "remember the milk");
    await expect.poll(() => page.textContent("#pad-saved")).toBe("remember the milk");
    await page.$eval("#scratchpad textarea", (el) => ((el as unknown as { marker: number }).marker = 7));
    await page.click("a[href='/sticky/b']");
    await expect.poll(() => page.textContent("h1")).toBe("B");
    expect(await page.inputValue("#scratchpad textarea")).toBe("remember the milk");
    expect(await page.$eval("#scratchpad textarea", (el) => (el as unknown as { marker?: number }).marker)).toBe(7);
    expect(joins(sent, "lv:scratchpad")).toBe(1);
    // still live after the navigation
    await page.fill("#scratchpad textarea", "and eggs");
    await expect.poll(() => page.textContent("#pad-saved")).toBe("and eggs");
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
