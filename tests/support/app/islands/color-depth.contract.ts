/** The contract of a fixture island that is client-only by its contract's `load: "only"`: the server loads this, never color-depth.tsx. */
import { z } from "zod";
import { defineIsland } from "../../../../islands/contract-entry.js";

export const ColorDepth = defineIsland("ColorDepth", {
  props: z.object({ title: z.string() }),
  load: "only",
  fallback: "Reading the screen…",
});
