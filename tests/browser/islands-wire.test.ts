/**
 * What crosses the wire to React islands, in Chromium with the official client: props as
 * diffs that keep unchanged objects' identity (React.memo holds), the first load carrying
 * the props once and rendering once on the server, typed values, unique useId, lists of
 * islands, commands past the queue's bound, live slots and streams into islands.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import type { ClientEvent, IslandErrorEvent, TelemetryEvent } from "../../server/index.js";
import { connected } from "../support/browser.js";
import { inChromium } from "../support/chromium-suite.js";
import { startFixtureServer } from "../support/fixture-server.js";
import { serverRenders } from "../support/app/islands/ledger.js";
import { islandWireRoutes } from "../support/views/island-wire.js";

let events: TelemetryEvent[] = [];
const env = inChromium(async () => {
  const server = await startFixtureServer(islandWireRoutes());
  server.lagoon.onTelemetry((e) => events.push(e));
  return server;
});
afterEach(() => {
  events = [];
});

interface Opened {
  page: Page;
  problems: string[];
  /** WebSocket frames the page received, as text. */
  frames: string[];
}

async function open(path: string): Promise<Opened> {
  const page = await (await env.browser.newContext()).newPage();
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  const frames: string[] = [];
  page.on("websocket", (ws) =>
    ws.on("framereceived", (f) => frames.push(typeof f.payload === "string" ? f.payload : f.payload.toString())),
  );
  // the server-rendered DOM, to tell hydration (keeps the nodes) from a client render
  await page.addInitScript(() =>
    document.addEventListener("DOMContentLoaded", () => {
      (window as any).__ssr = document.querySelector("[data-island-root] > :not(script)");
    }),
  );
  await page.goto(env.server.url + path);
  await connected(page);
  return { page, problems, frames };
}

const ready = (page: Page, id: string) =>
  page.waitForFunction((id) => {
    const button = document.querySelector<HTMLButtonElement>(`#${id} button[type=button]`);
    return !!button && !button.disabled;
  }, id);

const text = (page: Page, selector: string, expected: string) =>
  page.waitForFunction(([s, t]) => document.querySelector(s!)?.textContent === t, [selector, expected] as const);

const keptServerDom = (page: Page) => page.evaluate(() => !!(window as any).__ssr && (window as any).__ssr.isConnected);

/** The diff of the last event's reply, as JSON: what Lagoon put in the frame (the frame adds the protocol's fixed envelope). */
const lastDiff = (frames: string[]) => {
  const frame = [...frames].reverse().find((f) => f.includes('"phx_reply"') && f.includes('"diff"'))!;
  return JSON.stringify((JSON.parse(frame) as [unknown, unknown, unknown, unknown, { response: { diff: unknown } }])[4].response.diff);
};

