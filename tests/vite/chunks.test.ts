/**
 * The chunks the Lagoon Vite plugin makes, read from the fixture app's build manifest (the
 * global setup builds it): the entry loads no React, and React comes in one chunk with the
 * React side of the Island hook, which the hook imports with a page's first island.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

interface Chunk {
  readonly file: string;
  readonly isEntry?: boolean;
  readonly imports?: readonly string[];
  readonly dynamicImports?: readonly string[];
}

const manifest = JSON.parse(readFileSync(".cache/fixture-client/.vite/manifest.json", "utf8")) as Record<string, Chunk>;
const [entryKey, entry] = Object.entries(manifest).find(([, c]) => c.isEntry)!;
const reactKey = Object.keys(manifest).find((k) => /^_react-[\w-]+\.js$/.test(k))!;

/** The chunks `key` imports statically, itself included. */
function loaded(key: string, seen = new Set<string>()): Set<string> {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const k of manifest[key]?.imports ?? []) loaded(k, seen);
  return seen;
}

describe("the Lagoon Vite plugin's chunks", () => {
  it("leave React out of what the entry loads", () => {
    expect([...loaded(entryKey)].map((k) => manifest[k]!.file)).toEqual([entry.file]);
  });

  it("put the hook's React side in React's chunk, no chunk of its own", () => {
    expect(entry.dynamicImports).toContain(reactKey);
    expect(Object.keys(manifest).filter((k) => k.includes("island-root"))).toEqual([]);
    expect(readFileSync(`.cache/fixture-client/${manifest[reactKey]!.file}`, "utf8")).toContain("data-island-root");
  });

  it("share React's chunk among the islands", () => {
    const islands = Object.keys(manifest).filter((k) => k.startsWith("tests/support/app/islands/"));
    expect(islands.length).toBeGreaterThan(3);
    for (const island of islands) expect(loaded(island)).toContain(reactKey);
  });
});
