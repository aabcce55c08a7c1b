/** The component tree: targeted events, state across parent renders, the wire's component section. */
import { describe, expect, it } from "vitest";
import { visit } from "../../shell/testing/index.js";
import { coreRouter } from "../support/views/core.js";

describe("components", () => {
  it("an event with phx-target re-renders only that component", async () => {
    const view = await visit(coreRouter, "/cards");
    await view.element("button", "bump b").click();
    expect(view.find("#card-b span")?.textContent).toBe("b: 1");
    expect(view.find("#card-a span")?.textContent).toBe("a: 0");
    await view.element("button", "bump b").click();
    // on the wire: only component b's changed slot
    expect(view.lastDiff).toEqual({ c: { 2: { 2: "2" } } });
  });

  it("keeps component state across parent re-renders and does not resend unchanged components", async () => {
    const view = await visit(coreRouter, "/cards");
    await view.element("button", "bump a").click();
    await view.push({ type: "click", event: "retitle", value: {} });
    // the core session's layout wraps the view: its render is dynamic 1 of the layout
    expect(view.lastDiff).toEqual({ 1: { 0: "Cards!" } });
    expect(view.find("#card-a span")?.textContent).toBe("a: 1");
  });

  it("sends components in the component section with the root flag, sharing statics", async () => {
    const view = await visit(coreRouter, "/cards");
    const join = view.messages[0]!.payload.response as { rendered: { c: Record<string, { s: unknown; r: number }> } };
    expect(Object.keys(join.rendered.c)).toEqual(["1", "2"]);
    expect(join.rendered.c[1]!.r).toBe(1);
    expect(Array.isArray(join.rendered.c[1]!.s)).toBe(true);
    expect(join.rendered.c[2]!.s).toBe(1);
  });
});
