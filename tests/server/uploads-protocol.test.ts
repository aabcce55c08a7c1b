/**
 * Hostile uploads over a real WebSocket: each gets a clear refusal and nothing else. The
 * server throws nothing, keeps no byte of a refused upload, and another client's upload
 * still works after every attack.
 */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { encodeBinaryPush } from "../../shell/upload-channel.js";
import { startFixtureServer } from "../support/fixture-server.js";
import type { Frame, ProtocolClient } from "../support/protocol.js";
import { chunk, declare, joinUpload, preflight, tokenFor, uploadView } from "../support/upload-protocol.js";
import { uploadRoutes } from "../support/views/uploads.js";
import { closed } from "../hardening/helpers.js";
import { joinAnother } from "../support/protocol.js";
import { until } from "../support/until.js";

let server: Awaited<ReturnType<typeof startFixtureServer>>;
const root = mkdtempSync(join(tmpdir(), "lagoon-upload-protocol-"));
const uncaught: unknown[] = [];
const record = (e: unknown) => uncaught.push(e);

beforeAll(async () => {
  process.on("uncaughtException", record);
  process.on("unhandledRejection", record);
  server = await startFixtureServer(uploadRoutes(), { uploads: { dir: root } });
});
afterAll(async () => {
  await server?.close();
  process.off("uncaughtException", record);
  process.off("unhandledRejection", record);
  rmSync(root, { recursive: true, force: true });
});

/** Temporary upload files on disk now. */
const tempFiles = () => readdirSync(root).flatMap((dir) => readdirSync(join(root, dir)));

/** A view of /uploads on the shared server, joined, with its upload's ref. */
const uploads = (path = "/uploads") => uploadView(server.url, path);

const closedTopic = (client: ProtocolClient, topic: string) => client.waitFor((f: Frame) => f[2] === topic && f[3] === "phx_close");

// after every attack: nothing was thrown, nothing is left on disk, and an honest upload works
afterEach(async () => {
  expect(uncaught).toEqual([]);
  const j = await uploads();
  const { ref, token } = await tokenFor(j, 5);
  const { joinRef, topic, reply } = await joinUpload(j.client, ref, token);
  expect(reply).toEqual({ status: "ok", response: {} });
  expect(await chunk(j.client, joinRef, topic, new TextEncoder().encode("hello"))).toEqual({ status: "ok", response: {} });
  await j.client.close();
  await until(() => tempFiles().length === 0, "temporary files to be removed");
});

