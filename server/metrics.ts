/**
 * Prometheus metrics from telemetry events, on a registry of their own (prom-client's
 * global one would mix several Lagoons in one process, as tests run them).
 *
 * Label values come from code, never from client input: view names, route patterns, the
 * names of events a view defines (telemetry.ts drops the others), so the number of series
 * is bounded by the application. Browser signals add the lagoon_client_* metrics
 * (client-metrics.ts), bounded the same way.
 */
import { Counter, Gauge, Registry, exponentialBuckets } from "prom-client";
import { ClientMetrics } from "./client-metrics.js";
import { LabelledHistogram } from "./labelled-histogram.js";
import type { Telemetry, TelemetryEvent } from "./telemetry.js";

export interface MetricsOptions {
  /** Prefix of every metric name; default "lagoon_". */
  readonly prefix?: string;
  /** Buckets of the duration histograms, in seconds. */
  readonly durationBuckets?: number[];
  /** Buckets of the diff size histogram, in bytes. */
  readonly byteBuckets?: number[];
}

/** 0.1 ms to 2.5 s: an event handled in-process takes well under a millisecond. */
const DURATION_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
/** 16 B (one changed dynamic) to 1 MiB (a large first render). */
const BYTE_BUCKETS = exponentialBuckets(16, 4, 9);

export class LagoonMetrics {
  readonly registry = new Registry();
  readonly #unsubscribe: () => void;
  readonly #event: LabelledHistogram;
  readonly #message: LabelledHistogram;
  readonly #mount: LabelledHistogram;
  readonly #render: LabelledHistogram;
  readonly #bytes: LabelledHistogram;
  readonly #joins: Counter<"view" | "route">;
  readonly #joinFailures: Counter<"view" | "route">;
  readonly #reconnects: Counter<"view" | "route">;
  readonly #leaves: Counter<"view" | "reason">;
  readonly #crashes: Counter<"view" | "phase">;
  readonly #refusals: Counter<"view" | "reason">;
  readonly #islandErrors: Counter<"island" | "phase">;
  readonly #islandRender: LabelledHistogram;
  readonly #connected: Gauge<"view" | "route">;
  readonly #client: ClientMetrics;
  /** Joined views per view and route, so a leave of a view joined before counting began is ignored. */
  readonly #joined = new Map<string, number>();

