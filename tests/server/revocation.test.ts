/**
 * Log out ends a session for good: the cookie saved before logout no longer opens a page
 * or a live view, and the socket opened before it is closed at once; log out everywhere
 * ends every session of the user. Over real HTTP and WebSocket, through fixture routes
 * calling `c.var.session.clear()` and `clearEverywhere()`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SESSION_COOKIE } from "../../server/session.js";
import { MemoryPubSub } from "../../shell/pubsub.js";
import { startFixtureServer, type FixtureServer } from "../support/fixture-server.js";
import { postForm } from "../support/http.js";
import { loadPage, ProtocolClient, joinView } from "../support/protocol.js";
import { coreRoutes } from "../support/views/core.js";
import { memberPosts, memberRoutes, signIn } from "../support/views/members.js";
import { closed } from "../hardening/helpers.js";

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer(memberRoutes(), { setup: memberPosts });
});
afterAll(async () => {
  await server?.close();
});

async function post(path: string, cookie: string): Promise<Response> {
  const page = await loadPage(server.url, "/sign-in", cookie);
  return postForm(server.url + path, cookie, { _csrf_token: page.csrf });
}

const opens = async (cookie: string) => (await fetch(server.url + "/members", { headers: { cookie }, redirect: "manual" })).status;

describe("revocable sessions", () => {
  it("clear refuses the saved cookie and closes the socket opened before", async () => {
    const cookie = await signIn(server.url, "alice");
    expect(await opens(cookie)).toBe(200);
    const socket = await joinView(server.url, "/members", { cookie });
    expect(socket.reply[4].status).toBe("ok");

    expect((await post("/sign-out", cookie)).status).toBe(303);
    expect(await closed(socket.client)).toBe(1008);
    expect(socket.client.closed?.reason).toBe("session revoked");
    // the saved cookie, replayed: a page sends it to sign in, a live view refuses it
    expect(await opens(cookie)).toBe(302);
    const replay = await loadPage(server.url, "/counter", cookie);
    const client = await ProtocolClient.connect(server.url, replay);
    const { reply } = await client.join(server.url, replay, "/counter");
    expect(reply[4].status).toBe("ok"); // a new anonymous session: the public page works
    expect(replay.cookie).not.toContain(cookie.split("; ").find((c) => c.startsWith(SESSION_COOKIE))!);
    await client.close();
    // a socket opened with the saved cookie carries no session: joins of the old page are stale
    const oldPage = { ...socket.page };
    const stale = await ProtocolClient.connect(server.url, oldPage);
    expect((await stale.join(server.url, oldPage, "/members")).reply[4]).toEqual({ status: "error", response: { reason: "stale" } });
    await stale.close();
  });

  it("clearEverywhere ends every session of the user, and no other user's", async () => {
    const laptop = await signIn(server.url, "alice");
    const phone = await signIn(server.url, "alice");
    const bob = await signIn(server.url, "bob");
    const phoneSocket = await joinView(server.url, "/members", { cookie: phone });
    const bobSocket = await joinView(server.url, "/members", { cookie: bob });
    expect((await post("/sign-out/everywhere", laptop)).status).toBe(303);
    expect(await closed(phoneSocket.client)).toBe(1008);
    expect(await opens(laptop)).toBe(302);
    expect(await opens(phone)).toBe(302);
    expect(await opens(bob)).toBe(200);
    expect(bobSocket.client.closed).toBeUndefined();
    // signing in again works: the new session was issued after the revocation
    const again = await signIn(server.url, "alice");
    expect(await opens(again)).toBe(200);
    await bobSocket.client.close();
  });
});

describe("revocations across processes", () => {
  it("a session revoked in one process is refused by the others, which close its sockets", async () => {
    const pubsub = new MemoryPubSub();
    const secret = "revocation-test-secret-".repeat(2);
    const [a, b] = await Promise.all([
      startFixtureServer(coreRoutes(), { secret, pubsub }),
      startFixtureServer(coreRoutes(), { secret, pubsub }),
    ]);
    const page = await loadPage(a.url, "/order");
    const onB = await joinView(b.url, "/order", { cookie: page.cookie });
    expect(onB.reply[4].status).toBe("ok");
    const session = a.lagoon.sessions.read(page.cookie)!;
    a.lagoon.sessions.revoke(session);
    expect(await closed(onB.client)).toBe(1008);
    expect(b.lagoon.sessions.read(page.cookie)).toBeNull();
    await Promise.all([a.close(), b.close()]);
  });
});
