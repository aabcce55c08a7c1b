/**
 * Hostile browser-signal batches over a real socket: wrong shapes, huge numbers, floods and
 * labels that would explode the metrics' cardinality are refused or clamped; no unbounded
 * series appear in /metrics, nothing reaches another user, and the socket's views go on.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { SIGNAL_LIMITS, SIGNALS_TOPIC } from "../../shell/signals.js";
import { startFixtureServer } from "../support/fixture-server.js";
import { counterRoutes } from "../support/views/counter.js";
import { push } from "./helpers.js";
import { joinView, type Joined } from "../support/protocol.js";

let server: Awaited<ReturnType<typeof startFixtureServer>>;
beforeAll(async () => {
  server = await startFixtureServer(counterRoutes());
  server.lagoon.app.get("/metrics", server.lagoon.metrics());
});
afterAll(async () => {
  await server?.close();
});

/** Joins the signals channel on `j`'s socket; returns a function sending one batch and resolving with its reply. */
async function signalsOn(j: Joined): Promise<(signals: unknown) => Promise<{ status: string; response: Record<string, unknown> }>> {
  const joinRef = j.client.nextRef();
  const joined = await j.client.push(joinRef, SIGNALS_TOPIC, "phx_join", {}, joinRef);
  expect(joined[4].status).toBe("ok");
  return async (signals) => (await j.client.push(joinRef, SIGNALS_TOPIC, "batch", { signals }))[4];
}

