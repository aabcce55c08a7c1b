/**
 * A nested form through the official client in Chromium: a nested object, rows added,
 * removed and reordered with Phoenix's sort/drop markup, a checkbox group and a
 * multi-select. What the user typed stays as typed, each error shows under its own field
 * once that field is used, and a submit gives the parsed data.
 */
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { startFixtureServer } from "../support/fixture-server.js";
import { connected, watchErrors } from "../support/browser.js";
import { inChromium } from "../support/chromium-suite.js";
import { nestedFormRoutes } from "../support/views/nested-forms.js";

const env = inChromium(() => startFixtureServer(nestedFormRoutes()));

/** Waits until no event the page sent is waiting for its reply. */
const settled = (page: Page) =>
  page.waitForFunction(() => !document.querySelector("[data-phx-ref-src], .phx-change-loading, .phx-click-loading, .phx-submit-loading"));

const errorOf = (page: Page, id: string) => page.locator(`#${id}_error`).textContent({ timeout: 5_000 });
const hasError = async (page: Page, id: string) => (await page.locator(`#${id}_error`).count()) > 0;
const rowIds = (page: Page) => page.$$eval("#links fieldset", (els) => els.map((e) => e.id));

async function type(page: Page, selector: string, text: string): Promise<void> {
  await page.fill(selector, text);
  await settled(page);
}

describe("nested forms in Chromium", () => {
  it("keeps values as typed and errors under their own fields through add, remove, reorder, ticks and picks", async () => {
    const page = await env.browser.newPage();
    const errors = watchErrors(page);
    await page.goto(env.server.url + "/article");
    await connected(page);

    // a nested field: its error, and none under the fields nobody used
    await type(page, "#article_author_name", "A");
    expect(await errorOf(page, "article_author_name")).toBe("at least 2 characters");
    expect(await hasError(page, "article_author_email")).toBe(false);
    expect(await hasError(page, "article_title")).toBe(false);

    // two rows: no errors until used
    await page.click("button.add");
    await page.waitForSelector("#article_links_0");
    await page.click("button.add");
    await page.waitForSelector("#article_links_1");
    await settled(page);
    expect(await page.locator("#links .error").count()).toBe(0);
    await type(page, "#article_links_0_title", "first row");
    await type(page, "#article_links_1_url", "not a url");
    expect(await errorOf(page, "article_links_1_url")).toBe("not a URL");
    expect(await hasError(page, "article_links_1_title")).toBe(false);
    expect(await hasError(page, "article_links_0_url")).toBe(false);

    // remove the first: the second keeps its value and its error, through later changes too
    await page.click('button[aria-label="Remove link 1"]');
    await page.waitForSelector("#article_links_0", { state: "detached" });
    await settled(page);
    expect(await rowIds(page)).toEqual(["article_links_1"]);
    expect(await page.inputValue("#article_links_1_url")).toBe("not a url");
    await type(page, "#article_title", "  Hi  ");
    expect(await errorOf(page, "article_title")).toBe("at least 3 characters");
    expect(await errorOf(page, "article_links_1_url")).toBe("not a URL");

    // a new row after it, then both filled in
    await page.click("button.add");
    await page.waitForSelector("#article_links_0");
    await settled(page);
    expect(await rowIds(page)).toEqual(["article_links_1", "article_links_0"]);
    await type(page, "#article_links_1_title", "Docs");
    await type(page, "#article_links_1_url", "https://docs.example/a b");
    await type(page, "#article_links_0_title", "Repo");
    await type(page, "#article_links_0_url", "https://repo.example");
    expect(await page.locator("#links .error").count()).toBe(0);

    // reorder as a sortable hook does: move the row's element, then let the form change
    await page.evaluate(() => {
      const links = document.getElementById("links")!;
      links.insertBefore(document.getElementById("article_links_0")!, document.getElementById("article_links_1"));
      document.getElementById("article_links_0_title")!.dispatchEvent(new Event("input", { bubbles: true }));
    });
    await settled(page);
    expect(await rowIds(page)).toEqual(["article_links_0", "article_links_1"]);
    expect(await page.inputValue("#article_links_0_title")).toBe("Repo");
    expect(await page.inputValue("#article_links_1_url")).toBe("https://docs.example/a b");

    // a checkbox group, down to none and back
    expect(await hasError(page, "article_tags")).toBe(false);
    await page.check("#article_tags_news");
    await settled(page);
    await page.check("#article_tags_life");
    await settled(page);
    await page.uncheck("#article_tags_news");
    await settled(page);
    await page.uncheck("#article_tags_life");
    await settled(page);
    expect(await errorOf(page, "article_tags")).toBe("pick at least one");
    await page.check("#article_tags_tech");
    await settled(page);
    await page.check("#article_tags_news");
    await settled(page);
    expect(await hasError(page, "article_tags")).toBe(false);

    // a multi-select
    await page.selectOption("#article_roles", ["editor", "admin", "viewer"]);
    await settled(page);
    expect(await errorOf(page, "article_roles")).toBe("at most two roles");
    await page.selectOption("#article_roles", ["admin"]);
    await settled(page);
    expect(await hasError(page, "article_roles")).toBe(false);

    await type(page, "#article_title", "  Nested forms  ");
    await type(page, "#article_author_name", "Ada");
    await type(page, "#article_author_email", "ada@example.com");

    // everything is still as typed, ticked and picked
    expect(await page.inputValue("#article_title")).toBe("  Nested forms  ");
    expect(await page.inputValue("#article_author_name")).toBe("Ada");
    expect(await page.$$eval("#tags input:checked", (els) => els.map((e) => (e as HTMLInputElement).value))).toEqual(["news", "tech"]);
    expect(await page.$eval("#article_roles", (s) => Array.from((s as HTMLSelectElement).selectedOptions, (o) => o.value))).toEqual([
      "admin",
    ]);

    // a reconnect re-sends the form: the same rows come back, no duplicates
    await page.evaluate(() => new Promise((resolve) => (window as any).liveSocket.disconnect(resolve)));
    await page.evaluate(() => (window as any).liveSocket.connect());
    await connected(page);
    await settled(page);
    expect(await rowIds(page)).toEqual(["article_links_0", "article_links_1"]);
    expect(await page.inputValue("#article_links_1_title")).toBe("Docs");

    await page.click("button[type=submit]");
    await page.waitForFunction(() => document.getElementById("saved")?.textContent !== "");
    expect(JSON.parse((await page.textContent("#saved"))!)).toEqual({
      title: "Nested forms",
      author: { name: "Ada", email: "ada@example.com" },
      tags: ["news", "tech"],
      roles: ["admin"],
      links: [
        { title: "Repo", url: "https://repo.example" },
        { title: "Docs", url: "https://docs.example/a b" },
      ],
    });
    expect(await page.locator(".error").count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});
