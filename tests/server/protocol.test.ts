/** The wire protocol over a real WebSocket against a real server on 127.0.0.1. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFixtureServer } from "../support/fixture-server.js";
import { loadPage, ProtocolClient, refusal } from "../support/protocol.js";
import { counterRoutes } from "../support/views/counter.js";

let server: Awaited<ReturnType<typeof startFixtureServer>>;
beforeAll(async () => {
  server = await startFixtureServer(counterRoutes());
});
afterAll(async () => {
  await server.close();
});

async function joinedCounter() {
  const page = await loadPage(server.url, "/counter");
  const client = await ProtocolClient.connect(server.url, page);
  const { joinRef, topic, reply } = await client.join(server.url, page, "/counter");
  return { page, client, joinRef, topic, reply };
}

/** The layout wraps the view: the counter's own tree sits at one dynamic of it. */
function counterSlot(rendered: Record<string, any>): string {
  const slot = Object.keys(rendered).find((k) => rendered[k]?.s?.join("").includes("<h1>Count: "));
  if (!slot) throw new Error("no counter in the rendered tree");
  return slot;
}

/** A diff that sets the count and nothing else. */
const countDiff = (slot: string, n: string) => ({ [slot]: { 0: n } });

const click = (event: string) => ({ type: "click", event, value: { value: "" } });

describe("live socket protocol", () => {
  it("answers heartbeats", async () => {
    const { client } = await joinedCounter();
    const reply = await client.push(null, "phoenix", "heartbeat", {});
    expect(reply).toEqual([null, reply[1], "phoenix", "phx_reply", { status: "ok", response: {} }]);
    await client.close();
  });

  it("join reply carries the rendered tree and the client version", async () => {
    const { client, reply, joinRef, topic } = await joinedCounter();
    expect(reply[0]).toBe(joinRef);
    expect(reply[2]).toBe(topic);
    const { status, response } = reply[4];
    expect(status).toBe("ok");
    expect(response.liveview_version).toBe("1.2.12");
    const counter = response.rendered[counterSlot(response.rendered)];
    expect(counter.s.join("")).toContain("<h1>Count: ");
    expect(counter[0]).toBe("0");
    await client.close();
  });

  it("an event answers with a diff holding only the changed dynamic", async () => {
    const { client, joinRef, topic, reply: joined } = await joinedCounter();
    const slot = counterSlot(joined[4].response.rendered);
    const reply = await client.push(joinRef, topic, "event", click("increment"));
    expect(reply[4]).toEqual({ status: "ok", response: { diff: countDiff(slot, "1") } });
    // nothing changed: no diff at all
    const same = await client.push(joinRef, topic, "event", { type: "click", event: "reset", value: {} });
    expect(same[4]).toEqual({ status: "ok", response: { diff: countDiff(slot, "0") } });
    const none = await client.push(joinRef, topic, "event", { type: "click", event: "reset", value: {} });
    expect(none[4]).toEqual({ status: "ok", response: {} });
    await client.close();
  });

  it("refuses an unknown event, an unknown topic and malformed frames without crashing anything", async () => {
    const a = await joinedCounter();
    const b = await joinedCounter();
    const slot = counterSlot(a.reply[4].response.rendered);
    const unknown = await a.client.push(a.joinRef, a.topic, "event", click("explode"));
    expect(unknown[4].status).toBe("ok");
    expect(refusal(unknown[4])).toEqual({ reason: "unknown_event", message: 'CounterLive has no event "explode"' });
    const topic = await a.client.push("99", "lv:nope", "event", click("increment"));
    expect(topic[4]).toEqual({ status: "error", response: { reason: "unmatched topic" } });
    const badPayload = await a.client.push(a.joinRef, a.topic, "event", { type: 1, event: ["x"] });
    expect(refusal(badPayload[4])?.reason).toBe("bad_event");
    // still working after all that
    const ok = await a.client.push(a.joinRef, a.topic, "event", click("increment"));
    expect(ok[4].response.diff).toEqual(countDiff(slot, "1"));
    // a frame that cannot be answered closes that connection with 1007, and only that one
    a.client.sendRaw("this is not json");
    await new Promise((r) => a.client.ws.once("close", r));
    expect(a.client.closed?.code).toBe(1007);
    const other = await b.client.push(b.joinRef, b.topic, "event", click("increment"));
    expect(other[4].response.diff).toEqual(countDiff(slot, "1"));
    await b.client.close();
  });

  it("refuses a join with a forged session token, or without the CSRF token", async () => {
    const page = await loadPage(server.url, "/counter");
    const client = await ProtocolClient.connect(server.url, page);
    const forged = await client.join(server.url, { ...page, session: page.session.slice(0, -4) + "AAAA" }, "/counter");
    expect(forged.reply[4]).toEqual({ status: "error", response: { reason: "stale" } });
    await client.close();
    const noCsrf = await ProtocolClient.connect(server.url, page, { csrf: null });
    const refused = await noCsrf.join(server.url, page, "/counter");
    expect(refused.reply[4]).toEqual({ status: "error", response: { reason: "stale" } });
    await noCsrf.close();
  });

  it("refuses a WebSocket from another origin at the upgrade", async () => {
    const page = await loadPage(server.url, "/counter");
    await expect(ProtocolClient.connect(server.url, page, { origin: "http://evil.example" })).rejects.toThrow(/403/);
  });

  it("a leave frees the view and a disconnect frees every view", async () => {
    const { client, joinRef, topic } = await joinedCounter();
    const leave = await client.push(joinRef, topic, "phx_leave", {});
    expect(leave[4]).toEqual({ status: "ok", response: {} });
    await client.waitFor((f) => f[3] === "phx_close" && f[0] === joinRef);
    const after = await client.push(joinRef, topic, "event", click("increment"));
    expect(after[4].response.reason).toBe("unmatched topic");
    await client.close();
  });
});
