/** A test file's server and Chromium: started before its tests, stopped after them. */
import { afterAll, beforeAll } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser } from "./browser.js";

export interface ChromiumSuite<S> {
  /** Set once the file's tests run. */
  readonly server: S;
  readonly browser: Browser;
}

/** `start` builds the server (the demo app, or fixture views); both start in parallel. */
export function inChromium<S extends { close(): Promise<void> }>(start: () => Promise<S>): ChromiumSuite<S> {
  const suite = {} as { server: S; browser: Browser };
  beforeAll(async () => {
    [suite.server, suite.browser] = await Promise.all([start(), launchBrowser()]);
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.server?.close();
  });
  return suite;
}
