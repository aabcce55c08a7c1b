/**
 * Telemetry: the spans of every view and what the connection sees of it (shell/spans.ts),
 * published two ways:
 *
 * - `lagoon.onTelemetry(listener)`: one Lagoon's events (its /metrics and dashboard use this);
 * - `node:diagnostics_channel`, one channel per event name (`TELEMETRY_CHANNELS`), so
 *   existing tools can listen without touching the app; `onTelemetry(listener)` subscribes
 *   to all of them at once, for every Lagoon in the process.
 *
 * Events are plain objects emitted after the fact, with durations in milliseconds.
 * Publishing costs nothing when nobody listens.
 */
import diagnostics from "node:diagnostics_channel";
import type { SpanObserver, TelemetryEvent } from "../shell/spans.js";

export type {
  ViewEvent,
  ConnectionEvent,
  ClientEvent,
  ClientSignalKind,
  IslandErrorEvent,
  IslandErrorPhase,
  IslandRenderEvent,
  ReconnectCause,
  TelemetryEvent,
} from "../shell/spans.js";

/** Receives telemetry events (`onTelemetry`); runs synchronously where the event happens, so keep it cheap. */
export type TelemetryListener = (event: TelemetryEvent) => void;

export const TELEMETRY_EVENTS = [
  "mount",
  "handle_params",
  "event",
  "info",
  "async",
  "render",
  "crash",
  "join",
  "reconnect",
  "leave",
  "client",
  "island_error",
  "island_render",
] as const satisfies readonly TelemetryEvent["name"][];

/** The diagnostics_channel name of each event: `lagoon:view:<name>`. */
export const TELEMETRY_CHANNELS = Object.fromEntries(TELEMETRY_EVENTS.map((name) => [name, `lagoon:view:${name}`])) as {
  readonly [N in TelemetryEvent["name"]]: `lagoon:view:${N}`;
};

// held here for the life of the process: publishing goes through these objects
const channels = Object.fromEntries(TELEMETRY_EVENTS.map((name) => [name, diagnostics.channel(TELEMETRY_CHANNELS[name])])) as {
  readonly [N in TelemetryEvent["name"]]: diagnostics.Channel;
};

/** One Lagoon's telemetry hub. */
export class Telemetry implements SpanObserver {
  #listeners: TelemetryListener[] = [];

  /** Someone listens (to `name`, or to any event): measurements that cost something are skipped otherwise. */
  wants(name?: TelemetryEvent["name"]): boolean {
    if (this.#listeners.length > 0) return true;
    if (name !== undefined) return channels[name].hasSubscribers;
    return TELEMETRY_EVENTS.some((n) => channels[n].hasSubscribers);
  }

  /** Calls `listener` with every event of this Lagoon; returns the unsubscribe function. */
  on(listener: TelemetryListener): () => void {
    this.#listeners = [...this.#listeners, listener];
    return () => {
      this.#listeners = this.#listeners.filter((l) => l !== listener);
    };
  }

  emit(event: TelemetryEvent): void {
    // a copy-on-write array: a listener unsubscribing during emit changes nothing here
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch (error) {
        // a broken listener must not crash the view whose span it observes
        console.error("[lagoon] telemetry listener failed:", error);
      }
    }
    const channel = channels[event.name];
    if (channel.hasSubscribers) channel.publish(event);
  }
}

/**
 * Calls `listener` with the events of every Lagoon in this process, through the
 * diagnostics channels; returns the unsubscribe function.
 */
export function onTelemetry(listener: TelemetryListener): () => void {
  // a throwing diagnostics_channel subscriber becomes an uncaught exception: catch it here
  const handler = (message: unknown) => {
    try {
      listener(message as TelemetryEvent);
    } catch (error) {
      console.error("[lagoon] telemetry listener failed:", error);
    }
  };
  for (const name of TELEMETRY_EVENTS) diagnostics.subscribe(TELEMETRY_CHANNELS[name], handler);
  return () => {
    for (const name of TELEMETRY_EVENTS) diagnostics.unsubscribe(TELEMETRY_CHANNELS[name], handler);
  };
}
