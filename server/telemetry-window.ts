/**
 * The last few minutes of telemetry, second by second, for live dashboards: connected views
 * by route, event time percentiles, the busiest events, diff bytes, memory, and a per-second
 * series to chart. Feed it with `lagoon.onTelemetry((e) => window.record(e))`.
 *
 * Memory is bounded by the window: one bucket per second that saw events, each holding a
 * log-scale histogram of event times (4 bins per doubling: percentiles within ~19%) and
 * counters per view and event (names from code, never from client input). Browser signals
 * (client events) are kept the same way: the event time users felt, joins, reconnects by
 * cause, errors by view and island, hydration, and the Core Web Vitals' 75th percentiles.
 * Islands that failed (island_error) are listed with their `Name#id`.
 */
import { ClientStats, type ClientSnapshot } from "./client-stats.js";
import { BINS, bin, percentile } from "./histogram.js";
import { IslandErrorLog, type IslandErrorsSnapshot } from "./island-errors.js";
import type { TelemetryEvent } from "./telemetry.js";

export type { ClientSnapshot, Percentiles } from "./client-stats.js";
export type { IslandErrorsSnapshot } from "./island-errors.js";

/** Options of TelemetryWindow. */
export interface TelemetryWindowOptions {
  /** Length of the window in seconds; default 300 (five minutes). */
  readonly seconds?: number;
  /** Clock in milliseconds; default Date.now (tests pass their own). */
  readonly now?: () => number;
  /** Memory reading; default process.memoryUsage. */
  readonly memory?: () => { heapUsed: number; rss: number };
}

/** One second of the window; seconds without events repeat the last known views and memory. */
export interface SecondStats {
  /** Start of the second, epoch milliseconds. */
  readonly t: number;
  /** Client events handled. */
  readonly events: number;
  /** 95th percentile of their handling time in ms (null without events). */
  readonly p95: number | null;
  /** 95th percentile of the event time browsers reported (pushed to patched), in ms. */
  readonly feltP95: number | null;
  /** Bytes of the frames carrying diffs. */
  readonly bytes: number;
  /** Views connected at the end of the second. */
  readonly views: number;
  readonly heapUsed: number;
}

export interface EventStats {
  readonly view: string;
  readonly event: string;
  readonly count: number;
  /** Mean handling time, ms. */
  readonly mean: number;
  /** Bytes of the diffs its replies carried. */
  readonly bytes: number;
}

/** The telemetry window now (`snapshot()`), for a dashboard. */
export interface WindowSnapshot {
  /** The window's length, seconds. */
  readonly seconds: number;
  readonly connected: { readonly total: number; readonly byRoute: readonly { route: string; view: string; count: number }[] };
  /** Client events over the window, with handling time percentiles in ms (null without events). */
  readonly events: { readonly count: number; readonly p50: number | null; readonly p95: number | null; readonly p99: number | null };
  /** The busiest events over the window, most handled first (ten at most). */
  readonly topEvents: readonly EventStats[];
  /** Frames carrying diffs over the window (event replies, pushes, joins). */
  readonly diffs: { readonly count: number; readonly bytes: number };
  readonly joins: number;
  readonly reconnects: number;
  readonly leaves: number;
  readonly crashes: number;
  readonly memory: {
    readonly heapUsed: number;
    readonly rss: number;
    /**
     * Heap above the last reading with no view connected (memory is read once a second
     * while there is activity), divided by the connected views: a rough estimate, which
     * includes garbage not yet collected; null with no view connected.
     */
    readonly perView: number | null;
  };
  /** What browsers reported over the window (browser signals). */
  readonly client: ClientSnapshot;
  /** Islands that failed over the window, on the server or in browsers. */
  readonly islandErrors: IslandErrorsSnapshot;
  /** One entry per second of the window, oldest first. */
  readonly series: readonly SecondStats[];
}

const TOP = 10;

interface KeyStats {
  view: string;
  event: string;
  count: number;
  total: number;
  bytes: number;
}

