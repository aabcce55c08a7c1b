/**
 * React islands through the official client in Chromium, on the fixture app's Dial island:
 * the server's HTML, hydration, typed events and replies, refusals, commands, reconnects,
 * load strategies and lifecycle. Asserts on what a user sees and on the network.
 */
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { startFixtureServer } from "../support/fixture-server.js";
import { connected, islandReady, watchProblems } from "../support/browser.js";
import { inChromium } from "../support/chromium-suite.js";
import { counterRoutes } from "../support/views/counter.js";
import { islandRoutes } from "../support/views/islands.js";

const env = inChromium(() => startFixtureServer([...islandRoutes(), ...counterRoutes()]));

interface Opened {
  page: Page;
  /** Console errors and warnings, and page errors. */
  problems: string[];
  /** Every script the page requested. */
  scripts: string[];
}

async function open(path: string, wait = true): Promise<Opened> {
  const page = await env.browser.newPage();
  // the island's server-rendered heading, to tell hydration (keeps the node) from a client render (replaces it)
  await page.addInitScript(() =>
    document.addEventListener("DOMContentLoaded", () => {
      (window as any).__ssrHeading = document.querySelector("#dial h2");
    }),
  );
  const problems = watchProblems(page);
  const scripts: string[] = [];
  page.on("request", (r) => {
    if (r.resourceType() === "script" || r.url().endsWith(".js")) scripts.push(new URL(r.url()).pathname);
  });
  await page.goto(env.server.url + path);
  if (wait) await connected(page);
  return { page, problems, scripts };
}

/** React adopted the server's DOM instead of rendering its own. */
const keptServerDom = (page: Page) =>
  page.evaluate(() => !!(window as any).__ssrHeading && document.querySelector("#dial h2") === (window as any).__ssrHeading);

const ready = (page: Page) => islandReady(page, "dial");
const count = (page: Page) => page.textContent("#dial .dial-count");
const countIs = (page: Page, n: string) => page.waitForFunction((n) => document.querySelector("#dial .dial-count")?.textContent === n, n);

