/** The conformance app is an app like any: it reaches Lagoon through its package entry points only, and nothing in the framework reaches it. */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve, dirname } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");
const ENTRY_POINTS = new Set(["lagoon", "lagoon/server", "lagoon/islands", "lagoon/client", "lagoon/vite"]);

function files(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) return name === "templates" ? [] : files(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

const specifiers = (file: string) =>
  [
    ...readFileSync(join(root, file), "utf8").matchAll(
      /(?:import|export)\s[^;]*?from\s+"([^"]+)"|import\(\s*"([^"]+)"\s*\)|^import\s+"([^"]+)"/gm,
    ),
  ].map((m) => m[1] ?? m[2] ?? m[3]!);

describe("the conformance app's imports", () => {
  it("uses Lagoon's entry points, never its sources", () => {
    const offending: string[] = [];
    for (const file of files("conformance")) {
      for (const spec of specifiers(file)) {
        const local = spec.startsWith(".") && relative(root, resolve(dirname(join(root, file)), spec)).startsWith("conformance/");
        const lagoon = spec === "lagoon" || spec.startsWith("lagoon/");
        if ((spec.startsWith(".") && !local) || (lagoon && !ENTRY_POINTS.has(spec))) offending.push(`${file} imports ${spec}`);
      }
    }
    expect(offending).toEqual([]);
  });

  it("is imported by no framework module", () => {
    const offending = ["shell", "server", "islands", "hooks", "vite", "cli"].flatMap(files).flatMap((file) =>
      specifiers(file)
        .filter((s) => s.includes("conformance"))
        .map((s) => `${file} imports ${s}`),
    );
    expect(offending).toEqual([]);
  });
});
