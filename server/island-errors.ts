/**
 * Island failures over the telemetry window (island_error spans), for the dashboard: how
 * many, by island and phase, and the latest with the island's `Name#id`. At most `MAX`
 * are kept however many arrive; labels are bounded (island names from code, or the capped
 * set the signals channel allows), DOM ids are kept only in the short list of the latest.
 */
import type { IslandErrorEvent, IslandErrorPhase } from "./telemetry.js";

/** Island failures over the telemetry window, as the dashboard shows them (TelemetryWindow's snapshot). */
export interface IslandErrorsSnapshot {
  /** Island failures over the window (counted up to the last MAX). */
  readonly total: number;
  /** By island and phase, most first (ten at most). */
  readonly byIsland: readonly { island: string; phase: IslandErrorPhase; count: number }[];
  /** The latest, newest first (ten at most): the island as `Name#id`, its phase, view, and when (epoch ms). */
  readonly recent: readonly { t: number; where: string; phase: IslandErrorPhase; view: string }[];
}

interface Entry {
  readonly t: number;
  readonly e: IslandErrorEvent;
}

const MAX = 1000;
const TOP = 10;

export class IslandErrorLog {
  #entries: Entry[] = [];

  record(t: number, e: IslandErrorEvent): void {
    if (this.#entries.length >= MAX) this.#entries = this.#entries.slice(MAX / 10);
    this.#entries.push({ t, e });
  }

  /** What happened at or after `from` (epoch ms); older entries are dropped. */
  snapshot(from: number): IslandErrorsSnapshot {
    const start = this.#entries.findIndex((x) => x.t >= from);
    this.#entries = start < 0 ? [] : this.#entries.slice(start);
    const counts = new Map<string, { island: string; phase: IslandErrorPhase; count: number }>();
    for (const { e } of this.#entries) {
      const key = `${e.island} ${e.phase}`;
      const c = counts.get(key);
      if (c) c.count++;
      else counts.set(key, { island: e.island, phase: e.phase, count: 1 });
    }
    return {
      total: this.#entries.length,
      byIsland: [...counts.values()]
        .sort((a, b) => b.count - a.count || a.island.localeCompare(b.island) || a.phase.localeCompare(b.phase))
        .slice(0, TOP),
      recent: this.#entries
        .slice(-TOP)
        .reverse()
        .map(({ t, e }) => ({ t, where: `${e.island}#${e.islandId}`, phase: e.phase, view: e.view })),
    };
  }
}
