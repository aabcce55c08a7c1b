/**
 * reloadIslandsOnChange against a Vite dev server stand-in whose module loads are scripted:
 * an edit's reload that reads a torn file (an editor saving in place, caught between its
 * truncation and its write) is retried once the write is done, with no change event of its
 * own, and a module still broken then is reported.
 */
import { EventEmitter } from "node:events";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ViteDevServer } from "vite";
import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { defineIsland, registeredIslands, reloadIslandsOnChange } from "../../islands/index.js";

const Torn = defineIsland("TornSave", { props: z.object({}) });
const version = (n: number) => ({ contract: Torn, default: Object.assign(() => null, { version: n }) });
const registered = () => (registeredIslands().find((m) => m.contract.name === "TornSave")?.default as { version?: number }).version;

/** A dev server whose `ssrLoadModule` gives `current`, or an empty module (a torn read) while `torn` lasts. */
function stubVite(root: string) {
  const state = { current: version(1) as object, torn: 0, loads: 0 };
  const watcher = new EventEmitter();
  const vite = {
    config: { root },
    environments: { ssr: { moduleGraph: { getModulesByFile: () => undefined, invalidateModule: () => {} } } },
    watcher,
    ssrLoadModule: async () => {
      state.loads++;
      if (state.torn > 0) {
        state.torn--;
        return {};
      }
      return state.current;
    },
  } as unknown as ViteDevServer;
  return { vite, watcher, state };
}

const dirs: string[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function setUp() {
  const root = mkdtempSync(join(tmpdir(), "lagoon-dev-reload-"));
  dirs.push(root);
  const file = join(root, "torn-save.tsx");
  writeFileSync(file, "// the stand-in serves the module\n");
  const stub = stubVite(root);
  const reloads = await reloadIslandsOnChange(stub.vite, ".");
  return { ...stub, file, reloads };
}

describe("reloadIslandsOnChange", () => {
  it("retries a reload that read a torn file, and keeps quiet when the retry loads it", async () => {
    const { watcher, state, file, reloads } = await setUp();
    expect(registered()).toBe(1);
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    state.current = version(2);
    state.torn = 1;
    watcher.emit("change", file);
    await reloads.settled();
    expect(registered()).toBe(2);
    expect(state.loads).toBe(3);
    expect(errors).not.toHaveBeenCalled();
  });

  it("reports a module still broken after the retry, once, and keeps the last good one", async () => {
    const { watcher, state, file, reloads } = await setUp();
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    state.torn = Infinity;
    watcher.emit("change", file);
    await reloads.settled();
    expect(errors).toHaveBeenCalledTimes(1);
    expect(String(errors.mock.calls[0]![0])).toContain(`after ${file} changed`);
    expect(registered()).toBe(1);
  });
});
