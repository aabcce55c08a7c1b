/**
 * The /dashboard charts: the last minutes of a TelemetryWindow, one value per second per
 * series, oldest first. Columns of plain numbers rather than an array of objects: the props
 * go over the wire every second, and this halves them.
 */
import { z } from "zod/mini";
import { defineIsland } from "lagoon/islands/contract";

/** At most one hour of seconds. */
const Column = <T extends z.ZodMiniType>(value: T) => z.array(value).check(z.maxLength(3600));

export const TelemetryCharts = defineIsland("TelemetryCharts", {
  props: z.object({
    /** Client events handled, per second. */
    events: Column(z.int().check(z.minimum(0))),
    /** 95th percentile event time in ms, null in a second without events. */
    p95: Column(z.nullable(z.number().check(z.minimum(0)))),
    /** The same, as browsers felt it (pushed to patched); null in a second without reports. */
    feltP95: Column(z.nullable(z.number().check(z.minimum(0)))),
    /** Connected views at the end of each second. */
    views: Column(z.int().check(z.minimum(0))),
    /** Heap used, MiB. */
    heap: Column(z.number().check(z.minimum(0))),
  }),
  samples: {
    "a quiet minute": {
      events: Array.from({ length: 60 }, (_, i) => (i % 10 === 0 ? 3 : 0)),
      p95: Array.from({ length: 60 }, (_, i) => (i % 10 === 0 ? 0.4 : null)),
      feltP95: Array.from({ length: 60 }, (_, i) => (i % 10 === 0 ? 12 : null)),
      views: Array.from({ length: 60 }, (_, i) => 1 + Math.floor(i / 20)),
      heap: Array.from({ length: 60 }, (_, i) => 40 + i / 10),
    },
    empty: { events: [], p95: [], feltP95: [], views: [], heap: [] },
  },
});
