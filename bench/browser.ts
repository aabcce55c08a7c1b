/**
 * Client side, in Chromium with the official LiveView client: the time to apply a one-row
 * diff to a 10,000-row page (the client's patch step: rebuilding HTML from its rendered
 * tree and morphing the DOM), and from the click to the changed DOM (adds the round trip
 * and the server's re-render of the list). Two pages: rows rendered by one template in a
 * list, and each row a live component. Baseline: an htmx-style swap of the re-rendered
 * 10,000-row fragment (`innerHTML`) in the same page.
 */
import type { Page } from "playwright-core";
import { median, result, startChild, type Result } from "./lib.js";
import { connected, launchBrowser } from "../tests/support/browser.js";

const ROWS = 10_000;
const CLICKS = 12;
const WARMUP = 3;

declare global {
  interface Window {
    __patches: number[];
  }
}

/** Clicks rows one after another; the client's patch times and the click-to-DOM times, in ms. */
async function clickRows(page: Page): Promise<{ patches: number[]; clickToDom: number[] }> {
  // time the client's own patch step: LiveSocket.time wraps it (a no-op unless profiling)
  await page.evaluate(() => {
    const live = (window as unknown as { liveSocket: { time(name: string, fn: () => unknown): unknown } }).liveSocket;
    const time = live.time.bind(live);
    window.__patches = [];
    live.time = (name, fn) => {
      if (name !== "full patch complete" && name !== "component patch complete") return time(name, fn);
      const started = performance.now();
      const out = fn();
      window.__patches.push(performance.now() - started);
      return out;
    };
  });
  const clickToDom: number[] = [];
  for (let i = 0; i < WARMUP + CLICKS; i++) {
    const id = 1 + ((i * 661) % ROWS);
    const ms = await page.evaluate(
      (id) =>
        new Promise<number>((resolve) => {
          const row = document.getElementById(`row-${id}`)!;
          const started = performance.now();
          new MutationObserver((_, observer) => {
            observer.disconnect();
            resolve(performance.now() - started);
          }).observe(row, { subtree: true, childList: true, characterData: true });
          row.querySelector("button")!.click();
        }),
      id,
    );
    if (i >= WARMUP) clickToDom.push(ms);
  }
  const patches = (await page.evaluate(() => window.__patches)).slice(WARMUP);
  if (patches.length !== CLICKS) throw new Error(`expected ${CLICKS} patches, saw ${patches.length}`);
  return { patches, clickToDom };
}

/** An htmx-style swap: the table's HTML (the re-rendered fragment) set as innerHTML, in ms. */
async function swaps(page: Page): Promise<number[]> {
  const times = await page.evaluate((n) => {
    const fragment = document.getElementById("rows")!.outerHTML;
    const holder = document.createElement("div");
    document.body.appendChild(holder);
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      const started = performance.now();
      holder.innerHTML = fragment;
      out.push(performance.now() - started);
    }
    holder.remove();
    return out;
  }, WARMUP + CLICKS);
  return times.slice(WARMUP);
}

export async function clientApply(): Promise<Result[]> {
  const [fixtures, browser] = await Promise.all([startChild("bench/servers/fixtures.ts", { cpu: 0 }), launchBrowser()]);
  try {
    const n = ROWS.toLocaleString("en");
    const out: Result[] = [];
    let swap = 0;
    for (const [path, label] of [
      ["/rows", `${n} rows in a list`],
      ["/component-rows", `${n} rows as live components`],
    ] as const) {
      const page = await browser.newPage();
      await page.goto(`${fixtures.url}${path}?n=${ROWS}`);
      await connected(page);
      const { patches, clickToDom } = await clickRows(page);
      if (path === "/rows") swap = median(await swaps(page));
      await page.close();
      const patch = median(patches);
      // a plain list is one comprehension: the official client rebuilds its whole HTML and
      // morphs the container on any change, so it is reported, not held to a target; the
      // framework's answer for long lists is components or streams, which are
      const held = path === "/component-rows";
      out.push(
        result(
          `Chromium: apply a one-row diff, ${label} (median)`,
          patch,
          "ms",
          swap,
          held ? "< htmx-style swap of the fragment" : "-",
          held ? patch < swap : null,
        ),
        result(
          `Chromium: click to changed DOM, ${label} (median)`,
          median(clickToDom),
          "ms",
          null,
          held ? "< 100 ms" : "-",
          held ? median(clickToDom) < 100 : null,
        ),
      );
    }
    return out;
  } finally {
    await browser.close();
    await fixtures.stop();
  }
}
