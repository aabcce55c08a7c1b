/** A fixture island for loading and lifecycle tests: a server-held count under a label. */
import { z } from "zod";
import { defineIsland } from "../../../../islands/contract-entry.js";

export const Dial = defineIsland("Dial", {
  props: z.object({ count: z.number().int(), label: z.string().min(1).max(80) }),
  events: {
    add: z.object({ by: z.number().int().min(1).max(10) }),
    rename: {
      payload: z.object({ label: z.string().trim().min(1).max(80) }),
      reply: z.object({ label: z.string(), length: z.number().int() }),
    },
  },
  commands: { flash: z.object({ message: z.string().max(200) }) },
  samples: { one: { count: 1, label: "One" } },
  // what the /__islands gallery answers rename with
  replies: { rename: ({ label }) => ({ label, length: label.length }) },
});
