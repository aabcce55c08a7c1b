/**
 * Browser signals (client telemetry events) as the telemetry window keeps them, one
 * instance per second and one summing the window: the event and join times users felt,
 * reconnects by cause, errors by view and island, island hydration, and the Core Web
 * Vitals. Every key is bounded (signals.ts labels), so is each map.
 */
import { BINS, bin, percentile } from "./histogram.js";
import type { ClientEvent, ReconnectCause } from "./telemetry.js";

/** Percentiles of what was measured; each null when nothing was (`count` 0). */
export interface Percentiles {
  /** How many measures they are of. */
  readonly count: number;
  readonly p50: number | null;
  readonly p75: number | null;
  readonly p95: number | null;
  readonly p99: number | null;
}

/** What browsers reported over the telemetry window (WindowSnapshot's `client`). */
export interface ClientSnapshot {
  /** Event round trips as users felt them, ms: pushed in the browser to its DOM patched. */
  readonly events: Percentiles;
  /** Joins as felt, ms. */
  readonly joins: Percentiles;
  readonly reconnects: { readonly total: number; readonly byCause: readonly { cause: ReconnectCause; count: number }[] };
  /** Browser errors, by view and island ("" for none), most first (ten at most). */
  readonly errors: { readonly total: number; readonly byPlace: readonly { view: string; island: string; count: number }[] };
  /** Island hydration, ms. */
  readonly hydration: Percentiles;
  /** Largest Contentful Paint and Interaction to Next Paint in ms, Cumulative Layout Shift as its score. */
  readonly vitals: { readonly lcp: Percentiles; readonly inp: Percentiles; readonly cls: Percentiles };
}

type Hist = "events" | "joins" | "hydration" | "lcp" | "inp" | "cls";
const HIST_OF: Partial<Record<ClientEvent["kind"], Hist>> = {
  event: "events",
  join: "joins",
  hydrate: "hydration",
  lcp: "lcp",
  inp: "inp",
  cls: "cls",
};
/** CLS scores go into the millisecond bins scaled up: 0.001 of a score per "ms". */
const CLS_SCALE = 1000;
const TOP = 10;

interface Place {
  view: string;
  island: string;
  count: number;
}

export class ClientStats {
  readonly #hists: Partial<Record<Hist, { hist: Uint32Array; count: number }>> = {};
  readonly #causes = new Map<ReconnectCause, number>();
  readonly #errors = new Map<string, Place>();

  record(e: ClientEvent): void {
    const hist = HIST_OF[e.kind];
    if (hist) {
      const h = (this.#hists[hist] ??= { hist: new Uint32Array(BINS), count: 0 });
      h.hist[bin(hist === "cls" ? e.value * CLS_SCALE : e.value)]!++;
      h.count++;
    } else if (e.kind === "reconnect") {
      const cause = e.cause ?? "other";
      this.#causes.set(cause, (this.#causes.get(cause) ?? 0) + 1);
    } else if (e.kind === "error") {
      this.#place(e.view, e.island ?? "", 1);
    }
  }

  /** Adds another second's stats to these. */
  add(other: ClientStats): void {
    for (const [name, h] of Object.entries(other.#hists) as [Hist, { hist: Uint32Array; count: number }][]) {
      const sum = (this.#hists[name] ??= { hist: new Uint32Array(BINS), count: 0 });
      sum.count += h.count;
      for (let i = 0; i < BINS; i++) sum.hist[i]! += h.hist[i]!;
    }
    for (const [cause, n] of other.#causes) this.#causes.set(cause, (this.#causes.get(cause) ?? 0) + n);
    for (const p of other.#errors.values()) this.#place(p.view, p.island, p.count);
  }

  /** The 95th percentile of the felt event times, ms (null without any). */
  feltP95(): number | null {
    const h = this.#hists.events;
    return h ? percentile(h.hist, h.count, 95) : null;
  }

  snapshot(): ClientSnapshot {
    const byCause = [...this.#causes]
      .map(([cause, count]) => ({ cause, count }))
      .sort((a, b) => b.count - a.count || a.cause.localeCompare(b.cause));
    const places = [...this.#errors.values()];
    return {
      events: this.#percentiles("events"),
      joins: this.#percentiles("joins"),
      reconnects: { total: byCause.reduce((n, x) => n + x.count, 0), byCause },
      errors: {
        total: places.reduce((n, x) => n + x.count, 0),
        byPlace: places
          .sort((a, b) => b.count - a.count || a.view.localeCompare(b.view))
          .slice(0, TOP)
          .map((p) => ({ ...p })),
      },
      hydration: this.#percentiles("hydration"),
      vitals: { lcp: this.#percentiles("lcp"), inp: this.#percentiles("inp"), cls: this.#percentiles("cls") },
    };
  }

  #place(view: string, island: string, count: number): void {
    const key = `${view} ${island}`;
    const place = this.#errors.get(key);
    if (place) place.count += count;
    else this.#errors.set(key, { view, island, count });
  }

  #percentiles(name: Hist): Percentiles {
    const h = this.#hists[name];
    const scale = name === "cls" ? CLS_SCALE : 1;
    const at = (p: number) => {
      const v = h ? percentile(h.hist, h.count, p) : null;
      return v === null ? null : v / scale;
    };
    return { count: h?.count ?? 0, p50: at(50), p75: at(75), p95: at(95), p99: at(99) };
  }
}
