/**
 * The demo island on /islands: a server-held tally with local React state around it.
 * Written with zod/mini, as contracts are best written: the browser loads the schemas of
 * its events and commands with the island, and mini's share of that is a quarter of
 * classic zod's.
 */
import { z } from "zod/mini";
import { defineIsland } from "lagoon/islands/contract";

const Label = z.string().check(z.trim(), z.minLength(1), z.maxLength(80));

export const Tally = defineIsland("Tally", {
  props: z.object({ count: z.int(), label: Label }),
  events: {
    add: z.object({ by: z.int().check(z.minimum(1), z.maximum(10)) }),
    rename: { payload: z.object({ label: Label }), reply: z.object({ label: z.string(), length: z.int() }) },
  },
  commands: {
    flash: z.object({ message: z.string().check(z.maxLength(200)) }),
  },
  samples: {
    apples: { count: 3, label: "Apples" },
    "hostile label": { count: 0, label: `</script><b>"quoted" & 'apostrophes'</b> ünïcødé 🌊` },
  },
  // what the /__islands gallery answers rename with
  replies: { rename: ({ label }) => ({ label, length: [...label].length }) },
});
