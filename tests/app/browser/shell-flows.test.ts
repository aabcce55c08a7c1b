/** The shell's flows in Chromium through the official client: forms, auth, patch, navigate, back. */
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { startServer } from "../../support/server.js";
import { connected, watchErrors } from "../../support/browser.js";
import { inChromium } from "../../support/chromium-suite.js";
import { logIn } from "../../support/login.js";

const env = inChromium(() => startServer());

/** Counts page loads, WebSockets and joins: live navigation must not add loads or sockets. */
function track(page: Page) {
  const seen = { loads: 0, sockets: 0, joins: 0 };
  page.on("load", () => seen.loads++);
  page.on("websocket", (ws) => {
    seen.sockets++;
    ws.on("framesent", (f) => {
      if (typeof f.payload === "string" && f.payload.includes('"phx_join"') && f.payload.includes('"lv:')) seen.joins++;
    });
  });
  return seen;
}

const errorText = (page: Page, field: string) => page.locator(`#user_${field}_error`);

describe("registration in Chromium", () => {
  it("shows errors while typing, clears them when fixed, then flashes on /login", async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    const errors = watchErrors(page);
    const seen = track(page);
    await page.goto(env.server.url + "/register");
    await connected(page);

    await page.getByLabel("Name").fill("C");
    await page.getByLabel("Name").fill("");
    await expect.poll(() => errorText(page, "name").textContent()).toBe("can't be blank");
    // untouched fields show nothing yet
    expect(await errorText(page, "email").count()).toBe(0);
    await page.getByLabel("Name").fill("Carol");
    await expect.poll(() => errorText(page, "name").count()).toBe(0);

    await page.getByLabel("Email").fill("carol@");
    await expect.poll(() => errorText(page, "email").textContent()).toBe("must be a valid email");
    await page.getByLabel("Email").fill("alice@example.com");
    await expect.poll(() => errorText(page, "email").textContent()).toBe("has already been taken");
    await page.getByLabel("Email").fill("carol@example.com");
    await expect.poll(() => errorText(page, "email").count()).toBe(0);

    await page.getByLabel("Password").fill("short");
    await expect.poll(() => errorText(page, "password").textContent()).toBe("should be at least 12 characters");
    await page.getByLabel("Password").fill("a long enough password");
    await expect.poll(() => errorText(page, "password").count()).toBe(0);

    await page.getByRole("button", { name: "Create Account" }).click();
    await page.waitForURL(env.server.url + "/login");
    await expect.poll(() => page.locator("#flash").textContent()).toContain("Account created!");
    // live navigation: same page load, same socket
    expect(seen.loads).toBe(1);
    expect(seen.sockets).toBe(1);
    // the flash can be dismissed
    await page.getByRole("button", { name: "Dismiss" }).click();
    await expect.poll(() => page.locator("#flash").textContent()).not.toContain("Account created!");

    // and the new account logs in
    await page.getByLabel("Email").fill("carol@example.com");
    await page.getByLabel("Password").fill("a long enough password");
    await page.getByRole("button", { name: "Log in" }).click();
    await page.waitForURL(env.server.url + "/todos");
    await connected(page);
    expect(await page.locator(".account .user").textContent()).toBe("Carol");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("recovers a half-filled form after the connection drops", async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await page.goto(env.server.url + "/register");
    await connected(page);
    await page.getByLabel("Name").fill("Dora");
    await page.getByLabel("Email").fill("dora@");
    await expect.poll(() => errorText(page, "email").textContent()).toBe("must be a valid email");
    // drop the socket from the server side; the client reconnects, rejoins and re-sends the form
    for (const ws of env.server.lagoon.live.wss.clients) ws.terminate();
    await page.waitForSelector("[data-phx-main].phx-connected", { timeout: 15_000 });
    await expect.poll(() => errorText(page, "email").textContent(), { timeout: 15_000 }).toBe("must be a valid email");
    expect(await page.getByLabel("Name").inputValue()).toBe("Dora");
    expect(await page.getByLabel("Email").inputValue()).toBe("dora@");
    await context.close();
  });
});

