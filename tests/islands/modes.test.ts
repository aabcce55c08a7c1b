/** Islands' load modes, client-only islands and server-render failures, through the test client. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { renderHtml } from "../../shell/diff.js";
import { Router } from "../../shell/router.js";
import { visit } from "../../shell/testing/index.js";
import { defineIsland, island, loadIslands, type Load } from "../../islands/index.js";
import { registeredIslands } from "../../islands/registry.js";
import { Clicker } from "../support/app/islands/clicker.contract.js";
import { WindowSize } from "../support/app/islands/window-size.contract.js";
import { islandModeRoutes, LOADS } from "../support/views/island-modes.js";
import { FIXTURE_ISLANDS } from "../support/fixture-server.js";
import { shown } from "../support/island-root.js";

const router = new Router(islandModeRoutes());

afterEach(() => {
  vi.restoreAllMocks();
});

describe("load modes", () => {
  it("travel as one data-load attribute: the mode, and its argument after a colon", async () => {
    const expected: Record<string, string> = {
      eager: "eager",
      idle: "idle",
      visible: "visible",
      interaction: "interaction",
      only: "only",
      "idle-timeout": "idle:50",
      "visible-margin": "visible:0px 0px 6000px",
      media: "media:(min-width: 1000px)",
    };
    for (const [name, attr] of Object.entries(expected)) {
      const view = await visit(router, `/modes?load=${name}`);
      expect(view.find("#clicker")!.getAttribute("data-load")).toBe(attr);
      view.close();
    }
    expect(Object.keys(LOADS).sort()).toEqual(Object.keys(expected).sort());
  });

  it("refuses arguments out of range, with the island named", () => {
    const bad: unknown[] = [
      "lazy",
      { mode: "idle", timeout: -1 },
      { mode: "idle", timeout: 1.5 },
      { mode: "idle", timeout: 60_001 },
      { mode: "visible", rootMargin: "10em" },
      { mode: "visible", rootMargin: '0px"><script>' },
      { mode: "media", query: "" },
      { mode: "media", query: "x".repeat(301) },
      { mode: "hover" },
      null,
    ];
    for (const load of bad) {
      expect(() => island(Clicker, { id: "c", props: { label: "x" }, load: load as Load })).toThrow(/^island Clicker#c: /);
    }
  });

  it('"only" renders no server HTML: the fallback stands in, marked for the browser to render anew', async () => {
    const view = await visit(router, "/modes?load=only");
    const root = view.find("#clicker [data-island-root]")!;
    expect(root.hasAttribute("data-island-fallback")).toBe(true);
    expect(shown(root)).toBe("The clicker is on its way.");
    const eager = await visit(router, "/modes?load=eager");
    expect(eager.find("#clicker [data-island-root]")!.hasAttribute("data-island-fallback")).toBe(false);
    expect(eager.find("#clicker h2")!.text).toBe("Loaded eager");
    view.close();
    eager.close();
  });
});

describe('client-only islands (*.client.tsx, or a contract of their own saying load: "only")', () => {
  it("are never imported by the server, which still knows them by name and loads their contract", async () => {
    // the module reads `window` as it loads: importing it here would throw
    const loaded: string[] = [];
    await loadIslands(FIXTURE_ISLANDS, (file) => (loaded.push(file), import(/* @vite-ignore */ file)));
    expect(loaded.some((f) => f.endsWith("window-size.client.tsx"))).toBe(false);
    expect(loaded.some((f) => f.endsWith("window-size.contract.ts"))).toBe(true);
    expect(registeredIslands().map((m) => m.contract.name)).not.toContain("WindowSize");
    // client-only by its contract's load: "only", under an ordinary name
    expect(loaded.some((f) => f.endsWith("color-depth.tsx"))).toBe(false);
    expect(loaded.some((f) => f.endsWith("color-depth.contract.ts"))).toBe(true);
    expect(registeredIslands().map((m) => m.contract.name)).not.toContain("ColorDepth");

    const view = await visit(router, "/client-only");
    expect(shown(view.find("#size [data-island-root]")!)).toBe("Measuring the window…");
    expect(view.find("#size")!.getAttribute("data-load")).toBe("eager");
    // the island() option wins over the contract's fallback; the load mode still says when
    expect(view.find("#size-later .later")!.text).toBe("Later…");
    expect(view.find("#size-later")!.getAttribute("data-load")).toBe("visible");
    // the contract's load is the island's mode where the render names none
    expect(shown(view.find("#depth [data-island-root]")!)).toBe("Reading the screen…");
    expect(view.find("#depth")!.getAttribute("data-load")).toBe("only");
    view.close();
  });

  it("check their props against the contract like any island; an island the folder lacks is still refused", () => {
    // props are checked when the island renders
    expect(() => renderHtml(island(WindowSize, { id: "w", props: { title: 5 } as never }), { componentHtml: () => "" })).toThrow(
      /WindowSize#w: props do not match the contract: title:/,
    );
    const Stray = defineIsland("Stray", { props: z.object({}) });
    expect(() => island(Stray, { id: "s", props: {} })).toThrow(/no module for Stray/);
  });
});

describe("an island module the server cannot import", () => {
  // what a library that reads `window` as it loads does on the server
  const source = (name: string) =>
    `const width = window.innerWidth;\nexport const contract = { name: "${name}", props: { safeParse: (v) => ({ success: true, data: v }) } };\nexport default function Island() { return width; }\n`;

  it('stops the start with the rule to follow when it is an ordinary island, also one meant for load "only"', async () => {
    const dir = mkdtempSync(join(tmpdir(), "lagoon-islands-"));
    writeFileSync(join(dir, "gauge.mjs"), source("Gauge"));
    const started = loadIslands(dir);
    await expect(started).rejects.toMatchObject({ code: "island_import", cause: expect.any(ReferenceError) });
    await expect(started).rejects.toThrow(
      /gauge\.mjs: the server cannot import it \(window is not defined\); .* goes in gauge\.client\.mjs, or its contract .* says load: "only"/,
    );
  });

  it("is never imported when it is named *.client: the server starts, and knows the island by name", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lagoon-islands-"));
    writeFileSync(join(dir, "meter.client.mjs"), source("Meter"));
    const loaded: string[] = [];
    expect(await loadIslands(dir, (file) => (loaded.push(file), import(/* @vite-ignore */ file)))).toEqual([]);
    expect(loaded).toEqual([]);
    const Meter = defineIsland("Meter", { props: z.object({}) });
    expect(renderHtml(island(Meter, { id: "m", props: {} }), { componentHtml: () => "" })).toContain('data-island="Meter"');
  });
});

describe("an island whose server render throws", () => {
  it("renders its fallback marked as failed, logs it with Name#id, and the view lives on", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const view = await visit(router, "/glitch?fail=server");
    const root = view.find("#glitch [data-island-root]")!;
    expect(root.getAttribute("data-island-error")).toBe("server");
    expect(root.hasAttribute("data-island-fallback")).toBe(true);
    expect(shown(root)).toBe("The glitch is resting.");
    // the island beside it rendered, and the view answers events
    expect(view.find("#clicker h2")!.text).toBe("Beside the glitch");
    await view.element("button", "bump").click();
    expect(view.find("#bumps")!.text).toBe("1");
    expect(logged.mock.calls.map((c) => String(c[0]))).toContainEqual(
      expect.stringContaining("island Glitch#glitch failed to render on the server in GlitchLive"),
    );
    view.close();
  });
});
