/**
 * The XSS corpus stored as the demo's own data — todo titles, chat messages and account
 * names — renders inert in the first HTML, in live diffs (test client) and in Chromium.
 */
import { describe, expect, it } from "vitest";
import type { User } from "../../../app/accounts.js";
import { demo } from "../../support/demo.js";
import { startServer } from "../../support/server.js";
import { connected, watchErrors } from "../../support/browser.js";
import { inChromium } from "../../support/chromium-suite.js";
import { logIn } from "../../support/login.js";
import { unsafeMarkup, watchXss, XSS_PAYLOADS, type XssPayload } from "../../support/xss-corpus.js";

/** Registers one account per payload, named with it (names are at most 80 characters). */
/** Names refuse NUL (the nul-byte payload is tried as a title and a message, where it is refused too). */
const nameOf = (p: XssPayload) => p.text.replace(/\0/g, "").slice(0, 80);
const refused = (p: XssPayload) => p.text.includes("\0");
const stored = XSS_PAYLOADS.filter((p) => !refused(p)).length;

async function payloadUsers(register: (input: { name: string; email: string; password: string }) => Promise<unknown>): Promise<void> {
  for (const [i, p] of XSS_PAYLOADS.entries()) {
    await register({ name: nameOf(p), email: `xss${i}@example.com`, password: "a long enough password" });
  }
}

const viewHtml = (html: string) => html.slice(html.indexOf("<main>"));

describe("XSS corpus as demo data (test client)", () => {
  it(`renders ${XSS_PAYLOADS.length} payloads inert as todo titles, chat messages and names, first and live`, async () => {
    const app = await demo();
    try {
      await payloadUsers((input) => app.ctx.accounts.register(input));
      const users: User[] = await Promise.all(XSS_PAYLOADS.map((_, i) => app.user(`xss${i}@example.com`)));
      const alice = await app.user("alice@example.com");
      const todos = await app.visit("/todos", { user: alice });
      const chat = await app.visit("/chat/xss", { user: alice });
      for (const [i, p] of XSS_PAYLOADS.entries()) {
        // as live inserts (diffs), by users named with payloads
        expect((await app.ctx.todos.create(users[i]!, { title: p.text.slice(0, 200) })).ok).toBe(!refused(p));
        expect((await app.ctx.chat.post(users[i]!, "xss", p.text.slice(0, 500))).ok).toBe(!refused(p));
      }
      await todos.flush();
      await chat.flush();
      expect(unsafeMarkup(viewHtml(todos.html()))).toEqual([]);
      expect(unsafeMarkup(viewHtml(chat.html()))).toEqual([]);
      expect(todos.find("#todos")?.querySelectorAll("li")).toHaveLength(stored);
      // and in the first HTML of fresh views
      const again = await app.visit("/todos", { user: alice });
      expect(unsafeMarkup(viewHtml(again.staticHtml))).toEqual([]);
      const chatAgain = await app.visit("/chat/xss", { user: alice });
      expect(unsafeMarkup(viewHtml(chatAgain.staticHtml))).toEqual([]);
      // a payload name in the layout's account area
      const named = await app.visit("/", { user: users[XSS_PAYLOADS.findIndex((p) => p.name === "img-onerror")]! });
      expect(unsafeMarkup(named.staticHtml)).toEqual([]);
      expect(named.find(".account .user")?.textContent).toBe(nameOf(XSS_PAYLOADS.find((p) => p.name === "img-onerror")!));
    } finally {
      await app.close();
    }
  });
});

describe("XSS corpus as demo data in Chromium", () => {
  const env = inChromium(() => startServer());

  it("runs none of them on /todos and /chat, in the first HTML or live", async () => {
    await payloadUsers((input) => env.server.ctx.accounts.register(input));
    const page = await (await env.browser.newContext()).newPage();
    const xss = await watchXss(page);
    const errors = watchErrors(page);
    const author = (await env.server.ctx.accounts.authenticate("xss3@example.com", "a long enough password"))!;
    // half stored before the pages load (first HTML), half while they are open (diffs)
    const half = Math.ceil(XSS_PAYLOADS.length / 2);
    const store = async (from: number, to: number) => {
      for (const p of XSS_PAYLOADS.slice(from, to)) {
        await env.server.ctx.todos.create(author, { title: p.text.slice(0, 200) });
        await env.server.ctx.chat.post(author, "xss", p.text.slice(0, 500));
      }
    };
    await store(0, half);
    await logIn(page, env.server.url, "alice@example.com", undefined, "/todos");
    await store(half, XSS_PAYLOADS.length);
    await expect.poll(() => page.locator("#todos li").count()).toBe(stored);
    for (const li of await page.locator("#todos li .title").all()) await li.hover();

    // every payload was posted before this page loaded (first HTML); post them again live (diffs)
    await page.goto(env.server.url + "/chat/xss");
    await connected(page);
    await expect.poll(() => page.locator("#messages li").count()).toBe(stored);
    for (const p of XSS_PAYLOADS) await env.server.ctx.chat.post(author, "xss", p.text.slice(0, 500));
    await expect.poll(() => page.locator("#messages li").count()).toBe(2 * stored);
    for (const li of await page.locator("#messages li .body").all()) await li.hover();
    await page.waitForTimeout(300); // late onerror/onload handlers
    expect(xss.hits()).toEqual([]);
    expect(errors).toEqual([]);
  }, 120_000);
});
