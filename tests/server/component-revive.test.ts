import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { component, defineComponent, defineView, html, live } from "../../shell/index.js";
import { loadPage, ProtocolClient } from "../support/protocol.js";
import { startFixtureServer } from "../support/fixture-server.js";

const Leaf = defineComponent<{ count: number }>({
  name: "Leaf",
  mount: (socket) => void socket.assign({ count: 0 }),
  events: { bump: (_p, socket) => void socket.update("count", (n) => n + 1) },
  render: (a) => html`<div id="leaf">${a.count}</div>`,
});
const Branch = defineComponent<{ tick: number }>({
  name: "Branch",
  render: (a) => html`<div id="branch">${a.tick} ${component(Leaf, { id: "leaf" })}</div>`,
});
const Tree = defineView<{ show: boolean }>({
  mount: (_p, _s, socket) => void socket.assign({ show: true }),
  events: { toggle: (_p, socket) => void socket.update("show", (v) => !v) },
  render: (a) => html`<main>${a.show ? component(Branch, { id: "branch", tick: 0 }) : ""}</main>`,
});

describe("a live component revived between cids_will_destroy and cids_destroyed", () => {
  let server: Awaited<ReturnType<typeof startFixtureServer>>;
  beforeAll(async () => {
    server = await startFixtureServer([live("/tree", Tree)], { assets: { head: () => "" } });
  });
  afterAll(() => server.close());

  it("keeps the components it holds, which its own changes would not re-render", async () => {
    const page = await loadPage(server.url, "/tree");
    const client = await ProtocolClient.connect(server.url, page);
    const { joinRef, topic } = await client.join(server.url, page, "/tree");
    const click = (event: string, cid?: number) =>
      client.push(joinRef, topic, "event", { type: "click", event, value: {}, ...(cid ? { cid } : {}) });
    // branch is cid 1, leaf cid 2: hidden, then shown again before the client confirms the removal
    await click("toggle");
    await client.push(joinRef, topic, "cids_will_destroy", { cids: [1, 2] });
    await click("toggle");
    const destroyed = await client.push(joinRef, topic, "cids_destroyed", { cids: [1, 2] });
    expect(destroyed[4]).toEqual({ status: "ok", response: { cids: [] } });
    const bump = await click("bump", 2);
    expect(bump[4].response.diff.c[2]).toEqual({ 0: "1" });
    await client.close();
  });
});
