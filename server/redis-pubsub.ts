/**
 * PubSub across processes and machines over Redis (ioredis).
 *
 * Messages go through one Redis stream rather than PUBLISH/SUBSCRIBE: a reader resumes from
 * the last entry it saw, so a subscriber connection that drops for a moment (Redis
 * restarting, a network blip) misses nothing published while it reconnects, and publishes
 * made while Redis is down wait in the client's offline queue. Every process reads the
 * stream and delivers to its local subscribers only; the stream is capped (MAXLEN ~).
 *
 * Local delivery never waits for Redis: a broadcast reaches this process's subscribers at
 * once, so a Redis outage degrades to single-process PubSub instead of silence.
 * Payloads are JSON (no class revival) of bounded size; topics are bounded by checkTopic.
 */
import { randomId } from "../shell/random.js";
import { Redis, type RedisOptions } from "ioredis";
import { checkTopic, MemoryPubSub, type PubSub, type ViewHandle } from "../shell/pubsub.js";

/** Options of RedisPubSub. */
export interface RedisPubSubOptions {
  /** Stream key; processes sharing it share PubSub. Default "lagoon:pubsub". */
  readonly stream?: string;
  /** Approximate number of entries Redis keeps (default 10,000). */
  readonly maxLen?: number;
  /** Largest serialized message, in bytes (default 256 KiB); larger broadcasts throw. */
  readonly maxMessageBytes?: number;
  /** ioredis options for both connections (default maxRetriesPerRequest null: commands wait out an outage). */
  readonly redis?: RedisOptions;
  /** Where adapter errors go (default console.error, once per outage). */
  readonly onError?: (error: Error) => void;
}

interface Envelope {
  /** Sending process. */
  n: string;
  t: string;
  /** Subscriber to skip (broadcastFrom). */
  e?: string;
  m: unknown;
}

const BLOCK_MS = 5_000;

/** PubSub across processes through one Redis stream: `new RedisPubSub(url)`. See the module comment. */
export class RedisPubSub implements PubSub {
  readonly #local = new MemoryPubSub();
  readonly #node = randomId(9);
  readonly #writer: Redis;
  readonly #reader: Redis;
  readonly #stream: string;
  readonly #maxLen: number;
  readonly #maxBytes: number;
  readonly #onError: (error: Error) => void;
  /** The last stream entry delivered; null until the reader learns where the stream ends. */
  #lastId: string | null = null;
  #closed = false;
  #failing = false;
  readonly #reading: Promise<void>;

  constructor(url: string, opts: RedisPubSubOptions = {}) {
    this.#stream = opts.stream ?? "lagoon:pubsub";
    this.#maxLen = opts.maxLen ?? 10_000;
    this.#maxBytes = opts.maxMessageBytes ?? 256 * 1024;
    this.#onError = opts.onError ?? ((error) => console.error(`[lagoon] redis pubsub: ${error.message}`));
    const options: RedisOptions = { maxRetriesPerRequest: null, ...opts.redis };
    this.#writer = new Redis(url, options);
    this.#reader = new Redis(url, options);
    for (const client of [this.#writer, this.#reader]) {
      client.on("error", (error: Error) => this.#report(error));
      client.on("ready", () => {
        this.#failing = false;
      });
    }
    this.#reading = this.#readLoop();
  }

  /** Resolves once both connections are up (tests, startup checks). */
  async ready(): Promise<void> {
    await Promise.all([this.#writer.ping(), this.#reader.ping()]);
  }

  /**
   * For readiness checks: both connections are up and Redis answers now. Throws at once
   * while a connection is down (a command would wait in the offline queue instead).
   */
  async reachable(): Promise<void> {
    for (const client of [this.#writer, this.#reader]) {
      if (client.status !== "ready") throw new Error(`redis connection ${client.status}`);
    }
    // the reader sits in a blocking read: the writer answers for the server
    await this.#writer.ping();
  }

  subscribe(topic: string, subscriber: ViewHandle): () => void {
    return this.#local.subscribe(topic, subscriber);
  }

  broadcast(topic: string, message: unknown, except?: ViewHandle): void {
    checkTopic(topic);
    const envelope: Envelope = { n: this.#node, t: topic, m: message, ...(except ? { e: except.id } : {}) };
    const data = JSON.stringify(envelope);
    if (Buffer.byteLength(data) > this.#maxBytes) throw new RangeError(`PubSub message over ${this.#maxBytes} bytes`);
    this.#local.deliver(topic, message, except?.id);
    this.#writer.xadd(this.#stream, "MAXLEN", "~", this.#maxLen, "*", "d", data).catch((error: Error) => this.#report(error));
  }

  localSubscribers(topic: string): number {
    return this.#local.localSubscribers(topic);
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#reader.disconnect(); // interrupts the blocking read
    await this.#writer.quit().catch(() => undefined);
    await this.#reading;
  }

  async #readLoop(): Promise<void> {
    while (!this.#closed) {
      try {
        // start after the newest entry: history from before this process is not ours to replay
        if (this.#lastId === null) {
          const newest = await this.#reader.xrevrange(this.#stream, "+", "-", "COUNT", 1);
          this.#lastId = newest[0]?.[0] ?? "0-0";
        }
        const result = await this.#reader.xread("COUNT", 500, "BLOCK", BLOCK_MS, "STREAMS", this.#stream, this.#lastId);
        if (!result) continue;
        for (const [, entries] of result) {
          for (const [id, fields] of entries) {
            this.#lastId = id;
            this.#receive(fields);
          }
        }
      } catch (error) {
        if (this.#closed) return;
        this.#report(error as Error);
        // then read on from the last entry seen: nothing sent meanwhile is skipped
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  }

  #receive(fields: string[]): void {
    const data = fields[1];
    if (fields[0] !== "d" || typeof data !== "string" || data.length > this.#maxBytes) return;
    let envelope: Envelope;
    try {
      envelope = JSON.parse(data) as Envelope;
    } catch {
      return;
    }
    // our own broadcasts were delivered locally when sent
    if (!envelope || envelope.n === this.#node || typeof envelope.t !== "string") return;
    try {
      checkTopic(envelope.t);
    } catch {
      return;
    }
    this.#local.deliver(envelope.t, envelope.m, typeof envelope.e === "string" ? envelope.e : undefined);
  }

  #report(error: Error): void {
    if (this.#closed || this.#failing) return;
    this.#failing = true; // once per outage, not once per retry
    this.#onError(error);
  }
}