interface Bucket {
  /** Start of the second, epoch ms. */
  readonly t: number;
  events: number;
  hist: Uint32Array | undefined;
  /** By view, then event name: no key string built per event. */
  readonly byEvent: Map<string, Map<string, KeyStats>>;
  diffs: number;
  bytes: number;
  joins: number;
  reconnects: number;
  leaves: number;
  crashes: number;
  views: number;
  heapUsed: number;
  /** Browser signals of this second, created with the first. */
  client: ClientStats | undefined;
}

/** The last few minutes of telemetry, second by second; see the module comment. */
export class TelemetryWindow {
  readonly seconds: number;
  readonly #now: () => number;
  readonly #memory: () => { heapUsed: number; rss: number };
  /** Buckets by second, oldest first; only seconds that saw something. */
  #buckets: Bucket[] = [];
  readonly #connected = new Map<string, { route: string; view: string; count: number }>();
  #views = 0;
  #heapUsed: number;
  #rss: number;
  #idleHeap: number;
  readonly #islandErrors = new IslandErrorLog();

  constructor(opts: TelemetryWindowOptions = {}) {
    this.seconds = opts.seconds ?? 300;
    this.#now = opts.now ?? Date.now;
    this.#memory = opts.memory ?? (() => process.memoryUsage());
    const m = this.#memory();
    this.#heapUsed = m.heapUsed;
    this.#rss = m.rss;
    this.#idleHeap = m.heapUsed;
  }

  /** Takes in one telemetry event; a listener for `onTelemetry`. */
  record(e: TelemetryEvent): void {
    const b = this.#current();
    switch (e.name) {
      case "event": {
        b.events++;
        (b.hist ??= new Uint32Array(BINS))[bin(e.duration)]!++;
        const name = e.event ?? "unknown";
        let ofView = b.byEvent.get(e.view);
        if (!ofView) b.byEvent.set(e.view, (ofView = new Map()));
        let k = ofView.get(name);
        if (!k) ofView.set(name, (k = { view: e.view, event: name, count: 0, total: 0, bytes: 0 }));
        k.count++;
        k.total += e.duration;
        k.bytes += e.bytes ?? 0;
        break;
      }
      case "crash":
        b.crashes++;
        break;
      case "join": {
        if (!e.ok) break;
        b.joins++;
        const key = `${e.view} ${e.route}`;
        const c = this.#connected.get(key);
        if (c) c.count++;
        else this.#connected.set(key, { route: e.route, view: e.view, count: 1 });
        this.#views++;
        break;
      }
      case "reconnect":
        b.reconnects++;
        break;
      case "client":
        (b.client ??= new ClientStats()).record(e);
        break;
      case "island_error":
        this.#islandErrors.record(this.#now(), e);
        break;
      case "leave": {
        b.leaves++;
        const c = this.#connected.get(`${e.view} ${e.route}`);
        // a view joined before this window started counting has nothing to take away
        if (!c || c.count === 0) break;
        c.count--;
        this.#views--;
        if (c.count === 0) this.#connected.delete(`${e.view} ${e.route}`);
        break;
      }
    }
    // the spans of what went over the socket carry its bytes
    if ("bytes" in e && e.bytes) {
      b.diffs++;
      b.bytes += e.bytes;
    }
    b.views = this.#views;
  }

