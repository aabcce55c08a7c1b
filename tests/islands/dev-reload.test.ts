/**
 * reloadIslandsOnChange on a real Vite dev server and real files: an edit's reload that
 * reads a torn file (an editor saving in place, caught between its truncation and its
 * write) is retried once the write is done, though the write brings no change event of its
 * own; a module still broken then is reported. Vite's file watcher is off (`watch: null`)
 * and the test sends the change events itself, so that which events come is up to it.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { createServer, type ViteDevServer } from "vite";
import { afterEach, describe, expect, it, vi } from "vitest";
import { registeredIslands, reloadIslandsOnChange } from "../../islands/index.js";

const SOURCES = resolve("islands/index.ts");
const island = (version: number) => `import { z } from "zod";
import { defineIsland } from ${JSON.stringify(SOURCES)};
export const contract = defineIsland("TornSave", { props: z.object({}) });
export default function TornSave() { return null; }
TornSave.version = ${version};
`;
const registered = () => (registeredIslands().find((m) => m.contract.name === "TornSave")?.default as { version?: number }).version;

let vite: ViteDevServer | undefined;
let dir: string | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await vite?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A dev server on a folder holding version 1 of the island; `torn` resolves when a load has read an empty module. */
async function setUp() {
  mkdirSync(".cache", { recursive: true });
  dir = mkdtempSync(resolve(".cache", "dev-reload-"));
  const file = resolve(dir, "torn-save.tsx");
  writeFileSync(file, island(1));
  vite = await createServer({
    root: dir,
    configFile: false,
    logLevel: "silent",
    appType: "custom",
    server: { middlewareMode: true, watch: null, hmr: false },
  });
  const load = vite.ssrLoadModule.bind(vite);
  let sawTorn: () => void;
  const torn = new Promise<void>((done) => (sawTorn = done));
  vite.ssrLoadModule = async (...args) => {
    const mod = await load(...args);
    if (!("contract" in mod)) sawTorn();
    return mod;
  };
  const reloads = await reloadIslandsOnChange(vite, ".");
  return { watcher: vite.watcher, file, reloads, torn };
}

describe("reloadIslandsOnChange", () => {
  it("retries a reload that read a torn file, and keeps quiet when the retry loads it", async () => {
    const { watcher, file, reloads, torn } = await setUp();
    expect(registered()).toBe(1);
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    // the save's truncation, and its event; the write lands once the reload has read the empty file
    writeFileSync(file, "");
    watcher.emit("change", file);
    await torn;
    writeFileSync(file, island(2));
    await reloads.settled();
    expect(registered()).toBe(2);
    expect(errors).not.toHaveBeenCalled();
  });

  it("reports a module still broken after the retry, once, and keeps the last good one", async () => {
    const { watcher, file, reloads } = await setUp();
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    writeFileSync(file, "export const nothing = 1;\n");
    watcher.emit("change", file);
    await reloads.settled();
    expect(errors).toHaveBeenCalledTimes(1);
    expect(String(errors.mock.calls[0]![0])).toContain(`after ${file} changed`);
    expect(registered()).toBe(1);
  });
});
