/**
 * Hostile frames over a real WebSocket: each gets a clear error reply or closes only its own
 * connection with a proper code, the server never throws, and a second client keeps working.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startFixtureServer } from "../support/fixture-server.js";
import { loadPage, ProtocolClient, refusal, type PageInfo, joinAnother, joinView, type Joined } from "../support/protocol.js";
import { hardeningRoutes } from "../support/views/hardening.js";
import { closed, push } from "./helpers.js";

let server: Awaited<ReturnType<typeof startFixtureServer>>;
let victim: Joined;
let page: PageInfo;
const uncaught: unknown[] = [];
const record = (e: unknown) => uncaught.push(e);

beforeAll(async () => {
  process.on("uncaughtException", record);
  process.on("unhandledRejection", record);
  server = await startFixtureServer(hardeningRoutes(), { socket: { limits: { maxViews: 4 } } });
  victim = await joinView(server.url, "/load?topic=victim");
  page = await loadPage(server.url, "/load");
});
afterAll(async () => {
  await server?.close();
  process.off("uncaughtException", record);
  process.off("unhandledRejection", record);
});
// after every attack: the server threw nothing and the other client still gets its diffs
let ticks = 0;
afterEach(async () => {
  expect(uncaught).toEqual([]);
  const reply = await push(victim, "tick");
  expect(reply).toEqual({ status: "ok", response: { diff: { 0: String(++ticks) } } });
});

const connect = () => ProtocolClient.connect(server.url, page);

/** Sends raw text on a fresh connection and resolves with the close code. */
async function closesWith(data: string | Buffer, opts: { binary?: boolean } = {}): Promise<number> {
  const client = await connect();
  client.ws.send(data, { binary: opts.binary ?? false });
  return closed(client);
}

