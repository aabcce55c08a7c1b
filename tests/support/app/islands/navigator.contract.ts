/** A fixture island that navigates: live links and navigate/patch from handlers. */
import { z } from "zod";
import { defineIsland } from "../../../../islands/contract-entry.js";

export const Navigator = defineIsland("Navigator", {
  props: z.object({ page: z.number().int().min(1) }),
});
