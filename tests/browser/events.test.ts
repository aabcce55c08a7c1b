/** Every binding kind through the official client: phx-value-*, phx-keydown + phx-key, focus, blur, change, submit. */
import { describe, expect, it } from "vitest";
import { startFixtureServer } from "../support/fixture-server.js";
import { connected, watchErrors } from "../support/browser.js";
import { inChromium } from "../support/chromium-suite.js";
import { eventRoutes } from "../support/views/events.js";

const env = inChromium(() => startFixtureServer(eventRoutes()));

describe("event bindings in Chromium", () => {
  it("reach the view's handlers with the values the client sends", async () => {
    const page = await env.browser.newPage();
    const errors = watchErrors(page);
    await page.goto(env.server.url + "/events");
    await connected(page);
    const log = () => page.$$eval("#log li", (els) => els.map((e) => e.textContent));
    const waitLog = (n: number) => page.waitForFunction((n) => document.querySelectorAll("#log li").length >= n, n);

    await page.getByRole("button", { name: "pick" }).click();
    await waitLog(1);
    await page.focus("#keys");
    await waitLog(2);
    await page.keyboard.type("ab");
    await page.keyboard.press("Enter");
    await waitLog(3);
    await page.focus("#note-text"); // blurs #keys
    await waitLog(4);
    expect(await log()).toEqual(["pick apple/7", "focus", "key Enter ab", "blur ab"]);

    await page.keyboard.type("hello");
    await page.waitForFunction(() => document.querySelector("#draft")?.textContent === "draft: hello");
    await page.getByRole("button", { name: "Save" }).click();
    await waitLog(5);
    expect((await log())[4]).toBe("saved hello");
    await page.waitForFunction(() => document.querySelector("#draft")?.textContent === "draft: ");
    expect(errors).toEqual([]);
    await page.close();
  });
});
