/**
 * The browser payload, as Chromium loads it from the demo's production bundle (dist/client):
 * the bytes of every script a page requests until its island is interactive, as the server
 * sent them (the build's brotli or gzipped copies, lagoon/vite's precompress.ts, whichever
 * the browser accepted; a script sent uncompressed counts whole). Baseline, built in the
 * same run with the same Vite and compressed the same way: the official LiveView client
 * alone (phoenix + phoenix_live_view, connected), which every page of any LiveView app
 * loads. A page without islands must load no React.
 */
import type { Browser } from "playwright-core";
import { build, type Rollup } from "vite";
import { result, startChild, KiB, type Child, type Result } from "./lib.js";
import { connected, launchBrowser } from "../tests/support/browser.js";
import { brotli, gzip } from "../vite/precompress.js";

const ENTRY = "\0bench-liveview-only";

/** The official client on its own, minified by Vite as the demo's bundle is: its chunks' code. */
async function liveViewOnly(): Promise<string[]> {
  const out = await build({
    configFile: false,
    logLevel: "warn",
    mode: "production",
    plugins: [
      {
        name: "bench-liveview-only",
        resolveId: (id) => (id === ENTRY ? id : null),
        load: (id) =>
          id === ENTRY
            ? `import { Socket } from "phoenix"; import { LiveSocket } from "phoenix_live_view"; new LiveSocket("/live", Socket, {}).connect();`
            : null,
      },
    ],
    build: { write: false, rolldownOptions: { input: ENTRY } },
  });
  const outputs = (Array.isArray(out) ? out : [out]) as Rollup.RollupOutput[];
  return outputs
    .flatMap((o) => o.output)
    .filter((c): c is Rollup.OutputChunk => c.type === "chunk")
    .map((c) => c.code);
}

/** The scripts `path` loads until `ready` holds: their URL paths, the bytes sent for them and the encodings they came in. */
async function pageScripts(
  browser: Browser,
  app: Child,
  path: string,
  ready: () => boolean,
): Promise<{ urls: string[]; bytes: number; encodings: string }> {
  // a context of its own: nothing comes from the cache another page filled
  const context = await browser.newContext();
  const page = await context.newPage();
  const bodies: Promise<{ url: string; bytes: number; encoding: string }>[] = [];
  page.on("response", (res) => {
    if (res.request().resourceType() !== "script") return;
    bodies.push(
      res
        .request()
        .sizes()
        .then((sizes) => ({
          url: new URL(res.url()).pathname,
          bytes: sizes.responseBodySize,
          encoding: res.headers()["content-encoding"] ?? "identity",
        })),
    );
  });
  await page.goto(app.url + path);
  await connected(page);
  // a function, not a string: the demo's CSP forbids eval
  await page.waitForFunction(ready);
  // a script requested late (an island's chunk after idle) is counted too
  await page.waitForLoadState("networkidle");
  const scripts = await Promise.all(bodies);
  await context.close();
  for (const s of scripts) if (s.bytes <= 0) throw new Error(`${s.url}: no bytes measured`);
  const encodings = [...new Set(scripts.map((s) => s.encoding))].sort().join(", ");
  return { urls: scripts.map((s) => s.url), bytes: scripts.reduce((sum, s) => sum + s.bytes, 0), encodings };
}

export async function bundleSizes(): Promise<Result[]> {
  const [app, browser, client] = await Promise.all([startChild("bench/servers/app.ts", { cpu: 0 }), launchBrowser(), liveViewOnly()]);
  try {
    // /islands: one small island (Tally), interactive once React enabled its buttons
    const island = await pageScripts(
      browser,
      app,
      "/islands",
      () => document.querySelector<HTMLButtonElement>("#tally button[type=button]")?.disabled === false,
    );
    const plain = await pageScripts(browser, app, "/counter", () => document.querySelector("h1") !== null);
    const react = plain.urls.filter((u) => /react|jsx/.test(u));
    const kb = (bytes: number) => bytes / KiB;
    // the baseline compressed as the page's scripts came: brotli when the browser took it
    const baseline = (encodings: string) =>
      client.reduce((sum, code) => sum + (encodings.includes("br") ? brotli(code) : gzip(code)).length, 0);
    return [
      result(
        `JS a page with one small island loads (as sent, ${island.encodings})`,
        kb(island.bytes),
        "KiB",
        kb(baseline(island.encodings)),
        "≤ 125 KiB",
        kb(island.bytes) <= 125,
      ),
      result(
        `JS a page without islands loads (as sent, ${plain.encodings}; React chunks: ${react.length})`,
        kb(plain.bytes),
        "KiB",
        kb(baseline(plain.encodings)),
        "no React",
        react.length === 0,
      ),
    ];
  } finally {
    await browser.close();
    await app.stop();
  }
}
