/**
 * Browser signals: what the page's bundle measures (hooks/signals.ts) and reports in
 * batches on a channel of its own, `lagoon:signals`, beside the views' `lv:` channels on
 * the same socket (the official client opens it with `socket.channel(topic)`, so nothing
 * of the LiveView protocol changes). The round trip a user feels, join times, reconnects
 * and why, JavaScript errors, island hydration, and Core Web Vitals become `client`
 * telemetry events (/metrics, dashboards).
 *
 * Everything here comes from the browser: it is only ever telemetry, and hostile input
 * must not cost more than a bounded amount. Batches are rate limited per connection (a
 * small token bucket) and hold at most 50 signals; a signal of the wrong shape is refused,
 * a value out of range clamped. Labels never carry client text: views and routes are the
 * ones joined on this connection, event names those the view defines, island names a
 * bounded set, reconnect causes an enum mapped from the close code. Error messages are
 * only logged, truncated and rate limited; nothing of a batch reaches another user. An
 * error from an island (`Name#id`, with the phase it failed in) is an island_error span too.
 */
import type { LiveViewProcess } from "./process.js";
import type { ClientEvent, ClientSignalKind, IslandErrorPhase, ReconnectCause, SpanObserver, TelemetryEvent } from "./spans.js";

export const SIGNALS_TOPIC = "lagoon:signals";

export const SIGNAL_LIMITS = {
  /** Signals read from one batch; the rest are refused. */
  perBatch: 50,
  /** Batches a connection may send at once, then `perSecond`. The bundle sends about one a second. */
  burst: 5,
  perSecond: 1,
  /** Browser errors logged per minute by the whole process. */
  loggedErrorsPerMinute: 10,
  /** Distinct island names used as labels by the process; later ones are "other". */
  islandNames: 64,
} as const;

/** The largest value each kind reports (ms; a score for cls): larger ones are clamped. */
const MAX: Readonly<Record<ClientSignalKind, number>> = {
  event: 60_000,
  join: 60_000,
  reconnect: 3_600_000,
  error: 0,
  hydrate: 60_000,
  lcp: 60_000,
  inp: 60_000,
  cls: 10,
};

const KINDS = new Set<string>(Object.keys(MAX));
const VIEW_ID = /^[A-Za-z0-9_-]{1,64}$/;
/** "Name" or "Name#id", as islands/render.ts allows names and DOM ids. */
const ISLAND = /^([A-Za-z][A-Za-z0-9_]{0,63})(?:#([A-Za-z][A-Za-z0-9_:.-]{0,99}))?$/;
const BROWSER_PHASES = new Set<string>(["load", "render", "hydration", "commands"] satisfies IslandErrorPhase[]);

/** What a signals channel needs of its connection. */
export interface SignalsHost {
  send(frame: unknown[]): unknown;
  readonly spans: SpanObserver | undefined;
  /** The view joined on the connection as `lv:<id>`. */
  view(id: string): LiveViewProcess | undefined;
}

/** The outcome a batch's reply carries. */
export interface BatchOutcome {
  readonly accepted: number;
  readonly refused: number;
}

export class SignalsChannel {
  readonly #host: SignalsHost;
  #joinRef: string | undefined;
  #tokens: number = SIGNAL_LIMITS.burst;
  #refilled = performance.now();

  constructor(host: SignalsHost) {
    this.#host = host;
  }

  /** One frame on the signals topic (refs already checked by the connection). */
  handle(joinRef: string | null, ref: string, event: string, payload: Record<string, unknown>): void {
    switch (event) {
      case "phx_join":
        this.#joinRef = joinRef ?? ref;
        return this.#reply(this.#joinRef, ref, "ok", {});
      case "phx_leave":
        this.#joinRef = undefined;
        return this.#reply(joinRef, ref, "ok", {});
      case "batch":
        if (joinRef === null || joinRef !== this.#joinRef) return this.#reply(joinRef, ref, "error", { reason: "unmatched topic" });
        if (!this.#take()) return this.#reply(joinRef, ref, "error", { reason: "rate_limited" });
        return this.#reply(joinRef, ref, "ok", { ...this.#record(payload.signals) });
      default:
        return this.#reply(joinRef, ref, "error", { reason: "unknown event" });
    }
  }

  #record(signals: unknown): BatchOutcome {
    if (!Array.isArray(signals)) return { accepted: 0, refused: 1 };
    const spans = this.#host.spans;
    let accepted = 0;
    const read = signals.slice(0, SIGNAL_LIMITS.perBatch);
    for (const raw of read) {
      const event = this.#parse(raw);
      if (!event) continue;
      accepted++;
      spans?.emit(event);
      if (event.kind === "error" && event.island) spans?.emit(islandError(event, raw as Record<string, unknown>));
    }
    return { accepted, refused: signals.length - accepted };
  }

  /** A signal as telemetry, or undefined when it is not one. */
  #parse(raw: unknown): ClientEvent | undefined {
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return undefined;
    const s = raw as Record<string, unknown>;
    const kind = s.t;
    if (typeof kind !== "string" || !KINDS.has(kind)) return undefined;
    const k = kind as ClientSignalKind;
    const value = k === "error" ? 0 : clamp(s.v, MAX[k]);
    if (value === undefined) return undefined;
    const proc = typeof s.view === "string" && VIEW_ID.test(s.view) ? this.#host.view(s.view) : undefined;
    const base = { name: "client", kind: k, view: proc?.name ?? "unknown", route: proc?.route.path ?? "unknown", value } as const;
    switch (k) {
      case "event":
        return { ...base, event: typeof s.event === "string" && proc && defines(proc, s.event) ? s.event : "unknown" };
      case "reconnect":
        return { ...base, cause: causeOf(s.code, s.reason) };
      case "hydrate": {
        const island = islandLabel(s.island);
        return island ? { ...base, island } : undefined;
      }
      case "error": {
        const island = s.island === undefined ? "" : islandLabel(s.island);
        if (island === undefined) return undefined;
        logBrowserError(base.view, typeof s.island === "string" ? s.island : "", s.message);
        return { ...base, island };
      }
      default:
        return base;
    }
  }

  #take(): boolean {
    const now = performance.now();
    this.#tokens = Math.min(SIGNAL_LIMITS.burst, this.#tokens + ((now - this.#refilled) / 1000) * SIGNAL_LIMITS.perSecond);
    this.#refilled = now;
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }

  #reply(joinRef: string | null | undefined, ref: string, status: "ok" | "error", response: Record<string, unknown>): void {
    this.#host.send([joinRef ?? null, ref, SIGNALS_TOPIC, "phx_reply", { status, response }]);
  }
}

