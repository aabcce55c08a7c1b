/**
 * The demo's /islands page in Chromium: the Tally island's server HTML, its hydration, and
 * its events, replies and commands through the page's live view. (What islands do in
 * general is tests/browser/islands.test.ts, on a fixture island.)
 */
import { describe, expect, it } from "vitest";
import { startServer } from "../../support/server.js";
import { connected, islandReady, watchProblems } from "../../support/browser.js";
import { inChromium } from "../../support/chromium-suite.js";

const env = inChromium(() => startServer());

describe("the /islands demo in Chromium", () => {
  it("serves the island's server-rendered HTML to a browser without JavaScript", async () => {
    const context = await env.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(env.server.url + "/islands");
    expect(await page.textContent("#tally h2")).toBe("Apples: 0");
    expect(await page.getByRole("button", { name: "Add 1" }).isDisabled()).toBe(true);
    expect(await page.inputValue("#tally input:not([type=number])")).toBe("Apples");
    await context.close();
  });

  it("hydrates the Tally, whose events, replies and commands reach the page's view", async () => {
    const page = await env.browser.newPage();
    const problems = watchProblems(page);
    await page.goto(env.server.url + "/islands");
    await connected(page);
    await islandReady(page, "tally");

    await page.fill("#tally input[type=number]", "3");
    await page.getByRole("button", { name: "Add 3" }).click();
    await page.waitForFunction(() => document.querySelector("#tally .tally-count")?.textContent === "3");
    expect(await page.textContent("#server-count")).toBe("Server count: 3");
    expect(await page.textContent("#server-log li")).toBe("island: +3");
    await page.getByRole("button", { name: "+1 from the server" }).click();
    await page.waitForFunction(() => document.querySelector("#tally .tally-count")?.textContent === "4");

    await page.fill("#tally input:not([type=number])", "Pears");
    await page.getByRole("button", { name: "Rename" }).click();
    await page.waitForFunction(() => document.querySelector("#tally .tally-note")?.textContent === "Renamed to Pears (5 characters)");
    expect(await page.textContent("#tally h2")).toBe("Pears: 4");

    await page.getByRole("button", { name: "Send a command" }).click();
    await page.waitForFunction(() => document.querySelector("#tally .tally-flashes li")?.textContent === "Hello from the server #1");
    expect(problems).toEqual([]);
    await page.close();
  });
});
