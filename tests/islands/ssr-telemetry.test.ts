/**
 * An island's server render is measured: each reaches telemetry as an island_render span
 * naming its view and island, and /metrics keeps a histogram by view and island, so a slow
 * one can be found. One that throws is an island_error instead, not a render.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { IslandRenderEvent, TelemetryEvent } from "../../server/index.js";
import { startFixtureServer } from "../support/fixture-server.js";
import { islandModeRoutes } from "../support/views/island-modes.js";

let server: Awaited<ReturnType<typeof startFixtureServer>>;
let events: TelemetryEvent[] = [];
beforeAll(async () => {
  server = await startFixtureServer(islandModeRoutes());
  server.lagoon.app.get("/metrics", server.lagoon.metrics());
  server.lagoon.onTelemetry((e) => events.push(e));
});
afterAll(() => server.close());

const renders = () => events.filter((e): e is IslandRenderEvent => e.name === "island_render");

describe("island server renders in telemetry", () => {
  it("name the view and the island, with the time React took", async () => {
    events = [];
    const res = await fetch(`${server.url}/glitch`);
    expect(res.status).toBe(200);
    await res.text();
    expect(renders().map((e) => [e.view, e.route, e.island, e.islandId])).toEqual([
      ["GlitchLive", "/glitch", "Glitch", "glitch"],
      ["GlitchLive", "/glitch", "Clicker", "clicker"],
    ]);
    for (const e of renders()) {
      expect(e.id).toMatch(/^phx-/);
      expect(e.duration).toBeGreaterThanOrEqual(0);
    }
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/lagoon_island_render_duration_seconds_count\{view="GlitchLive",island="Clicker"\} [1-9]/);
  });

  it("a render that throws is an island_error, not a render", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    events = [];
    await (await fetch(`${server.url}/glitch?fail=server`)).text();
    expect(renders().map((e) => e.island)).toEqual(["Clicker"]);
    expect(events.some((e) => e.name === "island_error" && e.island === "Glitch")).toBe(true);
    vi.restoreAllMocks();
  });
});