describe("props as diffs in Chromium", () => {
  it("hydrate the server's HTML with typed props, transforms applied once, and no console errors", async () => {
    const { page, problems } = await open("/ledger?n=1000");
    await ready(page, "ledger");
    expect(await keptServerDom(page)).toBe(true);
    expect(await page.textContent(".ledger-title")).toBe("Ledger!");
    expect(await page.textContent(".ledger-types")).toBe("date set map bigint url");
    expect(await page.textContent(".ledger-values")).toBe(`2024-05-01T10:00:00.000Z x,y 1 ${2n ** 70n} example.com`);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("a changed field travels in under 200 bytes and re-renders only its row; an appended row costs the row", async () => {
    const { page, problems, frames } = await open("/ledger?n=1000");
    await ready(page, "ledger");
    const renders = () => page.evaluate(() => (window as any).__ledger.rows as Record<string, number>);
    expect(Object.values(await renders()).every((n) => n === 1)).toBe(true);

    await page.getByRole("button", { name: "toggle r5" }).click();
    await page.waitForSelector("#line-r5.done");
    expect(lastDiff(frames).length).toBeLessThanOrEqual(200);
    const after = await renders();
    expect(after.r5).toBe(2);
    expect(Object.entries(after).filter(([, n]) => n !== 1)).toEqual([["r5", 2]]);

    await page.getByRole("button", { name: "append" }).click();
    await text(page, "#line-n1000", "Appended");
    const row = JSON.stringify({ id: "n1000", label: "Appended", done: false });
    expect(lastDiff(frames).length).toBeLessThanOrEqual(row.length + 100);
    const now = await renders();
    expect(now.n1000).toBe(1);
    expect(Object.entries(now).filter(([, n]) => n !== 1)).toEqual([["r5", 2]]);

    // typed values change in place too
    await page.getByRole("button", { name: "later" }).click();
    await text(page, ".ledger-values", `2024-05-02T10:00:00.000Z x,y,z 1 ${2n ** 70n} example.com`);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("typed events and replies: a Date goes to the server and comes back a Date; the handler's transform ran once", async () => {
    const { page, problems } = await open("/ledger?n=1");
    await ready(page, "ledger");
    await page.getByRole("button", { name: "Stamp" }).click();
    await text(page, ".ledger-reply", "2030-01-02T03:04:06.000Z hi?");
    expect(await page.textContent("#stamps li")).toBe("2030-01-02T03:04:05.000Z hi?");
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe("the first load in Chromium", () => {
  it("renders the island once on the server and carries its props once: the join sends neither", async () => {
    const before = serverRenders.count;
    const { page, problems, frames } = await open("/ledger?n=50");
    await ready(page, "ledger");
    expect(serverRenders.count).toBe(before + 1);
    const join = frames.find((f) => f.includes('"rendered"'))!;
    expect(join).not.toContain("Row 7");
    expect(join).not.toContain("island:ledger");
    const html = await page.evaluate(() => document.documentElement.outerHTML);
    expect(html).not.toContain("data-props");
    // the hook took the state script out before React hydrated
    expect(await page.$$eval("script[data-island-state]", (s) => s.length)).toBe(0);
    await page.getByRole("button", { name: "toggle r5" }).click();
    await page.waitForSelector("#line-r5.done");
    expect(problems).toEqual([]);
    await page.close();
  });

  it("hydrates with the page's state, then shows the join's when the data changed in between", async () => {
    const { page, problems } = await open("/ledger?n=3&drift=1");
    await ready(page, "ledger");
    await text(page, ".ledger-title", "Drifted!");
    expect(await keptServerDom(page)).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("after a reconnect, the island keeps its React state and its props follow again", async () => {
    const { page, problems } = await open("/shelf");
    await ready(page, "shelf");
    await page.getByRole("button", { name: "Local 0" }).click();
    const rendersBefore = await page.evaluate(() => ({ ...(window as any).__notes }));
    await page.evaluate(() => (window as any).liveSocket.disconnect());
    await page.waitForFunction(() => document.querySelector<HTMLButtonElement>("#shelf button[type=button]")?.disabled === true);
    await page.evaluate(() => (window as any).liveSocket.connect());
    await connected(page);
    await ready(page, "shelf");
    expect(await page.textContent("#shelf button[type=button]")).toBe("Local 1");
    // the rejoin replays the stream; notes that did not change are the same objects: not rendered again
    expect(await page.evaluate(() => (window as any).__notes)).toEqual(rendersBefore);
    await page.getByRole("button", { name: "retitle" }).click();
    await text(page, ".shelf-title", "Renamed");
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe("islands on a page in Chromium", () => {
  it("each island has its own useId, the same in the server's HTML and after hydration", async () => {
    const { page, problems } = await open("/chips?n=3");
    await page.waitForFunction(() => Object.keys((window as any).__chips ?? {}).length === 3);
    const ids = await page.$$eval(".chip", (els) => els.map((e) => e.getAttribute("data-use-id")));
    expect(new Set(ids).size).toBe(3);
    expect(ids[0]).toContain("chip-0-");
    expect(problems).toEqual([]);
    await page.close();
  });

  it("a list of islands keyed by id re-renders only what changed", async () => {
    const { page, problems } = await open("/chips?n=100");
    const renders = () => page.evaluate(() => ({ ...(window as any).__chips }) as Record<string, number>);
    await page.waitForFunction(() => Object.keys((window as any).__chips ?? {}).length === 100);
    const before = await renders();
    await page.getByRole("button", { name: "prepend" }).click();
    await text(page, "#chips li:first-child .chip", "chip 100");
    await page.getByRole("button", { name: "rename 5" }).click();
    await page.waitForFunction(() => (window as any).__chips["chip 5!"] === 1);
    // the new island rendered (hydrated), the renamed one rendered once; no other island rendered again
    const changed = Object.entries(await renders()).filter(([label, n]) => before[label] !== n);
    expect(changed.map(([label]) => label).sort()).toEqual(["chip 100", "chip 5!"]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("commands pushed before the island loads wait for it; past the queue's bound, each dropped one is an error in the console and in telemetry", async () => {
    const { page, problems } = await open("/ledger-far?n=1");
    await page.getByRole("button", { name: "flood" }).click();
    // the commands arrived (with the reply's diff) before the island's code loads
    await text(page, "#other", "other: 1");
    expect(await page.evaluate(() => (window as any).__ledger)).toBeUndefined();
    await page.locator("#ledger").scrollIntoViewIfNeeded();
    await page.waitForFunction(() => (window as any).__ledger?.marks.length === 200);
    const marks = await page.evaluate(() => (window as any).__ledger.marks as string[]);
    expect(marks[0]).toBe("0:2024-01-01T00:00:00.000Z");
    expect(marks[199]).toMatch(/^199:/);
    const dropped = problems.filter((p) => p.includes("commands wait for a handler; this one is dropped"));
    expect(dropped).toHaveLength(50);
    await expect
      .poll(() => events.filter((e): e is ClientEvent => e.name === "client" && e.kind === "error" && e.island === "Ledger").length, {
        timeout: 10_000,
      })
      .toBeGreaterThan(0);
    // and an island_error span of phase "commands", as /metrics and /dashboard count it
    await expect
      .poll(
        () =>
          events.some(
            (e) =>
              e.name === "island_error" && (e as IslandErrorEvent).islandId === "ledger" && (e as IslandErrorEvent).phase === "commands",
          ),
        { timeout: 10_000 },
      )
      .toBe(true);
    await page.close();
  });
});

describe("slots in Chromium", () => {
  it("show the view's live HTML inside React's layout: clicks, a live component and a stream in it update by diffs; React keeps its state", async () => {
    const { page, problems } = await open("/shelf");
    await ready(page, "shelf");
    // the slot's content sits in React's header, patched by the live view
    expect(await page.textContent(".shelf-header .slot-count")).toBe("count: 0");
    await page.getByRole("button", { name: "Local 0" }).click();
    await page.getByRole("button", { name: "bump", exact: true }).click();
    await text(page, ".shelf-header .slot-count", "count: 1");
    await page.getByRole("button", { name: "tick" }).click();
    await text(page, ".shelf-body .tick-count", "ticks: 1");
    await page.getByRole("button", { name: "add item" }).click();
    await page.getByRole("button", { name: "add item" }).click();
    await page.waitForFunction(() => document.querySelectorAll(".shelf-body #slot-items li").length === 2);
    expect(await page.textContent("#shelf button[type=button]")).toBe("Local 1");

    // React unmounts the header's placeholder: the content waits in the park, still live, and comes back
    await page.getByRole("button", { name: "Toggle header" }).click();
    await page.waitForFunction(() => !document.querySelector(".shelf-header"));
    await page.getByRole("button", { name: "bump from outside" }).click();
    await text(page, "#shelf-park .slot-count", "count: 2");
    await page.getByRole("button", { name: "Toggle header" }).click();
    await text(page, ".shelf-header .slot-count", "count: 2");
    await page.getByRole("button", { name: "bump", exact: true }).click();
    await text(page, ".shelf-header .slot-count", "count: 3");

    // the view empties the slot, then fills it again
    await page.getByRole("button", { name: "header slot" }).click();
    await page.waitForFunction(() => !document.querySelector(".slot-count"));
    await page.getByRole("button", { name: "header slot" }).click();
    await text(page, ".shelf-header .slot-count", "count: 3");
    expect(await page.textContent("#shelf button[type=button]")).toBe("Local 1");
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe("streams into islands in Chromium", () => {
  it("insert, update, delete, reset and limit as operations; unchanged items keep their identity", async () => {
    const { page, problems } = await open("/shelf?notes=3");
    await ready(page, "shelf");
    const ids = () => page.$$eval(".shelf-notes li", (lis) => lis.map((li) => li.id));
    const renders = () => page.evaluate(() => (window as any).__notes as Record<number, number>);
    expect(await ids()).toEqual(["note-1", "note-2", "note-3"]);
    expect(await page.getAttribute("#note-1", "data-at")).toBe("2024-01-01T00:00:00.000Z");

    await page.getByRole("button", { name: "note", exact: true }).click();
    await page.waitForSelector("#note-4");
    expect(await renders()).toEqual({ 1: 1, 2: 1, 3: 1, 4: 1 });
    await page.getByRole("button", { name: "renote 1" }).click();
    await text(page, "#note-1", "note 1 edited");
    expect(await renders()).toEqual({ 1: 2, 2: 1, 3: 1, 4: 1 });
    await page.getByRole("button", { name: "unnote 2" }).click();
    await page.waitForFunction(() => !document.querySelector("#note-2"));
    await page.getByRole("button", { name: "note first, keep 3" }).click();
    await page.waitForSelector("#note-5");
    expect(await ids()).toEqual(["note-5", "note-1", "note-3"]);
    await page.getByRole("button", { name: "reset notes" }).click();
    await page.waitForSelector("#note-100");
    expect(await ids()).toEqual(["note-1", "note-100"]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("are replayed on rejoin: the island shows what the remount inserted, and unchanged items keep their identity", async () => {
    const { page, problems } = await open("/shelf?notes=3");
    await ready(page, "shelf");
    const ids = () => page.$$eval(".shelf-notes li", (lis) => lis.map((li) => li.id));
    await page.getByRole("button", { name: "note", exact: true }).click();
    await page.waitForSelector("#note-4");
    await page.evaluate(() => (window as any).liveSocket.disconnect());
    await page.waitForFunction(() => document.querySelector<HTMLButtonElement>("#shelf button[type=button]")?.disabled === true);
    await page.evaluate(() => (window as any).liveSocket.connect());
    await connected(page);
    await ready(page, "shelf");
    // as LiveView does for a stream in the DOM: what the server no longer holds is gone
    await page.waitForFunction(() => !document.querySelector("#note-4"));
    expect(await ids()).toEqual(["note-1", "note-2", "note-3"]);
    expect(await page.evaluate(() => (window as any).__notes)).toEqual({ 1: 1, 2: 1, 3: 1, 4: 1 });
    expect(problems).toEqual([]);
    await page.close();
  });
});
