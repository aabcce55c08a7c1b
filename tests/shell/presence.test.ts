/** Presence on the in-process PubSub, with two Presence instances standing for two processes. */
import { afterAll, describe, expect, it } from "vitest";
import { defineView, html, live as route, MemoryPubSub, Presence, type PresenceChanged, type PresenceEntry } from "../../shell/index.js";
import { Router } from "../../shell/router.js";
import { visit } from "../../shell/testing/index.js";

const pubsub = new MemoryPubSub();
const here = new Presence(pubsub, { heartbeatMs: 50, batchMs: 0 });
const there = new Presence(pubsub, { heartbeatMs: 50, batchMs: 0 });
afterAll(() => {
  here.close();
  there.close();
});

function roomView(presence: Presence) {
  return defineView<{ who: PresenceEntry[] }>({
    mount(params, _s, socket) {
      presence.track(socket, "room", String(params.user ?? "anon"), { name: params.user });
      presence.watch(socket, "room");
      socket.assign({ who: presence.list("room") });
    },
    info: (m: PresenceChanged, socket) => void socket.assign({ who: [...m.entries] }),
    render: (a) => html`<ul>${a.who.map((p) => html`<li>${p.key}:${String(p.metas.length)}</li>`)}</ul>`,
  });
}

const routerHere = new Router([route("/room", roomView(here))]);
const routerThere = new Router([route("/room", roomView(there))]);

describe("Presence", () => {
  it("lists users across instances, counts tabs, and drops a view when it ends", async () => {
    const alice = await visit(routerHere, "/room?user=alice", { pubsub });
    const bob = await visit(routerThere, "/room?user=bob", { pubsub });
    const bob2 = await visit(routerThere, "/room?user=bob", { pubsub });
    await alice.flush();
    expect(alice.html()).toBe("<ul><li>alice:1</li><li>bob:2</li></ul>");
    expect(bob.html()).toBe("<ul><li>alice:1</li><li>bob:2</li></ul>");
    bob2.close();
    await alice.flush();
    expect(alice.html()).toBe("<ul><li>alice:1</li><li>bob:1</li></ul>");
    bob.close();
    await alice.flush();
    expect(alice.html()).toBe("<ul><li>alice:1</li></ul>");
    alice.close();
    expect(here.list("room")).toEqual([]);
  });

  it("expires the entries of an instance that stops announcing", async () => {
    const pubsub2 = new MemoryPubSub();
    const a = new Presence(pubsub2, { heartbeatMs: 30, batchMs: 0 });
    const b = new Presence(pubsub2, { heartbeatMs: 30, batchMs: 0 });
    const viewB = await visit(new Router([route("/room", roomView(b))]), "/room?user=bob", { pubsub: pubsub2 });
    const viewA = await visit(new Router([route("/room", roomView(a))]), "/room?user=alice", { pubsub: pubsub2 });
    expect(a.list("room").map((p) => p.key)).toEqual(["alice", "bob"]);
    b.close(); // b's process "dies": no leave, no more heartbeats
    await new Promise((r) => setTimeout(r, 200));
    expect(a.list("room").map((p) => p.key)).toEqual(["alice"]);
    viewA.close();
    viewB.close();
    a.close();
  });
});
