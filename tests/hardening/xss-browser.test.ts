/**
 * The XSS corpus in Chromium through the official client: each payload arrives in the first
 * HTML (from the URL) and then in a diff (from an event) in every context of EchoLive, and
 * none of them runs (`window.__xss` never called, no dialog), even when hovered or focused.
 */
import { describe, expect, it } from "vitest";
import { startFixtureServer } from "../support/fixture-server.js";
import { connected, watchErrors } from "../support/browser.js";
import { inChromium } from "../support/chromium-suite.js";
import { hardeningRoutes } from "../support/views/hardening.js";
import { watchXss, XSS_PAYLOADS } from "../support/xss-corpus.js";

const env = inChromium(() => startFixtureServer(hardeningRoutes()));

// the HTML parser drops NUL characters from text
const shown = (text: string) => text.replace(/\u0000/g, "");

describe("XSS corpus in Chromium", () => {
  it(`runs none of ${XSS_PAYLOADS.length} payloads, in the first HTML or in diffs`, async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    const xss = await watchXss(page);
    // the probe works: a payload rendered raw is caught
    await page.setContent(`<img src=x onerror="window.__xss('control')">`);
    await expect.poll(() => xss.hits()).toEqual(["control"]);
    const errors = watchErrors(page);
    for (let i = 0; i < XSS_PAYLOADS.length; i++) {
      const first = XSS_PAYLOADS[i]!.text;
      const next = XSS_PAYLOADS[(i + 1) % XSS_PAYLOADS.length]!.text;
      await page.goto(`${env.server.url}/echo?text=${encodeURIComponent(first)}`);
      await connected(page);
      expect(await page.textContent("#text"), XSS_PAYLOADS[i]!.name).toBe(shown(first));
      await page.evaluate((text) => (window as any).liveSocket.main.pushEvent("click", document.body, null, "say", { text }), next);
      await page.waitForFunction((text) => document.querySelector("#text")?.textContent === text, shown(next));
      // give injected handlers their chance
      for (const sel of ["#text", "#attr", "#whole", "#link", "#area"]) await page.hover(sel);
      await page.focus("#field");
    }
    await page.waitForTimeout(300); // late onerror/onload handlers
    expect(xss.hits()).toEqual(["control"]);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
