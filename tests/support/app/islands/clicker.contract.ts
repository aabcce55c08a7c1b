/** A fixture island for load modes: written with zod/mini, as a small island's contract would be. */
import { z } from "zod/mini";
import { defineIsland } from "../../../../islands/contract-entry.js";

export const Clicker = defineIsland("Clicker", {
  props: z.object({ label: z.string().check(z.minLength(1), z.maxLength(80)) }),
  fallback: "The clicker is on its way.",
  samples: { plain: { label: "Plain" } },
});
