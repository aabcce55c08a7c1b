/** What crosses between the counter view and its React island, checked on both sides. */
import { z } from "zod";
import { defineIsland } from "lagoon/islands/contract";

export const Stepper = defineIsland("Stepper", {
  props: z.object({ count: z.number().int() }),
  events: { add: z.object({ by: z.number().int().min(1).max(10) }) },
  samples: { "at three": { count: 3 } },
});
