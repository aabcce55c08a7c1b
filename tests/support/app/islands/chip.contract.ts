/** A tiny fixture island for lists of islands: one label. */
import { z } from "zod";
import { defineIsland } from "../../../../islands/contract-entry.js";

export const Chip = defineIsland("Chip", { props: z.object({ label: z.string() }) });
