/**
 * each() through the official client in Chromium: keyed diffs reorder the DOM and keep the
 * nodes of kept rows, in both shapes (one comprehension; a tree of them for long lists).
 */
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { startFixtureServer } from "../support/fixture-server.js";
import { connected, watchErrors } from "../support/browser.js";
import { inChromium } from "../support/chromium-suite.js";
import { keyedRoutes } from "../support/views/keyed.js";

const env = inChromium(() => startFixtureServer(keyedRoutes()));

type Marked = HTMLElement & { __mark?: string };

/** The rows in DOM order: id, name, and the mark set on that very node earlier (if any). */
const rows = (page: Page) =>
  page.$$eval("#rows > li", (els) => els.map((el) => [el.id, el.querySelector(".name")!.textContent, (el as Marked).__mark ?? null]));

/** Marks every row node with a JS property: it survives only if the client keeps the node. */
const mark = (page: Page) => page.$$eval("#rows > li", (els) => els.forEach((el) => ((el as Marked).__mark = el.id)));

/** Sends an event (with a value) from the server's side of the page without moving focus. */
const push = (page: Page, event: string, value: Record<string, string> = {}) =>
  page.evaluate(([e, v]) => (window as any).liveSocket.main.pushEvent("click", document.body, null, e, v), [event, value] as const);

/** The list's markup, less what differs between two views of the same rows: component ids and badge clicks. */
const markup = (page: Page) =>
  page.$eval("#rows", (el) => el.innerHTML.replace(/ data-phx-[\w-]+="[^"]*"| phx-target="\d+"/g, "").replace(/(badge \d+): \d+/g, "$1"));

/** The list's markup as a fresh view renders these rows (`row-<id>` ids). */
async function freshMarkup(ids: string[]): Promise<string> {
  const page = await env.browser.newPage();
  await page.goto(`${env.server.url}/keyed?ids=${ids.map((id) => id.slice(4)).join(",")}`);
  await connected(page);
  const html = await markup(page);
  await page.close();
  return html;
}

const order = (page: Page, ids: string[]) =>
  page.waitForFunction((want) => [...document.querySelectorAll("#rows > li")].map((el) => el.id).join() === want.join(), ids);

describe("each() in Chromium", () => {
  it("prepends, reverses, removes and moves rows, keeping the DOM nodes and typed input of kept rows", async () => {
    const page = await env.browser.newPage();
    const errors = watchErrors(page);
    await page.goto(env.server.url + "/keyed");
    await connected(page);
    await page.click("#badge-2");
    await page.waitForFunction(() => document.querySelector("#badge-2")?.textContent === "badge 2: 1");
    await mark(page);
    await page.locator("#note-2").pressSequentially("typed");

    await push(page, "reverse");
    await order(page, ["row-3", "row-2", "row-1"]);
    expect(await rows(page)).toEqual([
      ["row-3", "three", "row-3"],
      ["row-2", "two", "row-2"],
      ["row-1", "one", "row-1"],
    ]);
    // the focused input moved with its row and kept what was typed
    expect(await page.inputValue("#note-2")).toBe("typed");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("note-2");

    await push(page, "prepend");
    await order(page, ["row-4", "row-3", "row-2", "row-1"]);
    expect(await rows(page)).toEqual([
      ["row-4", "row 4", null],
      ["row-3", "three", "row-3"],
      ["row-2", "two", "row-2"],
      ["row-1", "one", "row-1"],
    ]);
    expect(await page.inputValue("#note-2")).toBe("typed");

    await page.click("text=remove 3");
    await order(page, ["row-4", "row-2", "row-1"]);
    await page.click("text=move first to third");
    await order(page, ["row-2", "row-1", "row-4"]);
    expect(await rows(page)).toEqual([
      ["row-2", "two", "row-2"],
      ["row-1", "one", "row-1"],
      ["row-4", "row 4", null],
    ]);
    // the row's component moved with it, state and all
    expect(await page.textContent("#badge-2")).toBe("badge 2: 1");
    expect(await page.$$eval("#row-2 ol li", (els) => els.map((e) => e.textContent))).toEqual(["b", "c"]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("keeps the nodes, typed input and component state of a 303-row list sent as a tree, through prepends, a reverse, a shuffle and moves", async () => {
    const page = await env.browser.newPage();
    const errors = watchErrors(page);
    await page.goto(env.server.url + "/keyed?n=300");
    await connected(page);
    let ids = [1, 2, 3, ...Array.from({ length: 300 }, (_, i) => 100 + i)].map((id) => `row-${id}`);
    await order(page, ids);
    await page.click("#badge-150");
    await page.waitForFunction(() => document.querySelector("#badge-150")?.textContent === "badge 150: 1");
    await mark(page);
    await page.locator("#note-150").pressSequentially("typed");
    /** Every row in `ids` order, as a fresh render has them, and every old row still on the node it had. */
    const same = async () => {
      await order(page, ids);
      expect(await markup(page)).toBe(await freshMarkup(ids));
      const now = await rows(page);
      expect(now.filter(([id, , m]) => m !== null && m !== id)).toEqual([]);
      expect(now.filter(([, , m]) => m === null).map(([id]) => id)).toEqual(
        ids.filter((id) => Number(id.slice(4)) >= 4 && Number(id.slice(4)) < 100),
      );
    };

    for (let k = 0; k < 10; k++) {
      await push(page, "prepend");
      ids = [`row-${4 + k}`, ...ids];
    }
    await same();
    await push(page, "reverse");
    ids.reverse();
    await same();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("note-150");
    // a scramble: the rows are sent again, and the client still keeps their nodes by id
    await push(page, "shuffle");
    const n = (id: string) => Number(id.slice(4));
    ids.sort((a, b) => ((n(a) * 7919) % 1009) - ((n(b) * 7919) % 1009));
    await same();
    await push(page, "remove", { id: ids[0]!.slice(4) });
    ids = ids.slice(1);
    await same();
    await push(page, "move", { from: "0", to: "200" });
    ids.splice(200, 0, ...ids.splice(0, 1));
    await same();
    expect(await page.inputValue("#note-150")).toBe("typed");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("note-150");
    expect(await page.textContent("#badge-150")).toBe("badge 150: 1");
    await page.click("#badge-150");
    await page.waitForFunction(() => document.querySelector("#badge-150")?.textContent === "badge 150: 2");
    expect(errors).toEqual([]);
    await page.close();
  });
});