const metrics = async () => (await fetch(`${server.url}/metrics`)).text();
/** The label sets of a metric's samples. */
const series = (text: string, name: string) => text.split("\n").filter((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `));

describe("hostile browser signals", () => {
  it("refuses a batch on a channel it did not join", async () => {
    const j = await joinView(server.url, "/counter");
    const reply = await j.client.push("nope", SIGNALS_TOPIC, "batch", { signals: [{ t: "lcp", v: 1 }] });
    expect(reply[4]).toEqual({ status: "error", response: { reason: "unmatched topic" } });
    await j.client.close();
  });

  it("refuses signals of the wrong shape and clamps values out of range", async () => {
    const j = await joinView(server.url, "/counter");
    const send = await signalsOn(j);
    expect(await send("not a list")).toEqual({ status: "ok", response: { accepted: 0, refused: 1 } });
    const view = j.page.id;
    const bad = [
      1,
      null,
      "event",
      [],
      { t: "nope", v: 1 },
      { t: "event", v: -1, view },
      { t: "event", v: "12", view },
      { t: "event", view },
      { t: "hydrate", v: 5 },
      { t: "hydrate", v: 5, island: "<img src=x onerror=alert(1)>" },
      { t: "error", island: "../../etc", message: "x" },
      { t: { toString: "lcp" }, v: 1 },
    ];
    expect(await send(bad)).toEqual({ status: "ok", response: { accepted: 0, refused: bad.length } });
    // a huge value counts as the largest one allowed (60 s), not as 1e308
    expect(await send([{ t: "event", view, event: "increment", v: 1e308 }])).toEqual({
      status: "ok",
      response: { accepted: 1, refused: 0 },
    });
    const text = await metrics();
    const sum = series(text, "lagoon_client_event_duration_seconds_sum").find((l) => l.includes('event="increment"'));
    expect(Number(sum!.split(" ").at(-1))).toBeLessThanOrEqual(60);
    await j.client.close();
  });

  it("reads 50 signals of a batch at most and rate-limits floods of batches", async () => {
    const j = await joinView(server.url, "/counter");
    const send = await signalsOn(j);
    const many = Array.from({ length: 1000 }, () => ({ t: "cls", v: 0.01, view: j.page.id }));
    expect(await send(many)).toEqual({
      status: "ok",
      response: { accepted: SIGNAL_LIMITS.perBatch, refused: 1000 - SIGNAL_LIMITS.perBatch },
    });
    const replies = await Promise.all(Array.from({ length: 30 }, () => send([{ t: "lcp", v: 100 }])));
    const limited = replies.filter((r) => r.status === "error");
    expect(limited.length).toBeGreaterThanOrEqual(30 - SIGNAL_LIMITS.burst - 1);
    expect(limited[0]).toEqual({ status: "error", response: { reason: "rate_limited" } });
    // the socket and its view go on
    expect((await push(j, "increment")).status).toBe("ok");
    await j.client.close();
  });

  // before the test below fills the process's island names up to their cap
  it("turns island errors into island_error counts by a phase from a fixed set; a made-up phase counts as render", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const j = await joinView(server.url, "/counter");
    const send = await signalsOn(j);
    const error = (island: string, phase?: unknown) => ({ t: "error", view: j.page.id, island, phase, message: "m" });
    const reply = await send([
      error("Tally#tally", "hydration"),
      error("Tally#tally", "<script>"),
      error("Tally#a.b:c-1", "load"),
      error("Tally#x y"),
      error("Tally#" + "x".repeat(101)),
    ]);
    expect(reply).toEqual({ status: "ok", response: { accepted: 3, refused: 2 } });
    const text = await metrics();
    const phases = series(text, "lagoon_island_errors_total")
      .filter((l) => l.includes('island="Tally"'))
      .map((l) => /phase="([^"]*)"/.exec(l)![1]);
    expect(phases.sort()).toEqual(["hydration", "load", "render"]);
    logged.mockRestore();
    await j.client.close();
  });

  it("never makes a label of client text: event, view and island names stay bounded", async () => {
    const before = await metrics();
    const count = (text: string, name: string) => series(text, name).length;
    for (let batch = 0; batch < 6; batch++) {
      // a fresh socket each time: each has its own bucket, as an attacker with many sockets would
      const j = await joinView(server.url, "/counter");
      const send = await signalsOn(j);
      const signals = Array.from({ length: 50 }, (_, i) => {
        const n = `${batch}x${i}`;
        return [
          { t: "event", view: j.page.id, event: `evil_${n}`, v: 1 },
          { t: "event", view: `phx-F${n}`, event: "increment", v: 1 },
          { t: "hydrate", island: `Fake${n}`, v: 1 },
          { t: "error", island: `Fake${n}#x`, message: "m" },
        ][i % 4];
      });
      expect((await send(signals)).status).toBe("ok");
      await j.client.close();
    }
    const after = await metrics();
    expect(after).not.toContain("evil_");
    expect(after).not.toContain("phx-F");
    // the counter's events and "unknown", for the two views (CounterLive and "unknown")
    const events = series(after, "lagoon_client_event_duration_seconds_count");
    expect(events.every((l) => /event="(increment|unknown)"/.test(l))).toBe(true);
    expect(events.every((l) => /view="(CounterLive|unknown)"/.test(l))).toBe(true);
    // island names: at most the cap, then "other"
    const islands = new Set(series(after, "lagoon_client_island_hydration_seconds_count").map((l) => /island="([^"]*)"/.exec(l)![1]));
    expect(islands.size).toBeLessThanOrEqual(SIGNAL_LIMITS.islandNames + 1);
    expect(islands.has("other")).toBe(true);
    expect(count(after, "lagoon_client_errors_total")).toBeLessThanOrEqual(
      count(before, "lagoon_client_errors_total") + SIGNAL_LIMITS.islandNames + 1,
    );
    // island failures: the same capped names, and phases from a fixed set
    const failures = series(after, "lagoon_island_errors_total");
    expect(failures.length).toBeLessThanOrEqual(count(before, "lagoon_island_errors_total") + SIGNAL_LIMITS.islandNames + 1);
  });

  it("keeps error messages out of metrics and other users' sockets, and logs a bounded number of them", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const bystander = await joinView(server.url, "/counter");
      const framesBefore = bystander.client.frames.length;
      const j = await joinView(server.url, "/counter");
      const send = await signalsOn(j);
      const message = "You have been logged out\nvisit evil.example\u2028<script>alert(1)</script>";
      for (let i = 0; i < 3; i++) {
        expect(await send(Array.from({ length: 50 }, () => ({ t: "error", view: j.page.id, message: message.repeat(5) })))).toMatchObject({
          status: "ok",
        });
      }
      const lines = logged.mock.calls.map((c) => String(c[0])).filter((l) => l.includes("browser error"));
      expect(lines.length).toBeLessThanOrEqual(SIGNAL_LIMITS.loggedErrorsPerMinute);
      for (const line of lines) {
        expect(line).not.toMatch(/[\n\u2028]/);
        expect(line.length).toBeLessThan(400);
      }
      expect(await metrics()).not.toContain("logged out");
      // the other user's socket got nothing
      expect(bystander.client.frames.length).toBe(framesBefore);
      await j.client.close();
      await bystander.client.close();
    } finally {
      logged.mockRestore();
    }
  });
});
