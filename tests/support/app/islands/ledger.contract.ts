/** A fixture island for what crosses the wire: a long list of rows, typed values, a transform, typed events and commands. */
import { z } from "zod";
import { defineIsland } from "../../../../islands/contract-entry.js";

/** How often the title's transform ran in this process (the server's count; the browser never runs it). */
export const transforms = { title: 0, label: 0 };

export const Row = z.object({ id: z.string(), label: z.string(), done: z.boolean() });

export const Ledger = defineIsland("Ledger", {
  props: z.object({
    title: z.string().transform((s) => {
      transforms.title++;
      return `${s}!`;
    }),
    rows: z.array(Row),
    at: z.date(),
    tags: z.set(z.string()),
    scores: z.map(z.string(), z.number()),
    big: z.bigint(),
    home: z.instanceof(URL),
  }),
  events: {
    stamp: {
      payload: z.object({
        at: z.date(),
        label: z.string().transform((s) => {
          transforms.label++;
          return `${s}?`;
        }),
      }),
      reply: z.object({ at: z.date(), label: z.string() }),
    },
  },
  commands: { mark: z.object({ at: z.date(), n: z.number().int() }) },
});
