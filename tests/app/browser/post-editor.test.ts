/** The demo's post editor in Chromium with the official client: a live action and nested form fields. */
import { describe, expect, it } from "vitest";
import { watchErrors } from "../../support/browser.js";
import { inChromium } from "../../support/chromium-suite.js";
import { logIn } from "../../support/login.js";
import { startServer } from "../../support/server.js";

const env = inChromium(() => startServer());

describe("the post editor in Chromium", () => {
  it("edits tags and links on the post's own view and shows them once saved, without a page load", async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    const errors = watchErrors(page);
    await logIn(page, env.server.url, "alice@example.com", undefined, "/posts/2");
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
    const joins: string[] = [];
    page.on("websocket", (ws) => ws.on("framesent", (f) => String(f.payload).includes('"phx_join"') && joins.push(String(f.payload))));

    await page.getByRole("link", { name: "Edit" }).click();
    await page.waitForURL((url) => url.pathname === "/posts/2/edit");
    await page.getByLabel("tech").check();
    await page.getByLabel("life").check();
    // every change sends the form as the browser holds it, and the server rebuilds the rows from
    // it: each step waits for the row it added, as a person sees it appear (a change sent before
    // the row arrived would not carry it, and the row would go again)
    await page.getByRole("button", { name: "Add link" }).click();
    await page.getByLabel("Link 1 title").waitFor();
    await page.getByRole("button", { name: "Add link" }).click();
    await page.getByLabel("Link 2 title").waitFor();
    await page.getByLabel("Link 1 title").fill("First");
    await page.getByLabel("Link 1 address").fill("https://example.org/first");
    await page.getByLabel("Link 2 title").fill("Second");
    await page.getByLabel("Link 2 address").fill("not a url");
    await expect.poll(() => page.locator(".post-link .error").allTextContents()).toEqual(["should be an http(s) address"]);
    await page.getByLabel("Link 2 address").fill("https://example.org/second");
    await expect.poll(() => page.locator(".post-link .error").count()).toBe(0);
    await page.getByRole("button", { name: "Remove link 1" }).click();
    await expect.poll(() => page.locator(".post-link").count()).toBe(1);
    expect(await page.getByLabel("Link 1 title").inputValue()).toBe("Second");
    await page.getByRole("button", { name: "Save" }).click();

    await page.waitForURL((url) => url.pathname === "/posts/2");
    await expect.poll(() => page.locator(".tags .tag").allTextContents()).toEqual(["life", "tech"]);
    expect(await page.locator(".links a").getAttribute("href")).toBe("https://example.org/second");
    expect(await page.textContent("#flash")).toContain("Post saved");
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
    // Edit and Save patched the URL over the same view: no join but the page's first
    expect(joins.filter((j) => !j.includes('"lv:scratchpad"') && !j.includes("lagoon:signals"))).toEqual([]);
    // back goes to the editor, on the same view again
    await page.goBack();
    await page.waitForURL((url) => url.pathname === "/posts/2/edit");
    const title = (await env.server.ctx.posts.get(2))!.title;
    await expect.poll(() => page.getByLabel("Title", { exact: true }).inputValue()).toBe(title);
    expect(errors).toEqual([]);
    await context.close();
  });
});
