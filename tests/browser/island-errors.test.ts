/**
 * Island failures stay in their island, in Chromium with the official client: a server
 * render that throws renders the fallback, a browser render that throws keeps the HTML
 * shown, a hydration mismatch names the island and the text; each reaches the server's
 * telemetry as an island_error span with the island's Name#id, and /metrics counts it.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Page } from "playwright-core";
import type { IslandErrorEvent, TelemetryEvent } from "../../server/index.js";
import { connected } from "../support/browser.js";
import { inChromium } from "../support/chromium-suite.js";
import { startFixtureServer } from "../support/fixture-server.js";
import { islandModeRoutes } from "../support/views/island-modes.js";

let events: TelemetryEvent[] = [];
const env = inChromium(async () => {
  const server = await startFixtureServer(islandModeRoutes());
  server.lagoon.app.get("/metrics", server.lagoon.metrics());
  server.lagoon.onTelemetry((e) => events.push(e));
  return server;
});
afterEach(() => {
  events = [];
  vi.restoreAllMocks();
});

const islandErrors = () => events.filter((e): e is IslandErrorEvent => e.name === "island_error");

/** Waits for the island_error span matching `like` (browser reports leave the page within a second or two). */
async function reported(like: Partial<IslandErrorEvent>): Promise<IslandErrorEvent> {
  const matches = (e: IslandErrorEvent) => Object.entries(like).every(([k, v]) => e[k as keyof IslandErrorEvent] === v);
  await expect.poll(() => islandErrors().some(matches), { timeout: 10_000 }).toBe(true);
  return islandErrors().find(matches)!;
}

async function open(path: string): Promise<{ page: Page; errors: string[] }> {
  const page = await env.browser.newPage();
  const errors: string[] = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  await page.goto(env.server.url + path);
  await connected(page);
  return { page, errors };
}

/** The view lives on: its events still work, and so does the island beside the failed one. */
async function viewLives(page: Page): Promise<void> {
  await page.getByRole("button", { name: "bump" }).click();
  await page.waitForFunction(() => document.querySelector("#bumps")?.textContent === "1");
  await page.waitForSelector("#clicker .clicker[data-up]");
  await page.getByRole("button", { name: "Clicked 0" }).click();
  await page.getByRole("button", { name: "Clicked 1" }).waitFor();
}

const marker = (page: Page) => page.getAttribute("#glitch [data-island-root]", "data-island-error");

describe("island failures in Chromium", () => {
  it("a server render that throws: the fallback in the page, then the browser renders the island anew", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const html = await (await fetch(`${env.server.url}/glitch?fail=server`)).text();
    // the root: the marker, the island's state (for the browser's render), then the fallback
    expect(html).toMatch(
      /data-island-error="server"><script type="application\/json" data-island-state="[\w-]+">[^<]*<\/script>The glitch is resting\.<\/div>/,
    );
    expect(await reported({ phase: "server" })).toEqual({
      name: "island_error",
      view: "GlitchLive",
      route: "/glitch",
      id: expect.stringMatching(/^phx-/),
      island: "Glitch",
      islandId: "glitch",
      phase: "server",
    });
    expect(String(logged.mock.calls[0]?.[0])).toBe("[lagoon] island Glitch#glitch failed to render on the server in GlitchLive:");
    const { page, errors } = await open("/glitch?fail=server");
    await page.waitForFunction(() => document.querySelector("#glitch .glitch-text")?.textContent === "all is well");
    expect(await marker(page)).toBeNull();
    await viewLives(page);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("a browser render that throws keeps the server's HTML, marked, and is reported with Name#id", async () => {
    const { page, errors } = await open("/glitch?fail=browser");
    await page.waitForFunction(() => document.querySelector("#glitch [data-island-root]")?.getAttribute("data-island-error") === "render");
    expect(await page.textContent("#glitch .glitch-text")).toBe("all is well");
    await viewLives(page);
    // the view's patches since left the marker alone
    expect(await marker(page)).toBe("render");
    const span = await reported({ phase: "render" });
    expect(span).toMatchObject({ view: "GlitchLive", route: "/glitch", island: "Glitch", islandId: "glitch" });
    expect(
      errors.some((e) => e.includes("[lagoon] island Glitch#glitch failed (render)") && e.includes("Glitch failed in the browser")),
    ).toBe(true);
    await page.close();
  });

  it("new props that make it throw keep what it showed; the island is marked and the view goes on", async () => {
    const { page, errors } = await open("/glitch");
    await page.waitForSelector("#clicker .clicker[data-up]");
    await page.getByRole("button", { name: "boom" }).click();
    await page.waitForFunction(() => document.querySelector("#glitch [data-island-root]")?.getAttribute("data-island-error") === "render");
    expect(await page.textContent("#glitch .glitch-text")).toBe("all is well");
    await viewLives(page);
    await reported({ phase: "render", islandId: "glitch" });
    expect(errors.filter((e) => !e.includes("Glitch#glitch"))).toEqual([]);
    await page.close();
  });

  it("a hydration mismatch names the island and the differing text; React renders it anew", async () => {
    const { page, errors } = await open("/glitch?fail=mismatch");
    await page.waitForFunction(() => document.querySelector("#glitch .glitch-text")?.textContent === "drawn in the browser");
    await expect.poll(() => errors.find((e) => e.includes("Glitch#glitch failed (hydration)"))).toBeDefined();
    const logged = errors.find((e) => e.includes("Glitch#glitch failed (hydration)"))!;
    expect(logged).toContain(`the server rendered "drawn on the server", the browser "drawn in the browser"`);
    expect(await marker(page)).toBeNull();
    await reported({ phase: "hydration", island: "Glitch", islandId: "glitch" });
    await page.close();
  });

  it("/metrics counts island failures by island and phase", async () => {
    const { page } = await open("/glitch?fail=browser");
    await reported({ phase: "render" });
    const text = await (await fetch(`${env.server.url}/metrics`)).text();
    expect(text).toMatch(/^lagoon_island_errors_total\{island="Glitch",phase="render"\} [1-9]/m);
    await page.close();
  });
});
