/** A fixture island that fails where it is told to: on the server, in the browser, on new props, or by rendering another text in each. */
import { z } from "zod";
import { defineIsland } from "../../../../islands/contract-entry.js";

export const Glitch = defineIsland("Glitch", {
  props: z.object({ fail: z.enum(["nowhere", "server", "browser", "mismatch"]), text: z.string() }),
  fallback: "The glitch is resting.",
});
