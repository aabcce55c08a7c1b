/** The contract of a client-only fixture island (window-size.client.tsx): the server loads this, never the component. */
import { z } from "zod";
import { defineIsland } from "../../../../islands/contract-entry.js";

export const WindowSize = defineIsland("WindowSize", {
  props: z.object({ title: z.string() }),
  fallback: "Measuring the window…",
  samples: { wide: { title: "Window" } },
});
