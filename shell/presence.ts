/**
 * Presence ("who is here") on top of any PubSub adapter, so it is correct across processes
 * when the adapter is (Redis).
 *
 * Each process owns the entries of its own views and announces joins and leaves on the
 * topic `presence:<topic>`; it also re-announces its whole state every heartbeat, so a
 * process that starts late learns the others' entries, and the entries of a process that
 * died (no heartbeat) expire. A view's entry goes when the view ends, however it ends.
 *
 * Watchers are told in batches: the changes of a topic within `batchMs` reach each watching
 * view as one message carrying the new list, computed once for all of them, so a room
 * that many views join and leave costs each of them one render per batch, not one per
 * change.
 */
import { randomId } from "./random.js";
import type { PubSub, ViewHandle } from "./pubsub.js";
import type { ViewSocket } from "./types.js";

/** What a tracked view tells about itself (a name, a status); sent to every process, so plain JSON data. */
export type PresenceMeta = Readonly<Record<string, unknown>>;

/** One key (a user) with the metas of each of their connected views (tabs). */
export interface PresenceEntry {
  readonly key: string;
  readonly metas: readonly PresenceMeta[];
}

/** What a watching view receives in `info` when a topic's presence changed: the new list (shared, do not change it). */
export interface PresenceChanged {
  readonly type: "presence";
  readonly topic: string;
  readonly entries: readonly PresenceEntry[];
}

type Wire =
  | { p: "join"; n: string; r: string; k: string; m: PresenceMeta }
  | { p: "leave"; n: string; r: string }
  | { p: "state"; n: string; e: [ref: string, key: string, meta: PresenceMeta][] }
  /** "Send me your state": a process that starts listening to a topic. */
  | { p: "sync"; n: string };

interface NodeState {
  entries: Map<string, { key: string; meta: PresenceMeta }>;
  seen: number;
}

/** Timing of a Presence: heartbeats, expiry, batching. */
export interface PresenceOptions {
  /** How often each process re-announces its entries (default 5 s). */
  readonly heartbeatMs?: number;
  /** Entries of a process not heard from for this long are dropped (default 3 heartbeats). */
  readonly expireMs?: number;
  /** Changes within this many ms reach watchers as one message (default 50; 0: at the next turn). */
  readonly batchMs?: number;
}

/** Who is on a topic, across processes when the PubSub is: `track` a view, `watch` for changes, `list` now. See the module comment. */
export class Presence {
  readonly #pubsub: PubSub;
  readonly #node = randomId(9);
  readonly #heartbeatMs: number;
  readonly #expireMs: number;
  /** topic → node → entries (this process included). */
  readonly #topics = new Map<string, Map<string, NodeState>>();
  /** topic → views watching it. */
  readonly #watchers = new Map<string, Set<ViewHandle>>();
  /** topic → unsubscribe of this process's listener. */
  readonly #listening = new Map<string, () => void>();
  readonly #timer: NodeJS.Timeout;
  readonly #batchMs: number;
  /** Topics changed since watchers were last told. */
  readonly #dirty = new Set<string>();
  #flushing = false;
  #refs = 0;

  constructor(pubsub: PubSub, opts: PresenceOptions = {}) {
    this.#pubsub = pubsub;
    this.#heartbeatMs = opts.heartbeatMs ?? 5_000;
    this.#expireMs = opts.expireMs ?? 3 * this.#heartbeatMs;
    this.#batchMs = opts.batchMs ?? 50;
    this.#timer = setInterval(() => this.#heartbeat(), this.#heartbeatMs);
    this.#timer.unref();
  }

  /** Lists `socket`'s view under `key` on `topic` until the view ends. Connected views only. */
  track(socket: ViewSocket<any>, topic: string, key: string, meta: PresenceMeta = {}): void {
    if (!socket.connected) return;
    this.#listen(topic);
    const ref = `${this.#node}.${++this.#refs}`;
    this.#own(topic).entries.set(ref, { key, meta });
    this.#send(topic, { p: "join", n: this.#node, r: ref, k: key, m: meta });
    this.#changed(topic);
    socket.onEnd(() => {
      this.#own(topic).entries.delete(ref);
      this.#send(topic, { p: "leave", n: this.#node, r: ref });
      this.#changed(topic);
    });
  }

  /** Sends `socket`'s view a PresenceChanged message whenever `topic`'s presence changes. */
  watch(socket: ViewSocket<any>, topic: string): void {
    if (!socket.connected) return;
    this.#listen(topic);
    let set = this.#watchers.get(topic);
    if (!set) this.#watchers.set(topic, (set = new Set()));
    const handle = socket.handle;
    set.add(handle);
    socket.onEnd(() => set.delete(handle));
  }

