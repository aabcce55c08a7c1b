/** The demo's log in and log out routes over real HTTP: CSRF, its pages, its flashes, its form limit, log out everywhere. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../support/server.js";
import { postForm, withCookies } from "../support/http.js";
import { DEMO_PASSWORD, httpLogIn } from "../support/login.js";
import { loadPage } from "../support/protocol.js";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.close();
});

const post = (path: string, cookie: string, form: Record<string, string>) => postForm(server.url + path, cookie, form);
const logIn = (email: string) => httpLogIn(server.url, email);
const opens = async (cookie: string) => (await fetch(server.url + "/todos", { headers: { cookie }, redirect: "manual" })).status;

describe("log in and log out", () => {
  it("logs in with the CSRF token, and the session reaches a protected page", async () => {
    const cookie = await logIn("alice@example.com");
    const todos = await fetch(server.url + "/todos", { headers: { cookie }, redirect: "manual" });
    expect(todos.status).toBe(200);
    expect(await todos.text()).toContain('<span class="user">Alice</span>');
  });

  it("refuses a login or logout post without the page's CSRF token", async () => {
    const page = await loadPage(server.url, "/login");
    const creds = { "user[email]": "alice@example.com", "user[password]": DEMO_PASSWORD };
    expect((await post("/login", page.cookie, creds)).status).toBe(403);
    expect((await post("/login", page.cookie, { ...creds, _csrf_token: "forged" })).status).toBe(403);
    // a token from another session does not work either
    const other = await loadPage(server.url, "/login");
    expect((await post("/login", page.cookie, { ...creds, _csrf_token: other.csrf })).status).toBe(403);

    const cookie = await logIn("alice@example.com");
    expect((await post("/logout", cookie, {})).status).toBe(403);
    expect(await opens(cookie)).toBe(200);
  });

  it("logs out: the session cookie is cleared and /todos asks to log in again", async () => {
    const cookie = await logIn("alice@example.com");
    const page = await loadPage(server.url, "/todos", cookie);
    const res = await post("/logout", cookie, { _csrf_token: page.csrf });
    expect(res.status).toBe(303);
    const todos = await fetch(server.url + "/todos", { headers: { cookie: withCookies(cookie, res) }, redirect: "manual" });
    expect(todos.status).toBe(302);
    expect(todos.headers.get("location")).toBe("/login?return_to=%2Ftodos");
  });

  it("wrong credentials redirect back to /login with a flash, and an oversized form is refused", async () => {
    const page = await loadPage(server.url, "/login");
    const res = await post("/login", page.cookie, {
      _csrf_token: page.csrf,
      "user[email]": "alice@example.com",
      "user[password]": "wrong",
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/login");
    const next = await loadPage(server.url, "/login", withCookies(page.cookie, res));
    expect(next.html).toContain("Invalid email or password");
    const big = await post("/login", page.cookie, { _csrf_token: page.csrf, junk: "x".repeat(100_000) });
    expect(big.status).toBe(413);
    expect(big.headers.get("connection")).toBe("close");
  });

  it("log out everywhere ends every session of the user, and no other user's", async () => {
    const laptop = await logIn("alice@example.com");
    const phone = await logIn("alice@example.com");
    const bob = await logIn("bob@example.com");
    const page = await loadPage(server.url, "/todos", laptop);
    expect((await post("/logout/everywhere", laptop, { _csrf_token: page.csrf })).status).toBe(303);
    expect(await opens(laptop)).toBe(302);
    expect(await opens(phone)).toBe(302);
    expect(await opens(bob)).toBe(200);
  });
});
