/** A fixture island: shows its text and items; events with and without a reply; a command. */
import { z } from "zod";
import { defineIsland } from "../../../../islands/contract-entry.js";

export const Echo = defineIsland("Echo", {
  props: z.object({ text: z.string(), items: z.array(z.string()) }),
  events: {
    say: z.object({ text: z.string().max(100) }),
    measure: { payload: z.object({ text: z.string() }), reply: z.object({ length: z.number() }) },
  },
  commands: { ping: z.object({ n: z.number() }) },
});
