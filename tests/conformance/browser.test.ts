/**
 * The conformance app's browser bundle in Chromium: each of the suite's layouts gets the
 * LiveSocket options it asks for, and the colocated JS runs what the server pushes.
 */
import { build } from "vite";
import { describe, expect, it } from "vitest";
import { instantiateApp, manifestAssets } from "../../server/index.js";
import { lagoon } from "../../vite/index.js";
import { conformanceApp } from "../../conformance/app.js";
import { connected, watchErrors } from "../support/browser.js";
import { inChromium } from "../support/chromium-suite.js";

const CLIENT = ".cache/conformance-client-test";

const suite = inChromium(async () => {
  // conformance/vite.config.ts's build, here with the plugin from the sources (Vite's config
  // loader would resolve lagoon/vite without the lagoon-source condition)
  await build({
    configFile: false,
    logLevel: "warn",
    plugins: [lagoon({ entry: "conformance/client/main.ts", islands: "conformance/islands", outDir: CLIENT })],
    resolve: { conditions: ["lagoon-source", "module", "browser", "development|production"] },
  });
  const running = await instantiateApp(conformanceApp, {
    secret: "conformance-test-".padEnd(48, "x"),
    assets: manifestAssets(CLIENT),
    clientDir: CLIENT,
  });
  return running.lagoon.listen({ port: 0 });
});

describe("the conformance app in Chromium", () => {
  it("gives the ErrorLive layout its reload and rejoin options, over Lagoon's defaults", async () => {
    const page = await suite.browser.newPage();
    const errors = watchErrors(page);
    await page.goto(`${suite.server.url}/errors`);
    await connected(page);
    const options = await page.evaluate(() => {
      const ls = (window as any).liveSocket;
      return { maxReloads: ls.maxReloads, rejoin: [1, 2, 3].map((tries) => ls.socket.rejoinAfterMs(tries)) };
    });
    expect(options).toEqual({ maxReloads: 5, rejoin: [50, 50, 50] });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("runs JS commands the server pushes on /colocated, and its colocated hook", async () => {
    const page = await suite.browser.newPage();
    await page.goto(`${suite.server.url}/colocated`);
    await connected(page);
    await page.locator("button", { hasText: "Push JS from server" }).click();
    await page.locator("#hello").waitFor({ state: "hidden" });
    await page.locator("#user-phone-number").fill("1234567890");
    expect(await page.locator("#user-phone-number").inputValue()).toBe("123-456-7890");
    await page.close();
  });
});