  /** Everyone present on `topic`, by key, in key order. */
  list(topic: string): PresenceEntry[] {
    const now = Date.now();
    const byKey = new Map<string, PresenceMeta[]>();
    for (const [node, state] of this.#topics.get(topic) ?? []) {
      if (node !== this.#node && now - state.seen > this.#expireMs) continue;
      for (const { key, meta } of state.entries.values()) {
        const metas = byKey.get(key);
        if (metas) metas.push(meta);
        else byKey.set(key, [meta]);
      }
    }
    return [...byKey].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, metas]) => ({ key, metas }));
  }

  /** Stops the heartbeat and the listening; for shutdown and tests. */
  close(): void {
    clearInterval(this.#timer);
    for (const off of this.#listening.values()) off();
    this.#listening.clear();
  }

  #own(topic: string): NodeState {
    return this.#nodeState(topic, this.#node);
  }

  #nodeState(topic: string, node: string): NodeState {
    let nodes = this.#topics.get(topic);
    if (!nodes) this.#topics.set(topic, (nodes = new Map()));
    let state = nodes.get(node);
    if (!state) nodes.set(node, (state = { entries: new Map(), seen: Date.now() }));
    return state;
  }

  /** Listens to the topic's presence messages from every process; asks them for their state. */
  #listen(topic: string): void {
    if (this.#listening.has(topic)) return;
    const listener: ViewHandle = { id: `presence:${this.#node}`, alive: true, send: (message) => (this.#receive(topic, message), true) };
    this.#listening.set(topic, this.#pubsub.subscribe(wireTopic(topic), listener));
    this.#send(topic, { p: "sync", n: this.#node });
  }

  #send(topic: string, message: Wire): void {
    this.#pubsub.broadcast(wireTopic(topic), message);
  }

  #receive(topic: string, message: unknown): void {
    const m = message as Wire;
    if (!m || typeof m !== "object" || typeof m.n !== "string" || m.n === this.#node) return;
    if (m.p === "sync") return this.#announce(topic);
    const state = this.#nodeState(topic, m.n);
    state.seen = Date.now();
    if (m.p === "join" && typeof m.r === "string" && typeof m.k === "string") {
      state.entries.set(m.r, { key: m.k, meta: isPlain(m.m) ? m.m : {} });
    } else if (m.p === "leave" && typeof m.r === "string") {
      state.entries.delete(m.r);
    } else if (m.p === "state" && Array.isArray(m.e)) {
      state.entries = new Map(
        m.e
          .filter((e) => Array.isArray(e) && typeof e[0] === "string" && typeof e[1] === "string")
          .map(([ref, key, meta]) => [ref, { key, meta: isPlain(meta) ? meta : {} }]),
      );
    } else return;
    this.#changed(topic);
  }

  #announce(topic: string): void {
    const own = this.#own(topic);
    this.#send(topic, { p: "state", n: this.#node, e: [...own.entries].map(([ref, { key, meta }]) => [ref, key, meta]) });
  }

  #heartbeat(): void {
    const now = Date.now();
    for (const [topic, nodes] of this.#topics) {
      // a topic nobody here tracks or watches any more is forgotten, rooms come and go
      if (this.#own(topic).entries.size === 0 && !this.#watchers.get(topic)?.size) {
        this.#listening.get(topic)?.();
        this.#listening.delete(topic);
        this.#watchers.delete(topic);
        this.#topics.delete(topic);
        continue;
      }
      if (this.#listening.has(topic)) this.#announce(topic);
      for (const [node, state] of nodes) {
        if (node !== this.#node && now - state.seen > this.#expireMs) {
          nodes.delete(node);
          this.#changed(topic);
        }
      }
    }
  }

  #changed(topic: string): void {
    this.#dirty.add(topic);
    if (this.#flushing) return;
    this.#flushing = true;
    const flush = () => this.#flush();
    if (this.#batchMs > 0) setTimeout(flush, this.#batchMs).unref();
    else setImmediate(flush);
  }

  /** Tells each watcher of each changed topic once, with the list computed once per topic. */
  #flush(): void {
    this.#flushing = false;
    const topics = [...this.#dirty];
    this.#dirty.clear();
    for (const topic of topics) {
      const watchers = this.#watchers.get(topic);
      if (!watchers?.size) continue;
      const message: PresenceChanged = { type: "presence", topic, entries: Object.freeze(this.list(topic)) };
      for (const handle of watchers) handle.send(message);
    }
  }
}

const wireTopic = (topic: string) => `presence:${topic}`;

function isPlain(value: unknown): value is PresenceMeta {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
