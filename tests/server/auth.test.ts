/**
 * Sessions over real HTTP and WebSocket, through routes using `c.var.session` (fixture
 * sign-in pages): the session cookie's flags, CSRF checks, flashes across a redirect, and
 * forged cookies, tokens and sockets refused.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SESSION_COOKIE } from "../../server/session.js";
import { startFixtureServer, type FixtureServer } from "../support/fixture-server.js";
import { postForm, withCookies } from "../support/http.js";
import { loadPage, ProtocolClient } from "../support/protocol.js";
import { memberPosts, memberRoutes, signIn } from "../support/views/members.js";

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer(memberRoutes(), { setup: memberPosts });
});
afterAll(async () => {
  await server?.close();
});

const post = (path: string, cookie: string, form: Record<string, string>) => postForm(server.url + path, cookie, form);
const members = () => server.lagoon.pubsub.localSubscribers("members");

describe("the request session", () => {
  it("signs in: a new session with the route's data reaches the pages of another live session", async () => {
    const cookie = await signIn(server.url, "alice");
    const page = await fetch(server.url + "/members", { headers: { cookie }, redirect: "manual" });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<span class="user">alice</span>');
    // without it, the live session's onMount sends the visitor away
    const anonymous = await fetch(server.url + "/members", { redirect: "manual" });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toBe("/sign-in");
  });

  it("sets an HttpOnly, SameSite session cookie", async () => {
    const page = await loadPage(server.url, "/sign-in");
    const res = await post("/sign-in", page.cookie, { _csrf_token: page.csrf, user: "bob" });
    const session = res.headers.getSetCookie().find((c) => c.startsWith(SESSION_COOKIE));
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
  });

  it("checkCsrf refuses a post without the page's token, a forged one and another session's", async () => {
    const page = await loadPage(server.url, "/sign-in");
    expect((await post("/sign-in", page.cookie, { user: "alice" })).status).toBe(403);
    expect((await post("/sign-in", page.cookie, { user: "alice", _csrf_token: "forged" })).status).toBe(403);
    const other = await loadPage(server.url, "/sign-in");
    expect((await post("/sign-in", page.cookie, { user: "alice", _csrf_token: other.csrf })).status).toBe(403);

    const cookie = await signIn(server.url, "alice");
    expect((await post("/sign-out", cookie, {})).status).toBe(403);
    const still = await fetch(server.url + "/members", { headers: { cookie }, redirect: "manual" });
    expect(still.status).toBe(200);
  });

  it("clear deletes the session cookie", async () => {
    const cookie = await signIn(server.url, "alice");
    const page = await loadPage(server.url, "/members", cookie);
    const res = await post("/sign-out", cookie, { _csrf_token: page.csrf });
    expect(res.status).toBe(303);
    const deleted = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
    expect(deleted).toMatch(/Max-Age=0/i);
    const after = withCookies(cookie, res);
    expect(after).not.toContain(SESSION_COOKIE);
    expect((await fetch(server.url + "/members", { headers: { cookie: after }, redirect: "manual" })).status).toBe(302);
  });

  it("a flash set by a route shows on the next page, once; a form refused unread closes the connection", async () => {
    const page = await loadPage(server.url, "/sign-in");
    const res = await post("/sign-in", page.cookie, { _csrf_token: page.csrf, user: "" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/sign-in");
    const next = await loadPage(server.url, "/sign-in", withCookies(page.cookie, res));
    expect(next.html).toContain('<p class="flash-error">Who are you?</p>');
    expect((await loadPage(server.url, "/sign-in", next.cookie)).html).not.toContain("Who are you?");

    const big = await post("/sign-in", page.cookie, { _csrf_token: page.csrf, junk: "x".repeat(100_000) });
    expect(big.status).toBe(413);
    // refused unread: the client must not reuse the connection the server may be dropping
    expect(big.headers.get("connection")).toBe("close");
    // a form that was read keeps it
    const read = await post("/sign-in", page.cookie, { _csrf_token: page.csrf, user: "" });
    expect(read.headers.get("connection")).not.toBe("close");
  });
});

describe("forged sessions and tokens", () => {
  it("treats a forged or tampered cookie as no session", async () => {
    const cookie = await signIn(server.url, "alice");
    const value = cookie.split("; ").find((c) => c.startsWith(SESSION_COOKIE))!;
    const tampered = value.slice(0, -3) + (value.endsWith("AAA") ? "BBB" : "AAA");
    const res = await fetch(server.url + "/members", { headers: { cookie: tampered }, redirect: "manual" });
    expect(res.status).toBe(302);
    const made = `${SESSION_COOKIE}=${Buffer.from(JSON.stringify({ s: { sid: "x", userId: "alice" } })).toString("base64url")}.sig`;
    const res2 = await fetch(server.url + "/members", { headers: { cookie: made }, redirect: "manual" });
    expect(res2.status).toBe(302);
  });

  it("refuses a join with another user's session token, with nothing mounted", async () => {
    const alice = await loadPage(server.url, "/members", await signIn(server.url, "alice"));
    const bob = await loadPage(server.url, "/members", await signIn(server.url, "bob"));
    const before = members();
    const client = await ProtocolClient.connect(server.url, bob);
    // bob's socket (his cookie and CSRF token) presenting alice's page token
    const stolen = await client.join(server.url, { ...bob, id: alice.id, session: alice.session }, "/members");
    expect(stolen.reply[4]).toEqual({ status: "error", response: { reason: "stale" } });
    expect(members()).toBe(before);
    // his own token works
    const own = await client.join(server.url, bob, "/members");
    expect(own.reply[4].status).toBe("ok");
    expect(members()).toBe(before + 1);
    await client.close();
  });

  it("refuses a live navigation into another live session (a full page load must run its onMount)", async () => {
    const page = await loadPage(server.url, "/counter", await signIn(server.url, "alice"));
    const client = await ProtocolClient.connect(server.url, page);
    const crossing = await client.join(server.url, page, "/counter", { url: undefined, redirect: server.url + "/members" });
    expect(crossing.reply[4]).toEqual({ status: "error", response: { reason: "unauthorized" } });
    await client.close();
  });

  it("refuses a socket from another origin, and one without the CSRF token mounts nothing", async () => {
    const page = await loadPage(server.url, "/members", await signIn(server.url, "alice"));
    await expect(ProtocolClient.connect(server.url, page, { origin: "http://evil.example" })).rejects.toThrow(/403/);
    const before = members();
    const client = await ProtocolClient.connect(server.url, page, { csrf: null });
    const join = await client.join(server.url, page, "/members");
    expect(join.reply[4]).toEqual({ status: "error", response: { reason: "stale" } });
    expect(members()).toBe(before);
    await client.close();
  });
});
