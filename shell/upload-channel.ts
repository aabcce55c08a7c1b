/**
 * The upload channels of one connection (Phoenix's upload_channel.ex): the browser joins
 * `lvu:<entry ref>` with the token its view's preflight issued, then pushes the file as
 * binary frames, one chunk at a time, each answered before the next. The limits are
 * enforced on the bytes that arrive, never on what the client declared it would send:
 * past the declared size, a chunk while one is being written, a chunk for a topic not
 * joined, or silence for the chunk timeout, and the channel is refused or closed.
 *
 * An entry the server refuses on its bytes (an image that is not one, a file that cannot
 * be written) keeps being received, its bytes dropped as they come, and its error is
 * shown beside it: the official client locks a submitting form until every entry of the
 * submit has finished, and an entry answered with an error never does.
 *
 * Binary frames use the phoenix serializer's push layout (`binaryEncode`): kind 0, four
 * length bytes, then join ref, ref, topic and event, then the payload.
 */
import { EventRejected } from "./errors.js";
import { sniffImage, SNIFF_BYTES } from "./mime.js";
import type { EntryState } from "./upload-config.js";
import type { UploadSink, UploadStore } from "./upload-types.js";
import { writerSink } from "./upload-writer.js";

export interface BinaryPush {
  readonly joinRef: string;
  readonly ref: string;
  readonly topic: string;
  readonly event: string;
  readonly payload: Uint8Array;
}

/** The largest header a binary push carries: a chunk plus this must fit the socket's frame limit. */
export const BINARY_HEADER_MAX = 5 + 4 * 255;
const PUSH = 0;
const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Decodes a client's binary push; undefined when the bytes are not one. */
export function decodeBinaryPush(bytes: Uint8Array): BinaryPush | undefined {
  if (bytes.length < 5 || bytes[0] !== PUSH) return undefined;
  const lengths = [bytes[1]!, bytes[2]!, bytes[3]!, bytes[4]!];
  let at = 5;
  const fields: string[] = [];
  for (const length of lengths) {
    if (at + length > bytes.length) return undefined;
    try {
      fields.push(utf8.decode(bytes.subarray(at, at + length)));
    } catch {
      return undefined;
    }
    at += length;
  }
  const [joinRef, ref, topic, event] = fields as [string, string, string, string];
  return { joinRef, ref, topic, event, payload: bytes.subarray(at) };
}

/** Encodes a binary push as the official client does (for the test client and benchmarks). */
export function encodeBinaryPush(push: BinaryPush): Uint8Array {
  const fields = [push.joinRef, push.ref, push.topic, push.event].map((s) => new TextEncoder().encode(s));
  if (fields.some((f) => f.length > 255)) throw new RangeError("binary push fields are at most 255 bytes");
  const header = 5 + fields.reduce((n, f) => n + f.length, 0);
  const out = new Uint8Array(header + push.payload.length);
  out[0] = PUSH;
  let at = 5;
  fields.forEach((f, i) => {
    out[1 + i] = f.length;
    out.set(f, at);
    at += f.length;
  });
  out.set(push.payload, at);
  return out;
}

/** Why a write failed: a writer's EventRejected names its reason; anything else is logged, and is a writer_error. */
function writeFailure(error: unknown): string {
  if (error instanceof EventRejected) return error.code;
  console.error("[lagoon] could not write an upload:", error);
  return "writer_error";
}

/** What the upload channels need of their connection. */
export interface UploadChannelOwner {
  send(frame: unknown[]): string | undefined;
  /** The frame being handled spends no frame budget (Conn.refund). */
  refund(): void;
  /** The entry a preflight token was issued for, among this connection's views. */
  findToken(token: string): EntryState | undefined;
  readonly store: UploadStore | undefined;
  /** The largest chunk the socket's frame limit lets through. */
  readonly maxChunk: number;
}

type Reply = { status: "ok" | "error"; response: Record<string, unknown> };

/** One joined `lvu:` topic: the bytes of one entry. */
class UploadChannel {
  #timer: NodeJS.Timeout | undefined;
  #writing = false;
  #head: Uint8Array | undefined;
  /** Why the server refused the entry's bytes, once it has. */
  #refused: string | undefined;
  /** A chunk arrived since the last progress report: it pays for the next one. */
  #unreported = false;

  constructor(
    readonly channels: UploadChannels,
    readonly topic: string,
    readonly joinRef: string,
    readonly entry: EntryState,
  ) {}

