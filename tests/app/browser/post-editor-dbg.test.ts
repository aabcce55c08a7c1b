/** The demo's post editor in Chromium with the official client: a live action and nested form fields. */
import { describe, expect, it } from "vitest";
import { watchErrors } from "../../support/browser.js";
import { inChromium } from "../../support/chromium-suite.js";
import { logIn } from "../../support/login.js";
import { startServer } from "../../support/server.js";

const env = inChromium(() => startServer());

describe.sequential("dbg", () => {
  const k = 0; it("edits tags and links on the post's own view and shows them once saved, without a page load " + k, async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    const errors = watchErrors(page);
    console.log("STEP 1: " + 'await logIn(page, env.server.url, "alice@example.com", undefined, "/po');
    await logIn(page, env.server.url, "alice@example.com", undefined, "/posts/2");
    console.log("STEP 2: " + 'await page.evaluate(() => ((window as unknown as { marker: number }).m');
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
    const joins: string[] = [];
    page.on("websocket", (ws) => ws.on("framesent", (f) => String(f.payload).includes('"phx_join"') && joins.push(String(f.payload))));

    console.log("STEP 3: " + 'await page.getByRole("link", { name: "Edit" }).click();');
    await page.getByRole("link", { name: "Edit" }).click();
    console.log("STEP 4: " + 'await page.waitForURL((url) => url.pathname === "/posts/2/edit");');
    await page.waitForURL((url) => url.pathname === "/posts/2/edit");
    console.log("STEP 5: " + 'await page.getByLabel("tech").check();');
    await page.getByLabel("tech").check();
    console.log("STEP 6: " + 'await page.getByLabel("life").check();');
    await page.getByLabel("life").check();
    console.log("STEP 7: " + 'await page.getByRole("button", { name: "Add link" }).click();');
    await page.getByRole("button", { name: "Add link" }).click();
    console.log("STEP 8: " + 'await page.getByRole("button", { name: "Add link" }).click();');
    await page.getByRole("button", { name: "Add link" }).click();
    console.log("STEP 9: " + 'await page.getByLabel("Link 1 title").fill("First");');
    await page.getByLabel("Link 1 title").fill("First");
    console.log("STEP 10: " + 'await page.getByLabel("Link 1 address").fill("https://example.org/firs');
    await page.getByLabel("Link 1 address").fill("https://example.org/first");
    console.log("STEP 11: " + 'await page.getByLabel("Link 2 title").fill("Second");');
    await page.getByLabel("Link 2 title").fill("Second");
    console.log("STEP 12: " + 'await page.getByLabel("Link 2 address").fill("not a url");');
    await page.getByLabel("Link 2 address").fill("not a url");
    console.log("STEP 13: " + 'await expect.poll(() => page.locator(".post-link .error").allTextConte');
    await expect.poll(() => page.locator(".post-link .error").allTextContents()).toEqual(["should be an http(s) address"]);
    console.log("STEP 14: " + 'await page.getByLabel("Link 2 address").fill("https://example.org/seco');
    await page.getByLabel("Link 2 address").fill("https://example.org/second");
    console.log("STEP 15: " + 'await expect.poll(() => page.locator(".post-link .error").count()).toB');
    await expect.poll(() => page.locator(".post-link .error").count()).toBe(0);
    console.log("STEP 16: " + 'await page.getByRole("button", { name: "Remove link 1" }).click();');
    await page.getByRole("button", { name: "Remove link 1" }).click();
    console.log("STEP 17: " + 'await expect.poll(() => page.locator(".post-link").count()).toBe(1);');
    await expect.poll(() => page.locator(".post-link").count()).toBe(1);
    console.log("STEP 18: " + 'expect(await page.getByLabel("Link 1 title").inputValue()).toBe("Secon');
    expect(await page.getByLabel("Link 1 title").inputValue()).toBe("Second");
    console.log("STEP 19: " + 'await page.getByRole("button", { name: "Save" }).click();');
    await page.getByRole("button", { name: "Save" }).click();

    console.log("STEP 20: " + 'await page.waitForURL((url) => url.pathname === "/posts/2");');
    await page.waitForURL((url) => url.pathname === "/posts/2");
    console.log("STEP 21: " + 'await expect.poll(() => page.locator(".tags .tag").allTextContents()).');
    await expect.poll(() => page.locator(".tags .tag").allTextContents()).toEqual(["life", "tech"]);
    console.log("STEP 22: " + 'expect(await page.locator(".links a").getAttribute("href")).toBe("http');
    expect(await page.locator(".links a").getAttribute("href")).toBe("https://example.org/second");
    console.log("STEP 23: " + 'expect(await page.textContent("#flash")).toContain("Post saved");');
    expect(await page.textContent("#flash")).toContain("Post saved");
    console.log("STEP 24: " + 'expect(await page.evaluate(() => (window as unknown as { marker?: numb');
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
    // Edit and Save patched the URL over the same view: no join but the page's first
    expect(joins.filter((j) => !j.includes('"lv:scratchpad"') && !j.includes("lagoon:signals"))).toEqual([]);
    // back goes to the editor, on the same view again
    console.log("STEP 25: " + 'await page.goBack();');
    await page.goBack();
    console.log("STEP 26: " + 'await page.waitForURL((url) => url.pathname === "/posts/2/edit");');
    await page.waitForURL((url) => url.pathname === "/posts/2/edit");
    const title = (await env.server.ctx.posts.get(2))!.title;
    console.log("STEP 27: " + 'await expect.poll(() => page.getByLabel("Title", { exact: true }).inpu');
    await expect.poll(() => page.getByLabel("Title", { exact: true }).inputValue()).toBe(title);
    expect(errors).toEqual([]);
    console.log("STEP 28: " + 'await context.close();');
    await context.close();
  });
});
