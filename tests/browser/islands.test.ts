/**
 * React islands through the official client in Chromium: the demo's /islands page (Tally)
 * and fixture pages for load strategies. Asserts on what a user sees and on the network.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { startServer, type TestServer } from "../support/server.js";
import { startFixtureServer } from "../support/fixture-server.js";
import { connected, launchBrowser } from "../support/browser.js";
import { islandRoutes } from "../support/views/islands.js";

let demo: TestServer;
let fixtures: Awaited<ReturnType<typeof startFixtureServer>>;
let browser: Browser;
beforeAll(async () => {
  [demo, fixtures, browser] = await Promise.all([startServer(), startFixtureServer(islandRoutes()), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await demo?.close();
  await fixtures?.close();
});

interface Opened {
  page: Page;
  /** Console errors and warnings, and page errors. */
  problems: string[];
  /** Every script the page requested. */
  scripts: string[];
}

async function open(base: string, path: string, wait = true): Promise<Opened> {
  const page = await browser.newPage();
  // the island's server-rendered heading, to tell hydration (keeps the node) from a client render (replaces it)
  await page.addInitScript(() =>
    document.addEventListener("DOMContentLoaded", () => {
      (window as any).__ssrHeading = document.querySelector("#tally h2");
    }),
  );
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  const scripts: string[] = [];
  page.on("request", (r) => {
    if (r.resourceType() === "script" || r.url().endsWith(".js")) scripts.push(new URL(r.url()).pathname);
  });
  await page.goto(base + path);
  if (wait) await connected(page);
  return { page, problems, scripts };
}

/** React adopted the server's DOM instead of rendering its own. */
const keptServerDom = (page: Page) =>
  page.evaluate(() => !!(window as any).__ssrHeading && document.querySelector("#tally h2") === (window as any).__ssrHeading);

/** The island is hydrated and connected: React enabled its buttons. */
const hydrated = (page: Page, id = "tally") =>
  page.waitForFunction((id) => {
    const button = document.querySelector<HTMLButtonElement>(`#${id} button[type=button]`);
    return !!button && !button.disabled;
  }, id);

const islandCount = (page: Page) => page.textContent("#tally .tally-count");