  /** Silence for the chunk timeout abandons the upload, before the first chunk too. */
  arm(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.end("abandon"), this.entry.config.chunkTimeout);
    this.#timer.unref?.();
  }

  /**
   * Takes a chunk of the entry's bytes and writes it, or refuses it and closes. A whole
   * chunk (the size the preflight announced, or the entry's last bytes) is free: no more of
   * them can come than the file's size allows. A smaller one spends a frame's budget, so
   * tiny chunks cannot flood.
   */
  chunk(ref: string, data: Uint8Array): void {
    const entry = this.entry;
    const limit = { reason: "file_size_limit_exceeded", limit: entry.client.size };
    const end = entry.received + data.length;
    if (this.#writing) this.refuse(ref, { reason: "chunk_in_flight" }, "abandon");
    else if (entry.complete) this.refuse(ref, limit, "keep");
    else if (end > entry.client.size) this.refuse(ref, limit, "abandon");
    else {
      this.arm();
      void this.#write(ref, data);
      this.#unreported = true;
      if (end === entry.client.size || data.length >= entry.config.chunkBytes(this.channels.owner.maxChunk)) this.channels.owner.refund();
    }
  }

  /** A progress report arrived: true when a chunk since the last one backs it. */
  report(): boolean {
    const backed = this.#unreported;
    this.#unreported = false;
    return backed;
  }

  async #write(ref: string, data: Uint8Array): Promise<void> {
    const entry = this.entry;
    if (this.#refused === undefined && !this.#imageOk(data)) this.#refuse("not_an_image");
    if (this.#refused === undefined) {
      this.#writing = true;
      try {
        await entry.sink!.write(data);
        if (entry.received + data.length === entry.client.size) await entry.sink!.close();
      } catch (error) {
        // a file removed meanwhile (cancel, the view's end) is no failure
        if (!this.channels.current(this)) return;
        this.#refuse(writeFailure(error));
      } finally {
        this.#writing = false;
      }
    }
    entry.received += data.length;
    if (entry.received === entry.client.size) {
      clearTimeout(this.#timer);
      if (this.#refused === undefined) entry.complete = true;
    }
    // the entry may have been cancelled, consumed or dropped while the chunk was written
    if (this.channels.current(this)) this.reply(ref, { status: "ok", response: this.#refused ? { error: this.#refused } : {} });
  }

  /** The server refuses the entry's bytes: the file goes now, the error shows in the view. */
  #refuse(reason: string): void {
    this.#refused = reason;
    const entry = this.entry;
    const { config } = entry;
    entry.failed = true;
    const sink = entry.sink;
    entry.sink = undefined;
    void sink?.remove();
    config.registry.host.later(() => {
      if (!config.entries.includes(entry)) return;
      config.error(entry.ref, reason);
      config.publish();
    });
  }

  /** An entry declared as an image must begin with an image's bytes (checked once the first ones arrived). */
  #imageOk(data: Uint8Array): boolean {
    const entry = this.entry;
    if (entry.received >= SNIFF_BYTES || !entry.config.isImage(entry)) return true;
    const head = new Uint8Array([...(this.#head ?? []), ...data.subarray(0, SNIFF_BYTES)]).subarray(0, SNIFF_BYTES);
    this.#head = head;
    if (head.length < Math.min(SNIFF_BYTES, entry.client.size)) return true;
    this.#head = undefined;
    return sniffImage(head) !== undefined;
  }

  reply(ref: string, reply: Reply): void {
    this.channels.owner.send([this.joinRef, ref, this.topic, "phx_reply", reply]);
  }

  /** An error reply, then the channel closes. "abandon": the entry goes (its bytes are incomplete); "keep": it stays. */
  refuse(ref: string, response: Record<string, unknown>, then: "abandon" | "keep"): void {
    this.reply(ref, { status: "error", response });
    this.end(then);
  }

  /** Closes the channel (phx_close); an entry whose bytes did not all arrive goes. */
  end(then: "abandon" | "keep"): void {
    if (!this.channels.current(this)) return;
    this.stop();
    const entry = this.entry;
    entry.channel = undefined;
    const { config } = entry;
    if (then === "keep" || entry.complete || entry.failed) return;
    config.registry.host.later(() => {
      if (!config.entries.includes(entry)) return;
      config.drop(entry);
      config.publish();
    });
  }

  /** Closes the channel without settling the entry (the entry itself is going away). */
  stop(): void {
    clearTimeout(this.#timer);
    if (!this.channels.forget(this)) return;
    this.channels.owner.send([this.joinRef, this.joinRef, this.topic, "phx_close", {}]);
  }
}

/** The `lvu:` topics of one connection. */
export class UploadChannels {
  readonly #byTopic = new Map<string, UploadChannel>();

  constructor(readonly owner: UploadChannelOwner) {}

  current(channel: UploadChannel): boolean {
    return this.#byTopic.get(channel.topic) === channel;
  }

  forget(channel: UploadChannel): boolean {
    if (!this.current(channel)) return false;
    this.#byTopic.delete(channel.topic);
    return true;
  }

  /** `phx_join` on `lvu:<ref>` with `{ token }`. */
  async #join(joinRef: string, ref: string, topic: string, payload: Record<string, unknown>): Promise<void> {
    const refuse = (reason: string) => void this.owner.send([joinRef, ref, topic, "phx_reply", { status: "error", response: { reason } }]);
    const token = payload.token;
    const entry = typeof token === "string" && token.length <= 64 ? this.owner.findToken(token) : undefined;
    if (!entry || topic !== `lvu:${entry.ref}`) return refuse("invalid_token");
    if (entry.channel || entry.sink || this.#byTopic.has(topic)) return refuse("already_registered");
    const store = this.owner.store;
    // an upload with its own writer needs no temporary files
    const writes = entry.config.opts.writer !== undefined;
    if (!entry.valid || entry.failed || (!store && !writes)) return refuse("disallowed");
    // held while the file opens, so a second join meanwhile is already_registered
    const channel = new UploadChannel(this, topic, joinRef, entry);
    entry.channel = channel;
    this.#byTopic.set(topic, channel);
    let sink: UploadSink;
    try {
      sink = writes ? await writerSink(entry) : await store!.open();
    } catch (error) {
      this.#byTopic.delete(topic);
      entry.channel = undefined;
      const reason = writeFailure(error);
      // the official client keeps an entry refused so pending: the reason shows beside it until it is cancelled
      const { config } = entry;
      entry.failed = true;
      config.registry.host.later(() => {
        if (!config.entries.includes(entry)) return;
        config.error(entry.ref, reason);
        config.publish();
      });
      return refuse("writer_error");
    }
    // cancelled, consumed or ended while the file opened
    if (!this.current(channel) || entry.channel !== channel) return void sink.remove();
    entry.sink = sink;
    if (entry.client.size === 0) {
      await sink.close();
      entry.complete = true;
    } else channel.arm();
    this.owner.send([joinRef, ref, topic, "phx_reply", { status: "ok", response: {} }]);
  }

  /** A text frame on an `lvu:` topic: a join, a leave, or anything else refused. */
  text(joinRef: string | null, ref: string, topic: string, event: string, payload: Record<string, unknown>): void {
    const channel = this.#byTopic.get(topic);
    const reply = (status: "ok" | "error", response: Record<string, unknown>) =>
      this.owner.send([joinRef, ref, topic, "phx_reply", { status, response }]);
    if (event === "phx_join") {
      void this.#join(joinRef ?? ref, ref, topic, payload).catch((error: unknown) => {
        console.error("[lagoon] upload join failed", error);
        reply("error", { reason: "join failed" });
      });
      return;
    }
    if (!channel || channel.joinRef !== joinRef) {
      return void (event === "phx_leave" ? reply("ok", {}) : reply("error", { reason: "unmatched topic" }));
    }
    if (event === "phx_leave") {
      reply("ok", {});
      return channel.end("abandon");
    }
    reply("error", { reason: event === "chunk" ? "chunks are binary frames" : "unknown event" });
  }

  /**
   * A progress report for the entry `entryRef` arrived on its view's topic: true when a
   * chunk it received since the last report backs it, so reports are no more than chunks.
   */
  backsProgress(entryRef: unknown): boolean {
    return typeof entryRef === "string" && this.#byTopic.get(`lvu:${entryRef}`)?.report() === true;
  }

  /** A binary push (chunks are the only binary frames there are). */
  binary(push: BinaryPush): void {
    const channel = this.#byTopic.get(push.topic);
    if (!channel || channel.joinRef !== push.joinRef) {
      this.owner.send([push.joinRef, push.ref, push.topic, "phx_reply", { status: "error", response: { reason: "unmatched topic" } }]);
      return;
    }
    if (push.event !== "chunk") {
      channel.reply(push.ref, { status: "error", response: { reason: "unknown event" } });
      return;
    }
    channel.chunk(push.ref, push.payload);
  }

  /** The connection ended: timers stop (its views free the entries). */
  closeAll(): void {
    for (const channel of [...this.#byTopic.values()]) channel.stop();
    this.#byTopic.clear();
  }
}
