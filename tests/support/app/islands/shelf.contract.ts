/** A fixture island for slots and streams: a header slot, children, and a stream of notes. */
import { z } from "zod";
import { defineIsland } from "../../../../islands/contract-entry.js";

export const Note = z.object({ id: z.number().int(), text: z.string(), at: z.date() });

export const Shelf = defineIsland("Shelf", {
  props: z.object({ title: z.string() }),
  streams: { notes: Note },
  slots: ["header"],
});
