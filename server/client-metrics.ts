/**
 * The browser signals' Prometheus metrics (shell/signals.ts), beside the server's own in
 * the same registry: `lagoon_client_*`. Their labels are the bounded ones the signals
 * channel gives: view names and route patterns from code, event names views define, island
 * names from a capped set, reconnect causes from an enum.
 */
import { Counter, Histogram, type Registry } from "prom-client";
import type { ClientEvent } from "./telemetry.js";

/** 5 ms to 30 s: what a user waits for, network included. */
const FELT_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
/** Web Vitals' own thresholds fall on bucket bounds: INP 0.2/0.5 s, LCP 2.5/4 s, CLS 0.1/0.25. */
const VITAL_BUCKETS = [0.05, 0.1, 0.2, 0.5, 1, 2.5, 4, 10, 30];
const CLS_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

export class ClientMetrics {
  readonly #event: Histogram<"view" | "event">;
  readonly #join: Histogram<"view" | "route">;
  readonly #reconnects: Counter<"cause">;
  readonly #errors: Counter<"view" | "island">;
  readonly #hydration: Histogram<"island">;
  readonly #lcp: Histogram<"route">;
  readonly #inp: Histogram<"route">;
  readonly #cls: Histogram<"route">;

  constructor(registry: Registry, prefix: string) {
    const registers = [registry];
    const histogram = <L extends string>(name: string, help: string, labelNames: L[], buckets: number[]) =>
      new Histogram<L>({ name: `${prefix}client_${name}`, help, labelNames, buckets, registers });
    this.#event = histogram(
      "event_duration_seconds",
      "Event round trips as the browser felt them: pushed to the DOM patched, network included",
      ["view", "event"],
      FELT_BUCKETS,
    );
    this.#join = histogram(
      "join_duration_seconds",
      "Joins as the browser felt them: pushed to the view rendered",
      ["view", "route"],
      FELT_BUCKETS,
    );
    this.#hydration = histogram(
      "island_hydration_seconds",
      "Time for an island to hydrate (React's first commit)",
      ["island"],
      FELT_BUCKETS,
    );
    this.#lcp = histogram("lcp_seconds", "Largest Contentful Paint of page loads", ["route"], VITAL_BUCKETS);
    this.#inp = histogram("inp_seconds", "Interaction to Next Paint of page views", ["route"], VITAL_BUCKETS);
    this.#cls = histogram("cls", "Cumulative Layout Shift of page views (a score)", ["route"], CLS_BUCKETS);
    this.#reconnects = new Counter({
      name: `${prefix}client_reconnects_total`,
      help: "Live sockets that connected again, by why they had closed (going_away, connection_lost, heartbeat_timeout, ...)",
      labelNames: ["cause"],
      registers,
    });
    this.#errors = new Counter({
      name: `${prefix}client_errors_total`,
      help: "JavaScript errors in browsers, by view and island (empty when from none)",
      labelNames: ["view", "island"],
      registers,
    });
  }

  record(e: ClientEvent): void {
    const seconds = e.value / 1000;
    switch (e.kind) {
      case "event":
        return this.#event.observe({ view: e.view, event: e.event ?? "unknown" }, seconds);
      case "join":
        return this.#join.observe({ view: e.view, route: e.route }, seconds);
      case "reconnect":
        return void this.#reconnects.inc({ cause: e.cause ?? "other" });
      case "error":
        return void this.#errors.inc({ view: e.view, island: e.island ?? "" });
      case "hydrate":
        return this.#hydration.observe({ island: e.island ?? "other" }, seconds);
      case "lcp":
        return this.#lcp.observe({ route: e.route }, seconds);
      case "inp":
        return this.#inp.observe({ route: e.route }, seconds);
      case "cls":
        return this.#cls.observe({ route: e.route }, e.value);
    }
  }
}
