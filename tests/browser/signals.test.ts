/**
 * Browser signals from real Chromium with the official client and Lagoon's bundle: what the
 * page measures arrives at the server as `client` telemetry events, labelled with the
 * server's own names.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Page } from "playwright-core";
import type { ClientEvent, TelemetryEvent } from "../../server/index.js";
import { connected } from "../support/browser.js";
import { inChromium } from "../support/chromium-suite.js";
import { startFixtureServer } from "../support/fixture-server.js";
import { coreRoutes } from "../support/views/core.js";
import { islandRoutes } from "../support/views/islands.js";

let events: TelemetryEvent[] = [];
const env = inChromium(async () => {
  const server = await startFixtureServer([...coreRoutes(), ...islandRoutes()]);
  server.lagoon.onTelemetry((e) => events.push(e));
  return server;
});
afterEach(() => {
  events = [];
  vi.restoreAllMocks();
});

const client = (kind: ClientEvent["kind"]) => events.filter((e): e is ClientEvent => e.name === "client" && e.kind === kind);

/** Waits for a client event of `kind` matching `like`, and returns it. */
async function signal(kind: ClientEvent["kind"], like: Partial<ClientEvent> = {}): Promise<ClientEvent> {
  const matches = (e: ClientEvent) => Object.entries(like).every(([k, v]) => e[k as keyof ClientEvent] === v);
  // a batch leaves the page a second after its first signal; a reconnect waits up to a second more
  await expect.poll(() => client(kind).some(matches), { timeout: 10_000 }).toBe(true);
  return client(kind).find(matches)!;
}

async function open(path: string): Promise<Page> {
  const page = await (await env.browser.newContext()).newPage();
  await page.goto(env.server.url + path);
  await connected(page);
  return page;
}

/** A tab switched away from: the page reports the vitals and sends what is queued. */
const hide = (page: Page) =>
  page.evaluate(() => {
    Object.defineProperty(document, "visibilityState", { value: "hidden", configurable: true });
    document.dispatchEvent(new Event("visibilitychange"));
  });

describe("browser signals", () => {
  it("report the round trip of an event as felt, never shorter than its handling, and of the join", async () => {
    const page = await open("/order");
    await signal("join", { view: "OrderLive", route: "/order" });
    await page.getByRole("button", { name: "slow" }).click();
    await page.getByText("slow", { exact: true }).first().waitFor();
    const felt = await signal("event", { view: "OrderLive", event: "slow" });
    expect(felt.route).toBe("/order");
    const handled = events.find((e) => e.name === "event" && e.event === "slow")!;
    // the handler sleeps 50 ms; the browser's time adds the network and the patch (the
    // server's own span is timed on another clock, so the two are not compared here)
    expect(felt.value).toBeGreaterThanOrEqual(50);
    expect((handled as { duration: number }).duration).toBeGreaterThanOrEqual(50);
    await page.context().close();
  });

  it("report reconnects with the cause of the close before them", async () => {
    const page = await open("/order");
    for (const ws of env.server.lagoon.live.wss.clients) ws.close(1001, "restarting");
    const away = await signal("reconnect", { cause: "going_away" });
    expect(away.value).toBeGreaterThan(0);
    await connected(page);
    await expect.poll(() => env.server.lagoon.live.size, { timeout: 10_000 }).toBe(1);
    for (const ws of env.server.lagoon.live.wss.clients) ws.terminate();
    await signal("reconnect", { cause: "connection_lost" });
    await page.context().close();
  });

  it("report JavaScript errors, from an island with its Name#id, and island hydration", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const page = await open("/echo");
    const hydrated = await signal("hydrate", { island: "Echo" });
    expect(hydrated.value).toBeGreaterThan(0);
    await page.evaluate(() => setTimeout(() => Promise.reject(new Error("a page's own failure"))));
    expect(await signal("error", { view: "EchoLive", island: "" })).toMatchObject({ route: "/echo" });
    // a render that throws in the browser only
    await page.evaluate(() => {
      const hook = (window as any).liveSocket.main.getHook(document.getElementById("echo"));
      return hook.pushEvent("set", { text: "crash in the browser" });
    });
    await signal("error", { view: "EchoLive", island: "Echo" });
    // the message is in the server's log only, with where it came from
    await expect
      .poll(() => logged.mock.calls.map((c) => String(c[0])))
      .toContainEqual(expect.stringContaining("browser error in EchoLive (island Echo#echo): Error: Echo crashed on purpose"));
    await page.context().close();
  });

  it("report Largest Contentful Paint, Interaction to Next Paint and Cumulative Layout Shift", async () => {
    const page = await open("/order");
    // an interaction ends the LCP and is one for INP
    await page.getByRole("button", { name: "fast" }).click();
    await page.getByText("fast", { exact: true }).first().waitFor();
    // the browser times an interaction once the frame after it painted; a user hides the tab later still
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 50)))));
    await hide(page);
    const lcp = await signal("lcp", { route: "/order" });
    expect(lcp.value).toBeGreaterThan(0);
    expect((await signal("inp", { route: "/order" })).value).toBeGreaterThan(0);
    expect((await signal("cls", { route: "/order" })).value).toBeGreaterThanOrEqual(0);
    await page.context().close();
  });

  it("report the vitals of a tab closed while in view, before its socket goes", async () => {
    const page = await open("/order");
    await page.getByRole("button", { name: "fast" }).click();
    await page.getByText("fast", { exact: true }).first().waitFor();
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 50)))));
    // as a user closing the tab: pagehide, then the page is hidden, then unload
    await page.close({ runBeforeUnload: true });
    expect((await signal("inp", { route: "/order" })).value).toBeGreaterThan(0);
    expect((await signal("cls", { route: "/order" })).value).toBeGreaterThanOrEqual(0);
    await page.context().close();
  });
});
