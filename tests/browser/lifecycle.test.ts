/**
 * Lifecycle hooks, live actions and batched component updates with the official client:
 * what a hook halts or refuses, what a patch changes, and what one render batches.
 */
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { connected, watchErrors } from "../support/browser.js";
import { inChromium } from "../support/chromium-suite.js";
import { startFixtureServer } from "../support/fixture-server.js";
import { lifecycleRoutes } from "../support/views/lifecycle.js";
import { nestedRoutes } from "../support/views/nested.js";

const env = inChromium(() => startFixtureServer([...nestedRoutes, ...lifecycleRoutes]));

async function open(path: string): Promise<{ page: Page; errors: string[] }> {
  const page = await env.browser.newPage();
  const errors = watchErrors(page);
  await page.goto(env.server.url + path);
  await connected(page);
  return { page, errors };
}

describe("lifecycle hooks, live actions and updateMany in Chromium", () => {
  it("runs a live session's hooks: layout events, refusals that release the button, the active path on patch", async () => {
    const { page, errors } = await open("/hooked");
    expect(await page.textContent("#active")).toBe("/hooked");
    await page.click("#toggle-sidebar");
    await expect.poll(() => page.textContent("#sidebar")).toBe("open");
    await page.click("#note");
    await expect.poll(() => page.textContent("#log")).toBe("noted");
    // refused by the hook: nothing changes, and the button is usable again
    await page.click("#delete");
    await expect.poll(() => page.getAttribute("#delete", "data-phx-ref-src")).toBeNull();
    expect(await page.textContent("#log")).toBe("noted");
    await page.click("#to-settings");
    await expect.poll(() => page.textContent("#active")).toBe("/hooked/settings");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("follows the route's action across patches of one view", async () => {
    const { page, errors } = await open("/items/1");
    expect(await page.textContent("#action")).toBe("show");
    await page.click("#to-edit");
    await expect.poll(() => page.textContent("#action")).toBe("edit");
    await page.goBack();
    await expect.poll(() => page.textContent("#action")).toBe("show");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("updates all rows of a render in one batch, and one row later with sendUpdateAfter", async () => {
    const { page, errors } = await open("/rows");
    expect(await page.locator("#rows li").allTextContents()).toEqual(["a (batch of 3)", "b (batch of 3)", "c (batch of 3)"]);
    await page.click("#rename");
    await expect.poll(() => page.locator("#rows li").allTextContents()).toEqual(["A (batch of 3)", "B (batch of 3)", "C (batch of 3)"]);
    await page.click("#later");
    await expect.poll(() => page.locator("#rows li").first().textContent()).toBe("A (batch of 1) updated later");
    expect(errors).toEqual([]);
    await page.close();
  });
});