/** The island_error span of a browser error from an island (its label checked by #parse). */
function islandError(event: ClientEvent, raw: Record<string, unknown>): TelemetryEvent {
  const phase = typeof raw.phase === "string" && BROWSER_PHASES.has(raw.phase) ? (raw.phase as IslandErrorPhase) : "render";
  const id = ISLAND.exec(String(raw.island))?.[2] ?? "";
  const view = typeof raw.view === "string" && VIEW_ID.test(raw.view) && event.view !== "unknown" ? raw.view : "";
  return { name: "island_error", view: event.view, route: event.route, id: view, island: event.island!, islandId: id, phase };
}

/** A finite non-negative number, at most `max`; undefined otherwise. */
function clamp(value: unknown, max: number): number | undefined {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) return undefined;
  return Math.min(value, max);
}

/** The view or one of its live components has an event of that name. */
function defines(proc: LiveViewProcess, event: string): boolean {
  const has = (events: object | undefined) => events !== undefined && Object.hasOwn(events, event);
  if (has(proc.route.view.events)) return true;
  for (const def of proc.existingComponents()?.definitions() ?? []) if (has(def.events)) return true;
  return false;
}

/** Why the socket had closed, from the close the browser saw (phoenix closes 1000 itself on a missed heartbeat). */
function causeOf(code: unknown, reason: unknown): ReconnectCause {
  switch (code) {
    case 1000:
      return reason === "heartbeat timeout" ? "heartbeat_timeout" : "client";
    case 1001:
      return "going_away";
    case 1005:
    case 1006:
      return "connection_lost";
    case 1008:
      return "policy";
    case 1011:
      return "server_error";
    case 1002:
    case 1003:
    case 1007:
    case 1009:
      return "protocol";
    default:
      return "other";
  }
}

// process-wide: the island names used as labels so far
const islandNames = new Set<string>();

/** The island's name from "Name" or "Name#id", bounded; undefined when it is not one. */
function islandLabel(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const name = ISLAND.exec(value)?.[1];
  if (!name) return undefined;
  if (islandNames.has(name)) return name;
  if (islandNames.size >= SIGNAL_LIMITS.islandNames) return "other";
  islandNames.add(name);
  return name;
}

let errorWindow = 0;
let errorsLogged = 0;

function logBrowserError(view: string, island: string, message: unknown): void {
  const minute = Math.floor(Date.now() / 60_000);
  if (minute !== errorWindow) {
    errorWindow = minute;
    errorsLogged = 0;
  }
  if (++errorsLogged > SIGNAL_LIMITS.loggedErrorsPerMinute) return;
  // the browser's text, made one harmless line
  const text = typeof message === "string" ? message.slice(0, 300).replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, " ") : "";
  const where = island && ISLAND.test(island) ? `${view} (island ${island})` : view;
  console.error(`[lagoon] browser error in ${where}: ${text}`);
}