  /** `connections`: the number of open live sockets, read at each scrape. */
  constructor(telemetry: Telemetry, connections: () => number, opts: MetricsOptions = {}) {
    const prefix = opts.prefix ?? "lagoon_";
    const registers = [this.registry];
    const buckets = opts.durationBuckets ?? DURATION_BUCKETS;
    this.#event = new LabelledHistogram({
      name: `${prefix}event_duration_seconds`,
      help: "Time to handle a client event: handler, render and reply",
      labelNames: ["view", "event"],
      buckets,
      registers,
    });
    this.#message = new LabelledHistogram({
      name: `${prefix}message_duration_seconds`,
      help: "Time to handle a patch (handle_params), an info message or an async result, with its render",
      labelNames: ["view", "kind"],
      buckets,
      registers,
    });
    this.#mount = new LabelledHistogram({
      name: `${prefix}mount_duration_seconds`,
      help: "Time to mount a view (onMount hooks, mount, handleParams); connected=false is the HTTP render",
      labelNames: ["view", "connected"],
      buckets,
      registers,
    });
    this.#render = new LabelledHistogram({
      name: `${prefix}render_duration_seconds`,
      help: "Time to render and diff a view that changed; the count is the render frequency",
      labelNames: ["view"],
      buckets,
      registers,
    });
    this.#bytes = new LabelledHistogram({
      name: `${prefix}diff_bytes`,
      help: "Bytes of each frame carrying a diff, by view and the event (or join, info, async, handle_params) that caused it",
      labelNames: ["view", "event"],
      buckets: opts.byteBuckets ?? BYTE_BUCKETS,
      registers,
    });
    this.#joins = new Counter({ name: `${prefix}joins_total`, help: "Views joined", labelNames: ["view", "route"], registers });
    this.#joinFailures = new Counter({
      name: `${prefix}join_failures_total`,
      help: "Joins that reached a view but did not mount (crash or redirect in mount)",
      labelNames: ["view", "route"],
      registers,
    });
    this.#reconnects = new Counter({
      name: `${prefix}reconnects_total`,
      help: "Joins of a view the client had joined before (reconnect, crash recovery)",
      labelNames: ["view", "route"],
      registers,
    });
    this.#leaves = new Counter({
      name: `${prefix}leaves_total`,
      help: "Joined views that went away, by reason (leave, disconnect, replaced, close, crash)",
      labelNames: ["view", "reason"],
      registers,
    });
    this.#crashes = new Counter({
      name: `${prefix}crashes_total`,
      help: "Views that crashed, by the phase that threw",
      labelNames: ["view", "phase"],
      registers,
    });
    this.#refusals = new Counter({
      name: `${prefix}event_refusals_total`,
      help: "Client events refused (unknown_event, unknown_component, invalid_params, bad_event, or an EventRejected reason); each still got an ok reply",
      labelNames: ["view", "reason"],
      registers,
    });
    this.#islandErrors = new Counter({
      name: `${prefix}island_errors_total`,
      help: "Islands that failed, each alone (its view lives on), by island and phase (server, load, render, hydration, commands)",
      labelNames: ["island", "phase"],
      registers,
    });
    this.#islandRender = new LabelledHistogram({
      name: `${prefix}island_render_duration_seconds`,
      help: "Time to render an island to HTML on the server (its page's HTTP render), by view and island",
      labelNames: ["view", "island"],
      buckets,
      registers,
    });
    this.#connected = new Gauge({
      name: `${prefix}connected_views`,
      help: "Views joined over live sockets right now",
      labelNames: ["view", "route"],
      registers,
    });
    new Gauge({
      name: `${prefix}live_connections`,
      help: "Open live sockets",
      registers,
      collect() {
        this.set(connections());
      },
    });
    const memory = (name: string, help: string, read: (m: NodeJS.MemoryUsage) => number) =>
      new Gauge({
        name: `${prefix}${name}`,
        help,
        registers,
        collect() {
          this.set(read(process.memoryUsage()));
        },
      });
    memory("heap_used_bytes", "V8 heap in use", (m) => m.heapUsed);
    memory("heap_total_bytes", "V8 heap reserved", (m) => m.heapTotal);
    memory("rss_bytes", "Resident set size of the process", (m) => m.rss);
    this.#client = new ClientMetrics(this.registry, prefix);
    this.#unsubscribe = telemetry.on((event) => this.record(event));
  }

  record(e: TelemetryEvent): void {
    switch (e.name) {
      case "event":
        this.#event.observe(e.duration / 1000, e.view, e.event ?? "unknown");
        if (e.bytes) this.#bytes.observe(e.bytes, e.view, e.event ?? "unknown");
        if (e.refused !== undefined) this.#refusals.inc({ view: e.view, reason: e.refused });
        return;
      case "handle_params":
      case "info":
      case "async":
        this.#message.observe(e.duration / 1000, e.view, e.name);
        if (e.bytes) this.#bytes.observe(e.bytes, e.view, e.name);
        return;
      case "mount":
        this.#mount.observe(e.duration / 1000, e.view, e.connected ? "true" : "false");
        return;
      case "render":
        this.#render.observe(e.duration / 1000, e.view);
        return;
      case "crash":
        this.#crashes.inc({ view: e.view, phase: e.event ?? "unknown" });
        return;
      case "join":
        if (!e.ok) return this.#joinFailures.inc({ view: e.view, route: e.route });
        this.#joins.inc({ view: e.view, route: e.route });
        this.#connected.inc({ view: e.view, route: e.route });
        this.#joined.set(`${e.view} ${e.route}`, (this.#joined.get(`${e.view} ${e.route}`) ?? 0) + 1);
        if (e.bytes) this.#bytes.observe(e.bytes, e.view, "join");
        return;
      case "reconnect":
        this.#reconnects.inc({ view: e.view, route: e.route });
        return;
      case "client":
        this.#client.record(e);
        return;
      case "island_error":
        this.#islandErrors.inc({ island: e.island, phase: e.phase });
        return;
      case "island_render":
        this.#islandRender.observe(e.duration / 1000, e.view, e.island);
        return;
      case "leave": {
        this.#leaves.inc({ view: e.view, reason: e.reason ?? "unknown" });
        const key = `${e.view} ${e.route}`;
        const joined = this.#joined.get(key) ?? 0;
        if (joined === 0) return;
        this.#joined.set(key, joined - 1);
        this.#connected.dec({ view: e.view, route: e.route });
        return;
      }
    }
  }

  /** The registry in Prometheus text format. */
  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** Stops counting. */
  close(): void {
    this.#unsubscribe();
  }
}