describe("hostile frames", () => {
  it("closes the connection with 1007 on frames that are not JSON or not a 5-element array", async () => {
    const cases = [
      "not json",
      "",
      "{",
      "\u0000",
      "[null,",
      "42",
      "null",
      '"text"',
      "{}",
      "[]",
      '[null,"1"]',
      '[null,"1","phoenix","heartbeat"]',
      '[null,"1","phoenix","heartbeat",{},"extra"]',
      // refs that are not strings, a topic that is not a string: nothing to reply to
      "[1,2,3,4,5]",
      '[{},{},"phoenix","heartbeat",{}]',
      `[null,"${"9".repeat(100)}","phoenix","heartbeat",{}]`,
      `[null,"1","${"x".repeat(300)}","heartbeat",{}]`,
    ];
    for (const text of cases) expect(await closesWith(text), text.slice(0, 40)).toBe(1007);
    expect(cases.length).toBe(17);
  });

  it("answers frames of the wrong shape that carry a ref with an error reply, and keeps the connection", async () => {
    const client = await connect();
    const send = async (frame: unknown[]) => {
      const reply = client.waitFor((f) => f[1] === frame[1] && f[3] === "phx_reply");
      client.sendRaw(JSON.stringify(frame));
      return (await reply)[4];
    };
    expect(await send([null, "1", "phoenix", 7, {}])).toEqual({ status: "error", response: { reason: "malformed frame" } });
    expect(await send([null, "2", "phoenix", null, {}])).toEqual({ status: "error", response: { reason: "malformed frame" } });
    for (const [i, payload] of [[], "x", 1, null, true].entries()) {
      expect(await send([null, `p${i}`, "phoenix", "heartbeat", payload])).toEqual({
        status: "error",
        response: { reason: "payload must be an object" },
      });
    }
    expect(await send([null, "h", "phoenix", "heartbeat", {}])).toEqual({ status: "ok", response: {} });
    // a push without a ref cannot be answered: dropped, and the connection stays
    client.sendRaw(JSON.stringify([null, null, "phoenix", "heartbeat", {}]));
    expect(await send([null, "h2", "phoenix", "heartbeat", {}])).toEqual({ status: "ok", response: {} });
    expect(client.closed).toBeUndefined();
    await client.close();
  });

  it("refuses unknown topics and events, and events before join or after leave", async () => {
    const client = await connect();
    const reason = async (joinRef: string | null, topic: string, event: string, payload: unknown = {}) =>
      (await client.push(joinRef, topic, event, payload))[4].response.reason;
    expect(await reason(null, "phoenix", "nope")).toBe("unknown event");
    expect(await reason("1", "room:lobby", "phx_join")).toBe("unmatched topic");
    expect(await reason("1", "", "phx_join")).toBe("unmatched topic");
    expect(await reason("1", "lv:nope", "event", { type: "click", event: "tick", value: {} })).toBe("unmatched topic");
    expect(await reason("1", "lv:__proto__", "event", { type: "click", event: "tick", value: {} })).toBe("unmatched topic");
    // a real view of this user, not joined yet
    expect(await reason("1", `lv:${page.id}`, "event", { type: "click", event: "tick", value: {} })).toBe("unmatched topic");
    const { joinRef, topic, reply } = await client.join(server.url, page, "/load");
    expect(reply[4].status).toBe("ok");
    // an event with the wrong join ref is not routed to the view
    expect(await reason("999", topic, "event", { type: "click", event: "tick", value: {} })).toBe("unmatched topic");
    expect(await reason(joinRef, topic, "no_such_event")).toBe("unknown event");
    expect((await client.push(joinRef, topic, "phx_leave", {}))[4]).toEqual({ status: "ok", response: {} });
    expect(await reason(joinRef, topic, "event", { type: "click", event: "tick", value: {} })).toBe("unmatched topic");
    await client.close();
  });

  it("answers malformed events and unknown component ids with an error reply", async () => {
    const j = await joinView(server.url, "/load");
    const reply = async (payload: unknown) => (await j.client.push(j.joinRef, j.topic, "event", payload))[4];
    const cases: [unknown, string][] = [
      [{}, "bad_event"],
      [{ type: "click" }, "bad_event"],
      [{ type: 1, event: "tick" }, "bad_event"],
      [{ type: "click", event: ["tick"] }, "bad_event"],
      [{ type: "click", event: "tick", value: "not an object" }, "bad_event"],
      [{ type: "click", event: "tick", value: [1, 2] }, "bad_event"],
      [{ type: "form", event: "tick", value: { not: "urlencoded" } }, "bad_event"],
      [{ type: "click", event: "tick", value: {}, cid: 999 }, "unknown_component"],
      [{ type: "click", event: "tick", value: {}, cid: "1" }, "unknown_component"],
      [{ type: "click", event: "tick", value: {}, cid: -1 }, "unknown_component"],
      [{ type: "click", event: "tick", value: {}, cid: 1.5 }, "unknown_component"],
      [{ type: "click", event: "tick", value: {}, cid: null }, "unknown_component"],
      [{ type: "click", event: "nope", value: {} }, "unknown_event"],
      [{ type: "click", event: "__proto__", value: {} }, "unknown_event"],
      [{ type: "click", event: "constructor", value: {} }, "unknown_event"],
      [{ type: "click", event: "toString", value: {} }, "unknown_event"],
      [{ type: "click", event: "hasOwnProperty", value: {} }, "unknown_event"],
      [{ type: "click", event: "x".repeat(10_000), value: {} }, "unknown_event"],
    ];
    for (const [payload, reason] of cases) {
      const r = await reply(payload);
      // answered ok, so the client releases the element; the refusal is the reply
      expect(r.status, JSON.stringify(payload).slice(0, 80)).toBe("ok");
      expect(refusal(r)?.reason).toBe(reason);
    }
    // other frames the view answers: garbage in, nothing happens
    expect((await j.client.push(j.joinRef, j.topic, "cids_destroyed", { cids: "x" }))[4]).toEqual({ status: "ok", response: { cids: [] } });
    expect((await j.client.push(j.joinRef, j.topic, "cids_will_destroy", { cids: [{}, "1", 1e300] }))[4].status).toBe("ok");
    expect((await j.client.push(j.joinRef, j.topic, "live_patch", { url: "javascript:alert(1)" }))[4]).toEqual({
      status: "ok",
      response: { link_redirect: true },
    });
    expect((await j.client.push(j.joinRef, j.topic, "live_patch", { url: { href: "/x" } }))[4].status).toBe("ok");
    // a deeply nested value is cut at the depth limit, not walked (or rejected by the handler's schema)
    const deep = "[".repeat(20_000) + "]".repeat(20_000);
    j.client.sendRaw(`["${j.joinRef}","deep","${j.topic}","event",{"type":"hook","event":"tick","value":{"a":${deep}}}]`);
    expect((await j.client.waitFor((f) => f[1] === "deep"))[4].status).toBe("ok");
    // still fine
    expect((await reply({ type: "click", event: "tick", value: {} })).status).toBe("ok");
    await j.client.close();
  });

  it("refuses joins with forged or mismatched payloads and caps views per connection", async () => {
    const j = await joinView(server.url, "/load");
    const join = async (payload: unknown, topic = j.topic) => (await j.client.push("x" + Math.random(), topic, "phx_join", payload))[4];
    expect(await join({})).toEqual({ status: "error", response: { reason: "stale" } });
    expect(await join({ session: 42, url: {} })).toEqual({ status: "error", response: { reason: "stale" } });
    // another view's token on this topic
    const other = await loadPage(server.url, "/load", j.page.cookie);
    expect(await join({ session: other.session, url: server.url + "/load" })).toEqual({ status: "error", response: { reason: "stale" } });
    // a URL that is not a live route of the token's session
    expect(await join({ session: other.session, url: server.url + "/nowhere" }, `lv:${other.id}`)).toEqual({
      status: "error",
      response: { reason: "unauthorized" },
    });
    expect(await join({ session: other.session, url: "not a url" }, `lv:${other.id}`)).toEqual({
      status: "error",
      response: { reason: "unauthorized" },
    });
    // the server's limit is 4 views per connection: the first one plus 3 more join, the next is refused
    for (let i = 0; i < 3; i++) expect((await joinAnother(server.url, "/load", j)).reply[4].status).toBe("ok");
    expect((await joinAnother(server.url, "/load", j)).reply[4]).toEqual({ status: "error", response: { reason: "too many views" } });
    await j.client.close();
  });

  it("closes with 1009 on a frame over maxPayload (64 KiB), including a 1 MB one", async () => {
    const frame = (size: number) => `[null,"1","phoenix","heartbeat",{"pad":"${"x".repeat(size)}"}]`;
    expect(await closesWith(frame(1024 * 1024))).toBe(1009);
    expect(await closesWith(frame(64 * 1024))).toBe(1009);
    // just under the limit is an ordinary frame
    const client = await connect();
    const reply = client.waitFor((f) => f[1] === "1");
    client.sendRaw(frame(60 * 1024));
    expect((await reply)[4]).toEqual({ status: "ok", response: {} });
    await client.close();
  });

  it("closes with 1008 on thousands of tiny fragments, and accepts a modestly fragmented frame", async () => {
    const flood = await connect();
    flood.ws.send("[", { fin: false });
    // 5,000: under ws's default cap (16,384), over ours (64)
    for (let i = 0; i < 5000; i++) flood.ws.send(" ", { fin: false });
    expect(await closed(flood)).toBe(1008);

    const client = await connect();
    const text = '[null,"f","phoenix","heartbeat",{}]';
    const reply = client.waitFor((f) => f[1] === "f");
    for (let i = 0; i < text.length - 1; i++) client.ws.send(text[i]!, { fin: false });
    client.ws.send(text.at(-1)!, { fin: true });
    expect((await reply)[4]).toEqual({ status: "ok", response: {} });
    await client.close();
  });

  it("closes with 1003 on binary frames and 1007 on invalid UTF-8", async () => {
    expect(await closesWith(Buffer.from('[null,"1","phoenix","heartbeat",{}]'), { binary: true })).toBe(1003);
    expect(await closesWith(Buffer.from([0x5b, 0xff, 0xfe, 0x5d]))).toBe(1007);
  });
});
