/**
 * Islands' load modes in Chromium with the official client: when each one fetches the
 * island's code and hydrates it, what "interaction" replays, and client-only islands that
 * the server never renders (nor imports).
 */
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { connected } from "../support/browser.js";
import { inChromium } from "../support/chromium-suite.js";
import { startFixtureServer } from "../support/fixture-server.js";
import { islandModeRoutes } from "../support/views/island-modes.js";

const env = inChromium(() => startFixtureServer(islandModeRoutes()));

interface Opened {
  page: Page;
  problems: string[];
  /** The paths of the scripts the page requested. */
  scripts: string[];
}

async function open(path: string, viewport = { width: 800, height: 600 }): Promise<Opened> {
  const page = await env.browser.newPage({ viewport });
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  const scripts: string[] = [];
  page.on("request", (r) => {
    if (r.url().endsWith(".js")) scripts.push(new URL(r.url()).pathname);
  });
  await page.goto(env.server.url + path);
  await connected(page);
  return { page, problems, scripts };
}

/** React has run the island's effects: it is hydrated (or rendered) and live. */
const up = (page: Page, id = "clicker") => page.waitForSelector(`#${id} .clicker[data-up]`);
const reactLoaded = (scripts: string[]) => scripts.some((s) => s.includes("/react-"));

/** A round trip to the server and back: whatever the page would have fetched by now, it has asked for. */
async function settle(page: Page): Promise<void> {
  const before = Number(await page.textContent("#bumps"));
  await page.getByRole("button", { name: "bump" }).click();
  await page.waitForFunction((n) => document.querySelector("#bumps")?.textContent === String(n), before + 1);
}

describe("load modes in Chromium", () => {
  it('"eager", "idle" and an idle timeout load at once or soon, without any interaction', async () => {
    for (const load of ["eager", "idle", "idle-timeout"]) {
      const { page, problems } = await open(`/modes?load=${load}`);
      await up(page);
      expect(await page.textContent("#clicker h2")).toBe(`Loaded ${load}`);
      expect(problems).toEqual([]);
      await page.close();
    }
  });

  it("an idle timeout loads the island on a main thread that is never idle", async () => {
    const page = await env.browser.newPage();
    // back-to-back 20 ms tasks from before the page's scripts run: the browser never has an
    // idle period, so requestIdleCallback runs a callback only when its timeout is up
    await page.addInitScript(() => {
      const w = window as unknown as { __idled: boolean; __timeouts: (number | undefined)[] };
      w.__idled = false;
      requestIdleCallback(() => (w.__idled = true));
      // the timeouts asked for: the island's own, not a default
      w.__timeouts = [];
      const ask = window.requestIdleCallback.bind(window);
      window.requestIdleCallback = (fn, opts) => (w.__timeouts.push(opts?.timeout), ask(fn, opts));
      // a message channel, not setTimeout: nested timeouts are clamped to 4 ms, and those gaps are idle
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        const until = performance.now() + 20;
        while (performance.now() < until);
        channel.port2.postMessage(null);
      };
      channel.port2.postMessage(null);
    });
    await page.goto(env.server.url + "/modes?load=idle-timeout");
    await up(page);
    // the page was never idle (a callback without a timeout is still waiting), yet the island is up
    expect(await page.evaluate(() => (window as unknown as { __idled: boolean }).__idled)).toBe(false);
    expect(await page.evaluate(() => (window as unknown as { __timeouts: unknown[] }).__timeouts)).toEqual([50]);
    await page.close();
  });

  it('"visible" waits for the container to come near the viewport; a wide rootMargin loads it from afar', async () => {
    const near = await open("/modes?load=visible&far=1");
    await settle(near.page);
    expect(reactLoaded(near.scripts)).toBe(false);
    await near.page.locator("#clicker").scrollIntoViewIfNeeded();
    await up(near.page);
    await near.page.close();

    // 6000px below the viewport counts as visible: it loads without scrolling
    const wide = await open("/modes?load=visible-margin&far=1");
    await up(wide.page);
    expect(await wide.page.evaluate(() => window.scrollY)).toBe(0);
    expect(wide.problems).toEqual([]);
    await wide.page.close();
  });

  it('"media" loads once its query matches, and at once where it already does', async () => {
    const narrow = await open("/modes?load=media");
    await settle(narrow.page);
    expect(reactLoaded(narrow.scripts)).toBe(false);
    await narrow.page.setViewportSize({ width: 1200, height: 600 });
    await up(narrow.page);
    expect(narrow.problems).toEqual([]);
    await narrow.page.close();

    const wide = await open("/modes?load=media", { width: 1200, height: 600 });
    await up(wide.page);
    await wide.page.close();
  });

  it('"interaction" loads on the first press and replays it: the click made before React ran counts', async () => {
    const { page, scripts, problems } = await open("/modes?load=interaction");
    await settle(page);
    expect(reactLoaded(scripts)).toBe(false);
    // the server's button, before the island's code is even fetched
    await page.getByRole("button", { name: "Clicked 0" }).click();
    await page.getByRole("button", { name: "Clicked 1" }).waitFor();
    expect(reactLoaded(scripts)).toBe(true);
    // React owns it now: a second click counts once more
    await page.getByRole("button", { name: "Clicked 1" }).click();
    await page.getByRole("button", { name: "Clicked 2" }).waitFor();
    expect(problems).toEqual([]);
    await page.close();
  });

  it('"interaction" wakes on focus and replays it to React', async () => {
    const { page, problems } = await open("/modes?load=interaction");
    await page.getByLabel("Note").focus();
    await page.waitForFunction(() => document.querySelector("#clicker .clicker-focus")?.textContent === "focused");
    await up(page);
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe("Note");
    expect(problems).toEqual([]);
    await page.close();
  });

  it('"only" renders in the browser alone: the page arrives with the fallback, React renders the island over it', async () => {
    const html = await (await fetch(`${env.server.url}/modes?load=only`)).text();
    expect(html).toContain("The clicker is on its way.");
    expect(html).not.toContain("Clicked 0");
    const { page, problems } = await open("/modes?load=only");
    await up(page);
    expect(await page.textContent("#clicker h2")).toBe("Loaded only");
    expect(await page.locator("#clicker [data-island-fallback]").count()).toBe(0);
    await page.getByRole("button", { name: "Clicked 0" }).click();
    await page.getByRole("button", { name: "Clicked 1" }).waitFor();
    expect(problems).toEqual([]);
    await page.close();
  });

  it('client-only islands (*.client.tsx, or a contract saying load: "only"; reading window as they load) render in the browser, when their mode says', async () => {
    const { page, problems } = await open("/client-only");
    const width = await page.evaluate(() => window.innerWidth);
    await page.waitForFunction((w) => document.querySelector("#size .window-size")?.textContent === `This window: ${w} px wide`, width);
    // client-only by its contract's load: "only" (an ordinary module name the server never imported)
    const depth = await page.evaluate(() => window.screen.colorDepth);
    await page.waitForFunction((d) => document.querySelector("#depth .color-depth")?.textContent === `This screen: ${d} bits`, depth);
    expect(await page.locator("#depth [data-island-fallback]").count()).toBe(0);
    await settle(page);
    expect(await page.textContent("#size-later .later")).toBe("Later…");
    await page.locator("#size-later").scrollIntoViewIfNeeded();
    await page.waitForFunction(() => document.querySelector("#size-later .window-size")?.textContent?.startsWith("Later: "));
    expect(problems).toEqual([]);
    await page.close();
  });
});
