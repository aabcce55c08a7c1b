/** lagoon/vite's brotli and gzipped copies, read from the fixture app's build (the global setup builds it). */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";

const dir = ".cache/fixture-client";
const assets = readdirSync(join(dir, "assets"));

describe("the build's compressed copies", () => {
  it("sit beside every script and style, hold the same bytes, and are smaller", () => {
    const files = assets.filter((f) => /\.(js|css)$/.test(f) && readFileSync(join(dir, "assets", f)).length >= 256);
    expect(files.filter((f) => f.endsWith(".js")).length).toBeGreaterThan(1);
    for (const file of files) {
      const source = readFileSync(join(dir, "assets", file));
      const gz = readFileSync(join(dir, "assets", `${file}.gz`));
      expect(gz.length).toBeLessThan(source.length);
      expect(gunzipSync(gz).equals(source)).toBe(true);
      // brotli's copy is what most browsers get: it must be the smaller one
      const br = readFileSync(join(dir, "assets", `${file}.br`));
      expect(br.length).toBeLessThan(gz.length);
      expect(brotliDecompressSync(br).equals(source)).toBe(true);
    }
  });

  it("leave out the manifest, which only the server reads", () => {
    expect(existsSync(join(dir, ".vite", "manifest.json"))).toBe(true);
    expect(existsSync(join(dir, ".vite", "manifest.json.gz"))).toBe(false);
    expect(existsSync(join(dir, ".vite", "manifest.json.br"))).toBe(false);
  });
});
