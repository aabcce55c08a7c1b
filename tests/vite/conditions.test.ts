/** The export conditions the Vite plugin takes from the Node process it runs in. */
import { describe, expect, it } from "vitest";
import { processConditions } from "../../vite/conditions.js";

describe("processConditions", () => {
  it("reads --conditions and -C in both spellings, once each, and nothing else", () => {
    expect(
      processConditions(["--import", "tsx", "--conditions=lagoon-source", "-C", "custom", "--conditions", "lagoon-source", "-C=x"]),
    ).toEqual(["lagoon-source", "custom", "x"]);
    expect(processConditions(["--import", "tsx", "--expose-gc"])).toEqual([]);
    expect(processConditions(["--conditions"])).toEqual([]);
  });
});