describe("auth in Chromium", () => {
  it("refuses wrong credentials, reaches a protected page, and logs out", async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(env.server.url + "/todos");
    // anonymous: sent to log in, remembering where to go
    await page.waitForURL(/\/login\?return_to=%2Ftodos$/);
    await connected(page);
    expect(await page.locator("#flash").textContent()).toContain("Please log in");
    await page.getByLabel("Email").fill("alice@example.com");
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Log in" }).click();
    await expect.poll(() => page.locator("#login-form [role=alert]").textContent()).toBe("Invalid email or password");
    expect(new URL(page.url()).pathname).toBe("/login");

    await page.getByLabel("Password").fill("lagoon-demo-password");
    await page.getByRole("button", { name: "Log in" }).click();
    await page.waitForURL(env.server.url + "/todos");
    await connected(page);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Todos");
    expect(await page.locator(".account .user").textContent()).toBe("Alice");

    await page.getByRole("button", { name: "Log out", exact: true }).click();
    await page.waitForURL(env.server.url + "/");
    await connected(page);
    expect(await page.locator("#flash").textContent()).toContain("Logged out.");
    await page.goto(env.server.url + "/todos");
    await page.waitForURL(/\/login/);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe("live sessions in Chromium", () => {
  it("navigates inside a live session over the socket, and crosses into another with a page load", async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    const errors = watchErrors(page);
    await logIn(page, env.server.url, "bob@example.com", undefined, "/posts");
    const seen = track(page);
    const nav = page.getByRole("navigation", { name: "Main" });
    await nav.getByRole("link", { name: "Search" }).click();
    await page.waitForURL(env.server.url + "/search");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Product search");
    expect(seen.loads).toBe(0);
    // the nav marks the page shown, also after live navigation
    await expect.poll(() => nav.locator('[aria-current="page"]').allTextContents()).toEqual(["Search"]);
    // /todos lives in the "authenticated" session: the client falls back to a full page load
    await nav.getByRole("link", { name: "Todos" }).click();
    await page.waitForURL(env.server.url + "/todos");
    await connected(page);
    await expect.poll(() => seen.loads).toBe(1);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Todos");
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe("patch, navigate and history in Chromium", () => {
  it("sorts by patch without a new join, navigates over the same socket, and goes back", async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    const errors = watchErrors(page);
    const seen = track(page);
    await page.goto(env.server.url + "/posts");
    await connected(page);
    const titles = () => page.locator("#posts li a").allTextContents();
    const newest = await titles();
    expect(await page.locator("#patch-count").textContent()).toBe("1");

    await page.getByRole("link", { name: "Oldest" }).click();
    await page.waitForURL(env.server.url + "/posts?sort=oldest");
    await expect.poll(titles).toEqual([...newest].reverse());
    // the same view handled the patch: its state survived, and no join happened
    expect(await page.locator("#patch-count").textContent()).toBe("2");
    expect(seen.joins).toBe(1);
    await expect.poll(() => page.title()).toBe("Posts · Lagoon");

    await page.getByRole("link", { name: "Hello, Lagoon" }).click();
    await page.waitForURL(/\/posts\/\d+$/);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Hello, Lagoon");
    await expect.poll(() => page.title()).toBe("Hello, Lagoon · Lagoon");
    expect(seen.sockets).toBe(1);
    expect(seen.joins).toBe(2);

    await page.goBack();
    await page.waitForURL(env.server.url + "/posts?sort=oldest");
    await expect.poll(titles).toEqual([...newest].reverse());
    await page.goForward();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Hello, Lagoon");
    await page.getByRole("link", { name: "Back to posts" }).click();
    await page.waitForURL(env.server.url + "/posts");
    await expect.poll(titles).toEqual(newest);
    expect(seen.loads).toBe(1);
    expect(seen.sockets).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("searches with a debounce and says when nothing matches", async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(env.server.url + "/search");
    await connected(page);
    await page.getByLabel("Search products").pressSequentially("kettle", { delay: 20 });
    await expect.poll(() => page.locator("#results li").count()).toBeGreaterThan(0);
    expect(await page.locator("#results").textContent()).toContain("Kettle");
    await page.getByLabel("Search products").fill("no such thing at all");
    await expect.poll(() => page.locator("#search-status").textContent()).toContain("No results found");
    expect(await page.locator("#results li").count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("answers an unknown page with a 404", async () => {
    const res = await fetch(env.server.url + "/no/such/page");
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("Page not found");
    const post = await fetch(env.server.url + "/posts/424242");
    expect(post.status).toBe(404);
  });
});