describe("hostile uploads", () => {
  it("refuses a chunk for a topic not joined, or with another join ref, and a chunk sent as text", async () => {
    const j = await uploads();
    expect(await chunk(j.client, "1", "lvu:99", Uint8Array.of(1, 2))).toEqual({ status: "error", response: { reason: "unmatched topic" } });
    const { ref, token } = await tokenFor(j, 10);
    const { joinRef, topic } = await joinUpload(j.client, ref, token);
    expect(await chunk(j.client, "999", topic, Uint8Array.of(1))).toEqual({ status: "error", response: { reason: "unmatched topic" } });
    expect((await j.client.push(joinRef, topic, "chunk", {}))[4]).toEqual({
      status: "error",
      response: { reason: "chunks are binary frames" },
    });
    expect(await chunk(j.client, joinRef, topic, Uint8Array.of(1), "nope")).toEqual({
      status: "error",
      response: { reason: "unknown event" },
    });
    expect(j.client.closed).toBeUndefined();
    await j.client.close();
  });

  it("refuses joins with a forged token, another view's token, the wrong topic, or twice", async () => {
    const a = await uploads();
    const b = await uploads();
    const { ref, token } = await tokenFor(a, 10);
    expect((await joinUpload(a.client, ref, "forged")).reply.response).toEqual({ reason: "invalid_token" });
    expect((await joinUpload(a.client, ref, 42)).reply.response).toEqual({ reason: "invalid_token" });
    // the token of a view on another connection
    expect((await joinUpload(b.client, ref, token)).reply.response).toEqual({ reason: "invalid_token" });
    expect((await joinUpload(a.client, "7", token)).reply.response).toEqual({ reason: "invalid_token" });
    expect((await joinUpload(a.client, ref, token)).reply.status).toBe("ok");
    expect((await joinUpload(a.client, ref, token)).reply.response).toEqual({ reason: "already_registered" });
    await a.client.close();
    await b.client.close();
  });

  it("refuses another view's upload ref in allow_upload and progress, and malformed progress", async () => {
    const a = await uploads();
    const other = await joinAnother(server.url, "/uploads", a);
    const push = (event: string, payload: object) => a.client.push(other.joinRef, other.topic, event, payload).then((f) => f[4]);
    expect(await push("allow_upload", { ref: a.uploadRef, entries: [declare("0", "a.txt", 1)] })).toEqual({
      status: "error",
      response: { reason: "unknown upload" },
    });
    expect(await push("progress", { ref: a.uploadRef, entry_ref: "0", progress: 100 })).toEqual({
      status: "error",
      response: { reason: "unknown upload" },
    });
    expect(await push("allow_upload", { ref: { $gt: "" }, entries: "x" })).toEqual({
      status: "error",
      response: { reason: "unknown upload" },
    });
    const own = (payload: object) =>
      a.client.push(a.joinRef, a.topic, "progress", { ref: a.uploadRef, entry_ref: "0", ...payload }).then((f) => f[4]);
    for (const progress of [101, -1, 1.5, "50", null, { error: 1 }, [100]]) {
      expect(await own({ progress }), JSON.stringify(progress)).toEqual({ status: "error", response: { reason: "bad progress" } });
    }
    await a.client.close();
  });

  it("refuses more bytes than declared, drops the entry and its bytes", async () => {
    const j = await uploads();
    const { ref, token } = await tokenFor(j, 10);
    const { joinRef, topic } = await joinUpload(j.client, ref, token);
    expect(await chunk(j.client, joinRef, topic, new Uint8Array(6))).toEqual({ status: "ok", response: {} });
    expect(tempFiles()).toHaveLength(1);
    const closing = closedTopic(j.client, topic);
    expect(await chunk(j.client, joinRef, topic, new Uint8Array(5))).toEqual({
      status: "error",
      response: { reason: "file_size_limit_exceeded", limit: 10 },
    });
    await closing;
    // the view no longer lists the entry
    const diff = await j.client.waitFor((f) => f[2] === j.topic && f[3] === "diff");
    expect(JSON.stringify(diff[4])).toContain('data-phx-active-refs=\\"\\"');
    expect(tempFiles()).toEqual([]);
    // declared small, then a chunk larger than the whole declaration
    const second = await tokenFor(j, 3);
    const up = await joinUpload(j.client, second.ref, second.token);
    expect(await chunk(j.client, up.joinRef, up.topic, new Uint8Array(64_000))).toMatchObject({ status: "error", response: { limit: 3 } });
    await j.client.close();
  });

  it("refuses a file over the limit, too many entries, a name with ../ or NUL, before any byte", async () => {
    const j = await uploads("/uploads?max=100");
    const over = await preflight(j, [declare("0", "big.txt", 101)]);
    expect(over).toMatchObject({ ref: j.uploadRef, error: [["0", "too_large"]] });
    expect(over.entries).toBeUndefined();
    const k = await uploads();
    expect(
      await preflight(
        k,
        [1, 2, 3, 4].map((i) => declare(String(i), `${i}.txt`, 1)),
      ),
    ).toMatchObject({ error: [[k.uploadRef, "too_many_files"]] });
    const l = await uploads();
    const names = await preflight(l, [
      declare("0", "../../x.txt", 1),
      declare("1", "a\u0000.txt", 1),
      declare("2", "..", 1),
      declare("3", "a\\b.txt", 1),
    ]);
    expect(names.error).toEqual([
      ["0", "invalid_name"],
      ["1", "invalid_name"],
      ["2", "invalid_name"],
      ["3", "invalid_name"],
      [l.uploadRef, "too_many_files"],
    ]);
    const m = await uploads();
    expect((await preflight(m, [{ ref: "0" }, { ref: 1, name: "x" }, "x", null])).error).toEqual([["0", "too_large"]]);
    for (const v of [j, k, l, m]) await v.client.close();
  });

  it("refuses an image whose first bytes are not an image: its bytes are dropped as they come, the error shows beside it", async () => {
    const j = await uploads();
    const { ref, token } = await tokenFor(j, 30, "cat.png", "image/png");
    const { joinRef, topic } = await joinUpload(j.client, ref, token);
    // a few bytes at a time: the check waits for enough of them
    expect(await chunk(j.client, joinRef, topic, new TextEncoder().encode("<svg"))).toEqual({ status: "ok", response: {} });
    expect(tempFiles()).toHaveLength(1);
    // answered ok (the official client locks a submitting form until every entry finishes), with the refusal
    const refused = { status: "ok", response: { error: "not_an_image" } };
    expect(await chunk(j.client, joinRef, topic, new TextEncoder().encode(" onload=alert(1)>"))).toEqual(refused);
    expect(tempFiles()).toEqual([]);
    expect(await chunk(j.client, joinRef, topic, new TextEncoder().encode("123456789"))).toEqual(refused);
    const diff = await j.client.waitFor((f) => f[2] === j.topic && f[3] === "diff" && JSON.stringify(f[4]).includes("not_an_image"));
    expect(JSON.stringify(diff[4])).toContain('data-phx-error-refs=\\"0\\"');
    // the client's progress cannot make it done, and the handler never gets it
    await j.client.push(j.joinRef, j.topic, "progress", { ref: j.uploadRef, entry_ref: ref, progress: 100 });
    const saved = await j.client.push(j.joinRef, j.topic, "event", { type: "form", event: "save", value: "" });
    expect(saved[4].status).toBe("ok");
    expect(JSON.stringify(saved[4])).not.toContain("cat.png");
    expect(tempFiles()).toEqual([]);
    // until the user cancels it, the form shows the error and refuses to preflight more
    expect((await tokenFor(j, 4)).response.error).toEqual([[ref, "not_an_image"]]);
    await j.client.push(j.joinRef, j.topic, "event", { type: "click", event: "cancel", value: { ref } });
    await j.client.push(j.joinRef, j.topic, "event", { type: "click", event: "cancel", value: { ref: String(Number(ref) + 1) } });
    // declared as text, but named as an image: checked as one
    const again = await tokenFor(j, 4, "x.png", "text/plain");
    const up = await joinUpload(j.client, again.ref, again.token);
    expect(await chunk(j.client, up.joinRef, up.topic, new TextEncoder().encode("text"))).toEqual(refused);
    await j.client.close();
  });

  it("closes an upload that stalls, before its first chunk and mid-way", async () => {
    const j = await uploads("/uploads?timeout=150");
    const first = await tokenFor(j, 10);
    const up = await joinUpload(j.client, first.ref, first.token);
    await closedTopic(j.client, up.topic);
    const second = await tokenFor(j, 10);
    const mid = await joinUpload(j.client, second.ref, second.token);
    expect(await chunk(j.client, mid.joinRef, mid.topic, new Uint8Array(4))).toEqual({ status: "ok", response: {} });
    await closedTopic(j.client, mid.topic);
    await until(() => tempFiles().length === 0, "the stalled upload's file to go");
    // a chunk after the close: the topic is no longer joined
    expect(await chunk(j.client, mid.joinRef, mid.topic, new Uint8Array(1))).toEqual({
      status: "error",
      response: { reason: "unmatched topic" },
    });
    await j.client.close();
  });

  it("refuses a chunk sent while the previous one is still being written, and drops the entry", async () => {
    const j = await uploads();
    const { ref, token } = await tokenFor(j, 100);
    const { joinRef, topic } = await joinUpload(j.client, ref, token);
    const replies = [j.client.nextRef(), j.client.nextRef()].map((r) => ({ r, reply: j.client.waitFor((f) => f[1] === r) }));
    // both frames in one TCP segment: the server reads the second while it writes the first
    const socket = (j.client.ws as unknown as { _socket: { cork(): void; uncork(): void } })._socket;
    socket.cork();
    for (const { r } of replies)
      j.client.ws.send(encodeBinaryPush({ joinRef, ref: r, topic, event: "chunk", payload: new Uint8Array(10) }));
    socket.uncork();
    expect((await replies[1]!.reply)[4]).toEqual({ status: "error", response: { reason: "chunk_in_flight" } });
    await closedTopic(j.client, topic);
    await j.client.close();
  });

  it("never takes a direct upload as done without its preflight", async () => {
    const j = await uploads("/uploads/external");
    const change = {
      type: "form",
      event: "validate",
      value: "",
      meta: { _target: "docs" },
      uploads: { [j.uploadRef]: [declare("0", "a.txt", 5)] },
    };
    await j.client.push(j.joinRef, j.topic, "event", change);
    await j.client.push(j.joinRef, j.topic, "progress", { ref: j.uploadRef, entry_ref: "0", progress: 100 });
    const saved = await j.client.push(j.joinRef, j.topic, "event", { type: "form", event: "save", value: "" });
    expect(saved[4].status).toBe("ok");
    expect(JSON.stringify(saved[4])).not.toContain("a.txt");
    expect(j.client.frames.some((f) => f[3] === "phx_error")).toBe(false);
    await j.client.close();
  });

  it("drops a live component's uploads and their files when the component goes", async () => {
    const j = await uploads("/uploads/component");
    const response = (
      await j.client.push(j.joinRef, j.topic, "allow_upload", { ref: j.uploadRef, entries: [declare("0", "c.txt", 10)], cid: 1 })
    )[4].response;
    // a preflight naming the view instead of the component that owns the upload
    expect((await j.client.push(j.joinRef, j.topic, "allow_upload", { ref: j.uploadRef, entries: [] }))[4].response).toEqual({
      reason: "unknown upload",
    });
    const { joinRef, topic } = await joinUpload(j.client, "0", response.entries["0"]);
    expect(await chunk(j.client, joinRef, topic, new Uint8Array(5))).toEqual({ status: "ok", response: {} });
    expect(tempFiles()).toHaveLength(1);
    await j.client.push(j.joinRef, j.topic, "event", { type: "click", event: "hide", value: {} });
    await j.client.push(j.joinRef, j.topic, "cids_will_destroy", { cids: [1] });
    const closing = closedTopic(j.client, topic);
    expect((await j.client.push(j.joinRef, j.topic, "cids_destroyed", { cids: [1] }))[4].response).toEqual({ cids: [1] });
    await closing;
    expect(tempFiles()).toEqual([]);
    await j.client.close();
  });

  it("closes the connection with 1003 on binary frames for other topics, or that are not pushes", async () => {
    const cases = [
      encodeBinaryPush({ joinRef: "1", ref: "2", topic: "phoenix", event: "heartbeat", payload: new Uint8Array() }),
      encodeBinaryPush({ joinRef: "1", ref: "2", topic: "lv:phx-x", event: "event", payload: Uint8Array.of(1) }),
      Uint8Array.of(1, 0, 0, 0, 0),
      Uint8Array.of(0, 9, 9, 9, 9, 1),
      Uint8Array.of(0, 1, 0, 5, 0, 0xff, 0x6c, 0x76, 0x75, 0x3a, 0x30),
      new Uint8Array(3),
    ];
    for (const bytes of cases) {
      const j = await uploads();
      j.client.ws.send(bytes);
      expect(await closed(j.client)).toBe(1003);
    }
  });

  it("sizes chunks so that a chunk with the largest header fits the frame limit", async () => {
    const j = await uploads("/uploads?chunk=1000000&max=2000000");
    const { ref, token, response } = await tokenFor(j, 200_000, "big.pdf", "application/pdf");
    expect(response.config.chunk_size).toBe(64 * 1024 - (5 + 4 * 255));
    const { joinRef, topic } = await joinUpload(j.client, ref, token);
    // refs as long as the binary format allows
    const longRef = "9".repeat(255);
    const reply = j.client.waitFor((f) => f[1] === longRef);
    j.client.ws.send(
      encodeBinaryPush({ joinRef, ref: longRef, topic, event: "chunk", payload: new Uint8Array(response.config.chunk_size) }),
    );
    expect((await reply)[4]).toEqual({ status: "ok", response: {} });
    await j.client.close();
  });
});
