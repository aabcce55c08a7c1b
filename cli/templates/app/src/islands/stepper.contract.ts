/**
 * What crosses between the counter view and its React island, checked on both sides.
 * zod/mini: the browser loads the schemas with the island, and mini is the small build.
 */
import { z } from "zod/mini";
import { defineIsland } from "lagoon/islands/contract";

export const Stepper = defineIsland("Stepper", {
  props: z.object({ count: z.int() }),
  events: { add: z.object({ by: z.int().check(z.minimum(1), z.maximum(10)) }) },
  samples: { "at three": { count: 3 } },
});
