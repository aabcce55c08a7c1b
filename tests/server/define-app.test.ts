/**
 * instantiateApp's client build under /assets: Vite's hashed files are cached for good, the
 * rest is served as it was; a file's brotli or gzipped copy (lagoon/vite writes them) goes to
 * browsers that accept it, brotli first.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { defineApp, instantiateApp, manifestAssets } from "../../server/index.js";

// serveStatic takes a root relative to the working directory
mkdirSync(".cache", { recursive: true });
const dir = mkdtempSync(".cache/define-app-");
mkdirSync(join(dir, ".vite"));
mkdirSync(join(dir, "assets"));
writeFileSync(
  join(dir, ".vite", "manifest.json"),
  JSON.stringify({
    "src/client.ts": { file: "assets/main-Ab12Cd34.js", css: ["assets/main-Ef56Gh78.css"], isEntry: true },
    "src/logo.svg": { file: "assets/logo-Ij90Kl12.svg" },
  }),
);
for (const file of ["main-Ab12Cd34.js", "main-Ef56Gh78.css", "logo-Ij90Kl12.svg", "robots.txt"])
  writeFileSync(join(dir, "assets", file), file);
const script = "console.log('the entry');".repeat(40);
writeFileSync(join(dir, "assets", "main-Ab12Cd34.js"), script);
writeFileSync(join(dir, "assets", "main-Ab12Cd34.js.gz"), gzipSync(script));
writeFileSync(join(dir, "assets", "main-Ab12Cd34.js.br"), brotliCompressSync(script));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const running = await instantiateApp(defineApp({ routes: [] }), {
  secret: "define-app-test-".padEnd(48, "x"),
  assets: manifestAssets(dir),
  clientDir: dir,
});
const get = (path: string, headers: Record<string, string> = {}) => running.lagoon.app.request(`http://localhost${path}`, { headers });

describe("the client build instantiateApp serves", () => {
  it("lets the browser keep the files the build manifest names", async () => {
    for (const path of ["/assets/main-Ef56Gh78.css", "/assets/logo-Ij90Kl12.svg"]) {
      const res = await get(path);
      expect(res.status).toBe(200);
      expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      expect(await res.text()).toBe(path.slice("/assets/".length));
    }
  });

  it("sends a script's brotli copy to a browser that accepts brotli, its gzipped copy to one that accepts gzip only", async () => {
    const expectCompressed = async (acceptEncoding: string, encoding: string, decode: (b: Buffer) => Buffer) => {
      const res = await get("/assets/main-Ab12Cd34.js", { "accept-encoding": acceptEncoding });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-encoding")).toBe(encoding);
      expect(res.headers.get("content-type")).toMatch(/^text\/javascript/);
      expect(res.headers.get("vary")).toContain("Accept-Encoding");
      expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      const body = Buffer.from(await res.arrayBuffer());
      expect(body.length).toBeLessThan(script.length);
      expect(decode(body).toString()).toBe(script);
    };
    await expectCompressed("gzip, deflate, br, zstd", "br", brotliDecompressSync);
    await expectCompressed("gzip, deflate", "gzip", gunzipSync);
  });

  it("sends the script itself to a browser that accepts no encoding", async () => {
    const plain = await get("/assets/main-Ab12Cd34.js");
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(await plain.text()).toBe(script);
  });

  it("gives no lasting cache to files outside the manifest, nor to missing ones", async () => {
    const plain = await get("/assets/robots.txt");
    expect(plain.status).toBe(200);
    expect(plain.headers.get("cache-control")).toBeNull();
    const missing = await get("/assets/main-Zz99Zz99.js");
    expect(missing.status).toBe(404);
    expect(missing.headers.get("cache-control")).not.toContain("immutable");
  });
});
