/**
 * Nested view tokens over real WebSockets: a child joins only through its live parent on
 * the same socket, for the session it was rendered for; a sticky one joins as a root; a
 * forged or misplaced token is stale.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFixtureServer } from "../support/fixture-server.js";
import { loadPage, ProtocolClient, joinView, type Joined } from "../support/protocol.js";
import { nestedRoutes } from "../support/views/nested.js";

let server: Awaited<ReturnType<typeof startFixtureServer>>;
beforeAll(async () => {
  server = await startFixtureServer(nestedRoutes);
});
afterAll(() => server.close());

/** The child token the parent's connected render carries. */
function childToken(parent: Joined): string {
  const token = /id=\\"counter\\" data-phx-session=\\"([^\\"]+)\\"/.exec(JSON.stringify(parent.reply[4]))?.[1];
  if (!token) throw new Error("no child container in the join reply");
  return token;
}

function joinChild(client: ProtocolClient, token: string, csrf: string, topic = "lv:counter") {
  const ref = client.nextRef();
  return client.push(
    ref,
    topic,
    "phx_join",
    { params: { _csrf_token: csrf, _mounts: 0 }, session: token, static: null, sticky: false },
    ref,
  );
}

describe("nested view tokens", () => {
  it("join a child through its parent on the same socket", async () => {
    const parent = await joinView(server.url, "/nested");
    const reply = await joinChild(parent.client, childToken(parent), parent.page.csrf);
    expect(reply[4].status).toBe("ok");
    expect(JSON.stringify(reply[4].response.rendered)).toContain("child ");
    await parent.client.close();
  });

  it("are stale without the parent on the socket, for another session, on another topic, or forged", async () => {
    const parent = await joinView(server.url, "/nested");
    const token = childToken(parent);
    // the same user, another socket without the parent
    const alone = await ProtocolClient.connect(server.url, parent.page);
    expect((await joinChild(alone, token, parent.page.csrf))[4]).toEqual({ status: "error", response: { reason: "stale" } });
    // another user's socket
    const other = await loadPage(server.url, "/nested");
    const stranger = await ProtocolClient.connect(server.url, other);
    expect((await joinChild(stranger, token, other.csrf))[4].response.reason).toBe("stale");
    // the right socket, a topic the token does not name, or a tampered token
    expect((await joinChild(parent.client, token, parent.page.csrf, "lv:other"))[4].response.reason).toBe("stale");
    const tampered = token.slice(0, -4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
    expect((await joinChild(parent.client, tampered, parent.page.csrf))[4].response.reason).toBe("stale");
    // the parent is unharmed and still answers
    const ok = await joinChild(parent.client, token, parent.page.csrf);
    expect(ok[4].status).toBe("ok");
    for (const c of [alone, stranger, parent.client]) await c.close();
  });

  it("join a sticky view as a root with the token of the HTTP render", async () => {
    const page = await loadPage(server.url, "/sticky/a");
    const token = /id="scratchpad" data-phx-session="([^"]+)"/.exec(page.html)?.[1];
    expect(token).toBeTruthy();
    const client = await ProtocolClient.connect(server.url, page);
    const ref = client.nextRef();
    const reply = await client.push(
      ref,
      "lv:scratchpad",
      "phx_join",
      { params: { _csrf_token: page.csrf, _mounts: 0 }, session: token, static: null, sticky: true },
      ref,
    );
    expect(reply[4].status).toBe("ok");
    await client.close();
  });
});
