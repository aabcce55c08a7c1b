/** Sessions and auth over real HTTP and WebSocket: forged cookies, tokens and CSRF are refused. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../support/server.js";
import { httpLogIn } from "../support/login.js";
import { loadPage, ProtocolClient } from "../support/protocol.js";
import { SESSION_COOKIE } from "../../server/session.js";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.close();
});

/** Merges Set-Cookie headers of a response into a Cookie header. */
function withCookies(cookie: string, res: Response): string {
  const jar = new Map(
    cookie
      .split("; ")
      .filter(Boolean)
      .map((c) => [c.split("=")[0]!, c]),
  );
  for (const c of res.headers.getSetCookie()) {
    const pair = c.split(";")[0]!;
    if (/max-age=0/i.test(c)) jar.delete(pair.split("=")[0]!);
    else jar.set(pair.split("=")[0]!, pair);
  }
  return [...jar.values()].join("; ");
}

async function postForm(path: string, cookie: string, form: Record<string, string>): Promise<Response> {
  return fetch(server.url + path, {
    method: "POST",
    redirect: "manual",
    headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form).toString(),
  });
}

const logIn = (email: string) => httpLogIn(server.url, email);

describe("login and logout over HTTP", () => {
  it("logs in with the CSRF token, and the session reaches a protected page", async () => {
    const cookie = await logIn("alice@example.com");
    const todos = await fetch(server.url + "/todos", { headers: { cookie }, redirect: "manual" });
    expect(todos.status).toBe(200);
    expect(await todos.text()).toContain('<span class="user">Alice</span>');
  });

  it("sets an HttpOnly, SameSite session cookie", async () => {
    const page = await loadPage(server.url, "/login");
    const res = await postForm("/login", page.cookie, {
      _csrf_token: page.csrf,
      "user[email]": "bob@example.com",
      "user[password]": "lagoon-demo-password",
    });
    const session = res.headers.getSetCookie().find((c) => c.startsWith(SESSION_COOKIE));
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
  });

  it("refuses a login or logout post without the page's CSRF token", async () => {
    const page = await loadPage(server.url, "/login");
    const creds = { "user[email]": "alice@example.com", "user[password]": "lagoon-demo-password" };
    expect((await postForm("/login", page.cookie, creds)).status).toBe(403);
    expect((await postForm("/login", page.cookie, { ...creds, _csrf_token: "forged" })).status).toBe(403);
    // a token from another session does not work either
    const other = await loadPage(server.url, "/login");
    expect((await postForm("/login", page.cookie, { ...creds, _csrf_token: other.csrf })).status).toBe(403);

    const cookie = await logIn("alice@example.com");
    expect((await postForm("/logout", cookie, {})).status).toBe(403);
    const still = await fetch(server.url + "/todos", { headers: { cookie }, redirect: "manual" });
    expect(still.status).toBe(200);
  });

  it("logs out: the session cookie is cleared", async () => {
    const cookie = await logIn("alice@example.com");
    const page = await loadPage(server.url, "/todos", cookie);
    const res = await postForm("/logout", cookie, { _csrf_token: page.csrf });
    expect(res.status).toBe(303);
    const after = withCookies(cookie, res);
    const todos = await fetch(server.url + "/todos", { headers: { cookie: after }, redirect: "manual" });
    expect(todos.status).toBe(302);
    expect(todos.headers.get("location")).toBe("/login?return_to=%2Ftodos");
  });

  it("wrong credentials redirect back to /login with a flash, and an oversized form is refused", async () => {
    const page = await loadPage(server.url, "/login");
    const res = await postForm("/login", page.cookie, {
      _csrf_token: page.csrf,
      "user[email]": "alice@example.com",
      "user[password]": "wrong",
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/login");
    const next = await loadPage(server.url, "/login", withCookies(page.cookie, res));
    expect(next.html).toContain("Invalid email or password");
    const big = await postForm("/login", page.cookie, { _csrf_token: page.csrf, junk: "x".repeat(100_000) });
    expect(big.status).toBe(413);
    // refused unread: the client must not reuse the connection the server may be dropping
    expect(big.headers.get("connection")).toBe("close");
    // a form that was read keeps it
    const read = await postForm("/login", page.cookie, {
      _csrf_token: page.csrf,
      "user[email]": "x@example.com",
      "user[password]": "wrong",
    });
    expect(read.headers.get("connection")).not.toBe("close");
  });

  it("ignores an open redirect in return_to", async () => {
    const page = await loadPage(server.url, "/login");
    const res = await postForm("/login", page.cookie, {
      _csrf_token: page.csrf,
      "user[email]": "alice@example.com",
      "user[password]": "lagoon-demo-password",
      return_to: "//evil.example/",
    });
    expect(res.headers.get("location")).toBe("/todos");
  });
});

describe("forged sessions and tokens", () => {
  it("treats a forged or tampered cookie as no session", async () => {
    const cookie = await logIn("alice@example.com");
    const value = cookie.split("; ").find((c) => c.startsWith(SESSION_COOKIE))!;
    const tampered = value.slice(0, -3) + (value.endsWith("AAA") ? "BBB" : "AAA");
    const res = await fetch(server.url + "/todos", { headers: { cookie: tampered }, redirect: "manual" });
    expect(res.status).toBe(302);
    const made = `${SESSION_COOKIE}=${Buffer.from(JSON.stringify({ s: { sid: "x", userId: 1 } })).toString("base64url")}.sig`;
    const res2 = await fetch(server.url + "/todos", { headers: { cookie: made }, redirect: "manual" });
    expect(res2.status).toBe(302);
  });

  it("refuses a join with another user's session token, with nothing mounted", async () => {
    const alice = await loadPage(server.url, "/todos", await logIn("alice@example.com"));
    const bob = await loadPage(server.url, "/todos", await logIn("bob@example.com"));
    const before = server.ctx.pubsub.localSubscribers("todos");
    const client = await ProtocolClient.connect(server.url, bob);
    // bob's socket (his cookie and CSRF token) presenting alice's page token
    const stolen = await client.join(server.url, { ...bob, id: alice.id, session: alice.session }, "/todos");
    expect(stolen.reply[4]).toEqual({ status: "error", response: { reason: "stale" } });
    expect(server.ctx.pubsub.localSubscribers("todos")).toBe(before);
    // his own token works
    const own = await client.join(server.url, bob, "/todos");
    expect(own.reply[4].status).toBe("ok");
    expect(server.ctx.pubsub.localSubscribers("todos")).toBe(before + 1);
    await client.close();
  });

  it("refuses a live navigation into another live session (a full page load must run auth)", async () => {
    const cookie = await logIn("alice@example.com");
    const page = await loadPage(server.url, "/posts", cookie);
    const client = await ProtocolClient.connect(server.url, page);
    const crossing = await client.join(server.url, page, "/posts", { url: undefined, redirect: server.url + "/todos" });
    expect(crossing.reply[4]).toEqual({ status: "error", response: { reason: "unauthorized" } });
    await client.close();
  });

  it("refuses a socket from another origin, and one without the CSRF token mounts nothing", async () => {
    const page = await loadPage(server.url, "/todos", await logIn("alice@example.com"));
    await expect(ProtocolClient.connect(server.url, page, { origin: "http://evil.example" })).rejects.toThrow(/403/);
    const before = server.ctx.pubsub.localSubscribers("todos");
    const client = await ProtocolClient.connect(server.url, page, { csrf: null });
    const join = await client.join(server.url, page, "/todos");
    expect(join.reply[4]).toEqual({ status: "error", response: { reason: "stale" } });
    expect(server.ctx.pubsub.localSubscribers("todos")).toBe(before);
    await client.close();
  });
});