describe("an island in Chromium", () => {
  it("serves the island's server-rendered HTML to a browser without JavaScript", async () => {
    const context = await env.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(env.server.url + "/dial");
    expect(await page.textContent("#dial h2")).toBe("Far: 0");
    expect(await page.getByRole("button", { name: "Add 1" }).isDisabled()).toBe(true);
    expect(await page.getByLabel("Label").inputValue()).toBe("Far");
    await context.close();
  });

  it("hydrates without console errors or warnings, loading the island's chunks", async () => {
    const { page, problems, scripts } = await open("/dial");
    await ready(page);
    expect(await keptServerDom(page)).toBe(true);
    expect(scripts.some((s) => /\/assets\/dial-[\w-]+\.js$/.test(s))).toBe(true);
    expect(scripts.some((s) => /\/assets\/react-[\w-]+\.js$/.test(s))).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("keeps the island's React state when new props arrive from the server", async () => {
    const { page, problems } = await open("/dial");
    await ready(page);
    await page.getByLabel("Step").fill("5");
    await page.getByLabel("Label").fill("draft label");
    await page.getByRole("button", { name: "+1 from the server" }).click();
    await countIs(page, "1");
    expect(await page.getByLabel("Step").inputValue()).toBe("5");
    expect(await page.getByLabel("Label").inputValue()).toBe("draft label");
    expect(await page.getByRole("button", { name: "Add 5" }).count()).toBe(1);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("sends typed events to the server, whose new props come back; replies are typed", async () => {
    const { page, problems } = await open("/dial");
    await ready(page);
    await page.getByLabel("Step").fill("3");
    await page.getByRole("button", { name: "Add 3" }).click();
    await countIs(page, "3");
    expect(await page.textContent("#server-count")).toBe("Server count: 3");
    expect(await page.textContent("#server-log li")).toBe("island: +3");

    const label = `</script>"Pears" & 'plums' 🍐`;
    await page.getByLabel("Label").fill(label);
    await page.getByRole("button", { name: "Rename" }).click();
    await page.waitForFunction(() => document.querySelector("#dial .dial-note")?.textContent?.startsWith("Renamed"));
    expect(await page.textContent("#dial .dial-note")).toBe(`Renamed to ${label} (${[...label].length} characters)`);
    expect(await page.textContent("#dial h2")).toBe(`${label}: 3`);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("refuses forged payloads with an error reply and changes nothing", async () => {
    const { page, problems } = await open("/dial");
    await ready(page);
    const outcomes = await page.evaluate(async () => {
      const hook = (window as any).liveSocket.main.getHook(document.getElementById("dial")!);
      const forged: [string, unknown][] = [
        ["Dial:add", { id: "dial", payload: { by: "lots" } }],
        ["Dial:add", { id: "dial", payload: { by: 11 } }],
        ["Dial:add", { id: "dial", payload: { by: 1.5 } }],
        ["Dial:rename", { id: "dial", payload: { label: "   " } }],
        ["Dial:rename", { id: "dial", payload: {} }],
        ["Dial:explode", { id: "dial", payload: {} }],
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
    // nothing changed, and a real event still works afterwards
    expect(await count(page)).toBe("0");
    expect(await page.textContent("#dial h2")).toBe("Far: 0");
    expect(await page.$$eval("#server-log li", (lis) => lis.length)).toBe(0);
    await page.getByRole("button", { name: "Add 1" }).click();
    await countIs(page, "1");
    // refusals are ok replies carrying the reason: the client logs nothing and keeps the hook's element unlocked
    expect(problems).toEqual([]);
    expect(await page.$$eval("#dial, #dial *", (els) => els.filter((e) => e.hasAttribute("data-phx-ref-lock")).length)).toBe(0);
    await page.close();
  });

  it("delivers server commands to the island", async () => {
    const { page, problems } = await open("/dial");
    await ready(page);
    await page.getByRole("button", { name: "Send a command" }).click();
    await page.waitForFunction(() => document.querySelector("#dial .dial-flashes li")?.textContent === "Hello from the server #1");
    await page.getByRole("button", { name: "Send a command" }).click();
    await page.waitForFunction(() => document.querySelectorAll("#dial .dial-flashes li").length === 2);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("survives a reconnect with its React state, and sends events again after it", async () => {
    const { page, problems } = await open("/dial");
    await ready(page);
    await page.getByLabel("Step").fill("4");
    await page.evaluate(() => (window as any).liveSocket.disconnect());
    await page.waitForFunction(() => document.querySelector<HTMLButtonElement>("#dial button[type=button]")?.disabled === true);
    await page.evaluate(() => (window as any).liveSocket.connect());
    await connected(page);
    await ready(page);
    expect(await page.getByLabel("Step").inputValue()).toBe("4");
    await page.getByRole("button", { name: "Add 4" }).click();
    await countIs(page, "4");
    expect(problems).toEqual([]);
    await page.close();
  });

  it("a page without islands downloads no island or React chunk", async () => {
    const { page, scripts, problems } = await open("/counter");
    await page.getByRole("button", { name: "+", exact: true }).click();
    await page.waitForFunction(() => document.querySelector("h1")?.textContent === "Count: 1");
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter((s) => /react|island|dial|echo|jsx/.test(s))).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe("island loading and lifecycle in Chromium", () => {
  it('load: "visible" fetches the island only when it scrolls into view', async () => {
    const { page, scripts, problems } = await open("/dial?load=visible&far=1");
    await page.waitForTimeout(300);
    expect(scripts.some((s) => s.includes("/react-"))).toBe(false);
    await page.locator("#dial").scrollIntoViewIfNeeded();
    await ready(page);
    expect(scripts.some((s) => s.includes("/react-"))).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("hydrates with the props the HTML was rendered with, then shows the join's props", async () => {
    const { page, problems } = await open("/dial?drift=1", false);
    await ready(page);
    await countIs(page, "7");
    expect(await keptServerDom(page)).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('load: "idle" fetches the island without any interaction', async () => {
    const { page, problems } = await open("/dial?load=idle");
    await ready(page);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("unmounts an island that leaves and hydrates the one that comes back", async () => {
    const { page, problems } = await open("/dial");
    await ready(page);
    await page.getByRole("button", { name: "toggle" }).click();
    await page.waitForFunction(() => !document.getElementById("dial"));
    await page.getByRole("button", { name: "toggle" }).click();
    await ready(page);
    expect(await page.textContent("#dial h2")).toBe("Far: 2");
    await page.getByRole("button", { name: "Add 1" }).click();
    await countIs(page, "3");
    expect(problems).toEqual([]);
    await page.close();
  });
});