  /** The window as it stands. */
  snapshot(): WindowSnapshot {
    const current = this.#current();
    const from = current.t - (this.seconds - 1) * 1000;
    const hist = new Uint32Array(BINS);
    const byEvent = new Map<string, KeyStats>();
    let events = 0;
    let diffs = 0;
    let bytes = 0;
    let joins = 0;
    let reconnects = 0;
    let leaves = 0;
    let crashes = 0;
    const series: SecondStats[] = [];
    const client = new ClientStats();
    let i = 0;
    const buckets = this.#buckets;
    // before the first bucket in the window: what the last older one left
    let views = 0;
    let heapUsed = buckets[0]?.heapUsed ?? this.#heapUsed;
    while (i < buckets.length && buckets[i]!.t < from) {
      views = buckets[i]!.views;
      heapUsed = buckets[i]!.heapUsed;
      i++;
    }
    for (let t = from; t <= current.t; t += 1000) {
      const b = buckets[i]?.t === t ? buckets[i++] : undefined;
      if (!b) {
        series.push({ t, events: 0, p95: null, feltP95: null, bytes: 0, views, heapUsed });
        continue;
      }
      views = b.views;
      heapUsed = b.heapUsed;
      series.push({
        t,
        events: b.events,
        p95: b.hist ? percentile(b.hist, b.events, 95) : null,
        feltP95: b.client?.feltP95() ?? null,
        bytes: b.bytes,
        views,
        heapUsed,
      });
      if (b.client) client.add(b.client);
      events += b.events;
      if (b.hist) for (let j = 0; j < BINS; j++) hist[j]! += b.hist[j]!;
      for (const ofView of b.byEvent.values()) {
        for (const k of ofView.values()) {
          const key = `${k.view} ${k.event}`;
          const sum = byEvent.get(key);
          if (!sum) byEvent.set(key, { ...k });
          else {
            sum.count += k.count;
            sum.total += k.total;
            sum.bytes += k.bytes;
          }
        }
      }
      diffs += b.diffs;
      bytes += b.bytes;
      joins += b.joins;
      reconnects += b.reconnects;
      leaves += b.leaves;
      crashes += b.crashes;
    }
    const topEvents = [...byEvent.values()]
      .sort((a, b) => b.count - a.count || a.view.localeCompare(b.view) || a.event.localeCompare(b.event))
      .slice(0, TOP)
      .map((k) => ({ view: k.view, event: k.event, count: k.count, mean: k.total / k.count, bytes: k.bytes }));
    const byRoute = [...this.#connected.values()]
      .map((c) => ({ ...c }))
      .sort((a, b) => b.count - a.count || a.route.localeCompare(b.route));
    const perView = this.#views > 0 ? Math.max(0, this.#heapUsed - this.#idleHeap) / this.#views : null;
    return {
      seconds: this.seconds,
      connected: { total: this.#views, byRoute },
      events: { count: events, p50: percentile(hist, events, 50), p95: percentile(hist, events, 95), p99: percentile(hist, events, 99) },
      topEvents,
      diffs: { count: diffs, bytes },
      joins,
      reconnects,
      leaves,
      crashes,
      memory: { heapUsed: this.#heapUsed, rss: this.#rss, perView },
      client: client.snapshot(),
      islandErrors: this.#islandErrors.snapshot(from),
      series,
    };
  }

  /** The bucket of the current second: a new second samples memory and drops what left the window. */
  #current(): Bucket {
    const t = Math.floor(this.#now() / 1000) * 1000;
    const last = this.#buckets[this.#buckets.length - 1];
    // a wall clock stepping back keeps counting into the latest second
    if (last && last.t >= t) return last;
    const m = this.#memory();
    this.#heapUsed = m.heapUsed;
    this.#rss = m.rss;
    // the latest reading with no view: after startup's own growth (modules, JIT, caches)
    if (this.#views === 0) this.#idleHeap = m.heapUsed;
    const bucket: Bucket = {
      t,
      events: 0,
      hist: undefined,
      byEvent: new Map(),
      diffs: 0,
      bytes: 0,
      joins: 0,
      reconnects: 0,
      leaves: 0,
      crashes: 0,
      views: this.#views,
      heapUsed: m.heapUsed,
      client: undefined,
    };
    this.#buckets.push(bucket);
    const from = t - (this.seconds - 1) * 1000;
    // keep one bucket older than the window: it tells the views and memory at its start
    let drop = 0;
    while (drop + 1 < this.#buckets.length && this.#buckets[drop + 1]!.t < from) drop++;
    if (drop) this.#buckets = this.#buckets.slice(drop);
    return bucket;
  }
}
