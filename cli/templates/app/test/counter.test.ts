/** The counter view through Lagoon's test client: the same render, join and diffs a browser gets. */
import { describe, expect, it } from "vitest";
import { visit } from "lagoon/testing";
import { Stepper } from "../src/islands/stepper.contract.js";
import { routes } from "../src/routes.js";

describe("the counter", () => {
  it("counts with the buttons and with the island's typed event", async () => {
    const view = await visit(routes, "/");
    expect(view.find("h1")?.textContent).toBe("Count: 0");
    await view.element("button", "+").click();
    expect(view.find("h1")?.textContent).toBe("Count: 1");
    await view.island(Stepper, "stepper").emit("add", { by: 3 });
    expect(view.find("h1")?.textContent).toBe("Count: 4");
    expect(view.island(Stepper, "stepper").props()).toEqual({ count: 4 });
  });
});