describe("the /islands demo in Chromium", () => {
  it("serves the island's server-rendered HTML to a browser without JavaScript", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(demo.url + "/islands");
    expect(await page.textContent("#tally h2")).toBe("Apples: 0");
    expect(await page.getByRole("button", { name: "Add 1" }).isDisabled()).toBe(true);
    expect(await page.inputValue("#tally input:not([type=number])")).toBe("Apples");
    await context.close();
  });

  it("hydrates without console errors or warnings, loading the island's chunks", async () => {
    const { page, problems, scripts } = await open(demo.url, "/islands");
    await hydrated(page);
    expect(await keptServerDom(page)).toBe(true);
    expect(scripts.some((s) => /\/assets\/tally-[\w-]+\.js$/.test(s))).toBe(true);
    expect(scripts.some((s) => /\/assets\/island-root-[\w-]+\.js$/.test(s))).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("keeps the island's React state when new props arrive from the server", async () => {
    const { page, problems } = await open(demo.url, "/islands");
    await hydrated(page);
    await page.fill("#tally input[type=number]", "5");
    await page.fill("#tally input:not([type=number])", "draft label");
    await page.getByRole("button", { name: "+1 from the server" }).click();
    await page.waitForFunction(() => document.querySelector("#tally .tally-count")?.textContent === "1");
    expect(await page.inputValue("#tally input[type=number]")).toBe("5");
    expect(await page.inputValue("#tally input:not([type=number])")).toBe("draft label");
    expect(await page.getByRole("button", { name: "Add 5" }).count()).toBe(1);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("sends typed events to the server, whose new props come back; replies are typed", async () => {
    const { page, problems } = await open(demo.url, "/islands");
    await hydrated(page);
    await page.fill("#tally input[type=number]", "3");
    await page.getByRole("button", { name: "Add 3" }).click();
    await page.waitForFunction(() => document.querySelector("#tally .tally-count")?.textContent === "3");
    expect(await page.textContent("#server-count")).toBe("Server count: 3");
    expect(await page.textContent("#server-log li")).toBe("island: +3");

    const label = `</script>"Pears" & 'plums' 🍐`;
    await page.fill("#tally input:not([type=number])", label);
    await page.getByRole("button", { name: "Rename" }).click();
    await page.waitForFunction(() => document.querySelector("#tally .tally-note")?.textContent?.startsWith("Renamed"));
    expect(await page.textContent("#tally .tally-note")).toBe(`Renamed to ${label} (${[...label].length} characters)`);
    expect(await page.textContent("#tally h2")).toBe(`${label}: 3`);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("refuses forged payloads with an error reply and changes nothing", async () => {
    const { page, problems } = await open(demo.url, "/islands");
    await hydrated(page);
    const before = await page.content();
    const outcomes = await page.evaluate(async () => {
      const el = document.getElementById("tally")!;
      const hook = (window as any).liveSocket.main.getHook(el);
      const forged: [string, unknown][] = [
        ["Tally:add", { id: "tally", payload: { by: "lots" } }],
        ["Tally:add", { id: "tally", payload: { by: 11 } }],
        ["Tally:add", { id: "tally", payload: { by: 1.5 } }],
        ["Tally:rename", { id: "tally", payload: { label: "   " } }],
        ["Tally:rename", { id: "tally", payload: {} }],
        ["Tally:explode", { id: "tally", payload: {} }],
      ];
      const out: string[] = [];
      for (const [event, value] of forged) {
        out.push(
          await hook.pushEvent(event, value).then(
            (reply: unknown) => JSON.stringify(reply),
            (e: Error) => e.message,
          ),
        );
      }
      return out;
    });
    expect(outcomes.slice(0, 5).every((o) => o.includes('"reason":"invalid_params"'))).toBe(true);
    expect(outcomes[0]).toContain("payload.by");
    expect(outcomes[5]).toContain('"reason":"unknown_event"');
    // a real event still works afterwards, and nothing changed before it
    expect(await islandCount(page)).toBe("0");
    expect(await page.textContent("#server-count")).toBe("Server count: 0");
    expect(await page.$$eval("#server-log li", (lis) => lis.length)).toBe(0);
    await page.getByRole("button", { name: "Add 1" }).click();
    await page.waitForFunction(() => document.querySelector("#tally .tally-count")?.textContent === "1");
    expect(before).toContain("Apples");
    // refusals are ok replies carrying the reason: the client logs nothing and keeps the hook's element unlocked
    expect(problems).toEqual([]);
    expect(await page.$$eval("#tally, #tally *", (els) => els.filter((e) => e.hasAttribute("data-phx-ref-lock")).length)).toBe(0);
    await page.close();
  });

  it("delivers server commands to the island", async () => {
    const { page, problems } = await open(demo.url, "/islands");
    await hydrated(page);
    await page.getByRole("button", { name: "Send a command" }).click();
    await page.waitForFunction(() => document.querySelector("#tally .tally-flashes li")?.textContent === "Hello from the server #1");
    await page.getByRole("button", { name: "Send a command" }).click();
    await page.waitForFunction(() => document.querySelectorAll("#tally .tally-flashes li").length === 2);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("survives a reconnect with its React state, and sends events again after it", async () => {
    const { page, problems } = await open(demo.url, "/islands");
    await hydrated(page);
    await page.fill("#tally input[type=number]", "4");
    await page.evaluate(() => (window as any).liveSocket.disconnect());
    await page.waitForFunction(() => document.querySelector<HTMLButtonElement>("#tally button[type=button]")?.disabled === true);
    await page.evaluate(() => (window as any).liveSocket.connect());
    await connected(page);
    await hydrated(page);
    expect(await page.inputValue("#tally input[type=number]")).toBe("4");
    await page.getByRole("button", { name: "Add 4" }).click();
    await page.waitForFunction(() => document.querySelector("#tally .tally-count")?.textContent === "4");
    expect(problems).toEqual([]);
    await page.close();
  });

  it("a page without islands downloads no island or React chunk", async () => {
    const { page, scripts, problems } = await open(demo.url, "/counter");
    await page.getByRole("button", { name: "+", exact: true }).click();
    await page.waitForFunction(() => document.querySelector("h1")?.textContent === "Count: 1");
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter((s) => /react|island|tally|board|telemetry|jsx/.test(s))).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe("island loading and lifecycle in Chromium", () => {
  /** The fixture's island is hydrated and connected: React enabled its button. */
  const dialReady = (page: Page) => hydrated(page, "dial");
  const dialCount = (page: Page, n: string) =>
    page.waitForFunction((n) => document.querySelector("#dial .dial-count")?.textContent === n, n);

  it('load: "visible" fetches the island only when it scrolls into view', async () => {
    const { page, scripts, problems } = await open(fixtures.url, "/dial?load=visible&far=1");
    await page.waitForTimeout(300);
    expect(scripts.some((s) => s.includes("island-root"))).toBe(false);
    await page.locator("#dial").scrollIntoViewIfNeeded();
    await dialReady(page);
    expect(scripts.some((s) => s.includes("island-root"))).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("hydrates with the props the HTML was rendered with, then shows the join's props", async () => {
    const page = await browser.newPage();
    await page.addInitScript(() =>
      document.addEventListener("DOMContentLoaded", () => {
        (window as any).__ssrHeading = document.querySelector("#dial h2");
      }),
    );
    const problems: string[] = [];
    page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
    await page.goto(fixtures.url + "/dial?drift=1");
    await dialReady(page);
    await dialCount(page, "7");
    expect(await page.evaluate(() => document.querySelector("#dial h2") === (window as any).__ssrHeading)).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('load: "idle" fetches the island without any interaction', async () => {
    const { page, problems } = await open(fixtures.url, "/dial?load=idle");
    await dialReady(page);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("unmounts an island that leaves and hydrates the one that comes back", async () => {
    const { page, problems } = await open(fixtures.url, "/dial");
    await dialReady(page);
    await page.getByRole("button", { name: "toggle" }).click();
    await page.waitForFunction(() => !document.getElementById("dial"));
    await page.getByRole("button", { name: "toggle" }).click();
    await dialReady(page);
    expect(await page.textContent("#dial h2")).toBe("Far: 2");
    await page.getByRole("button", { name: "Add 1" }).click();
    await dialCount(page, "3");
    expect(problems).toEqual([]);
    await page.close();
  });
});
