/** The demo island on /islands: a server-held tally with local React state around it. */
import { z } from "zod";
import { defineIsland } from "lagoon/islands/contract";

const Label = z.string().trim().min(1).max(80);

export const Tally = defineIsland("Tally", {
  props: z.object({ count: z.number().int(), label: Label }),
  events: {
    add: z.object({ by: z.number().int().min(1).max(10) }),
    rename: { payload: z.object({ label: Label }), reply: z.object({ label: z.string(), length: z.number().int() }) },
  },
  commands: {
    flash: z.object({ message: z.string().max(200) }),
  },
  samples: {
    apples: { count: 3, label: "Apples" },
    "hostile label": { count: 0, label: `</script><b>"quoted" & 'apostrophes'</b> ünïcødé 🌊` },
  },
  // what the /__islands gallery answers rename with
  replies: { rename: ({ label }) => ({ label, length: [...label].length }) },
});
