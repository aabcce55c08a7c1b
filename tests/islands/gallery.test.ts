/** The /__islands gallery through the test client: sample replies, the props editor, commands, client-only islands. */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineIsland, islandGallery, loadIslands } from "../../islands/index.js";
import { visit } from "../../islands/testing.js";
import { Dial } from "../support/app/islands/dial.contract.js";
import { FIXTURE_ISLANDS } from "../support/fixture-server.js";
import { shown } from "../support/island-root.js";

await loadIslands(FIXTURE_ISLANDS);

const open = () => visit(islandGallery(), "/__islands");
const log = (view: Awaited<ReturnType<typeof open>>) => view.find("#gallery-log li")?.text ?? "";

describe("the islands gallery", () => {
  it("shows every island with samples, client-only ones included, and lists their sample replies", async () => {
    const view = await open();
    const names = view
      .find("main")!
      .querySelectorAll(".gallery-island > h2")
      .map((h) => h.text);
    expect(names).toEqual([...names].sort());
    expect(names).toEqual(expect.arrayContaining(["Clicker", "Dial", "Echo", "WindowSize"]));
    expect(view.find("section[aria-label=Dial] p")!.text).toContain("Sample replies: rename");
    // a client-only island renders its fallback here too
    expect(shown(view.find("#WindowSize-sample-0 [data-island-fallback]")!)).toBe("Measuring the window…");
    view.close();
  });

  it("answers an event that has a reply with the contract's sample reply, and logs both", async () => {
    const view = await open();
    expect(await view.hook("Dial:rename", { id: "Dial-sample-0", payload: { label: "  Hi  " } })).toEqual({ label: "Hi", length: 2 });
    expect(log(view)).toContain('Dial-sample-0 rename {"label":"Hi"} → {"label":"Hi","length":2}');
    // without a sample reply: a refusal that says what to add, not a null that fails the reply's schema
    await expect(view.hook("Echo:measure", { id: "echo-1", payload: { text: "x" } })).rejects.toMatchObject({
      response: { reason: "no_sample_reply", message: expect.stringContaining("add replies: { measure: … } to its defineIsland") },
    });
    expect(log(view)).toContain('measure {"text":"x"} → refused: no sample reply');
    view.close();
  });

  it("refuses a sample reply the reply schema does not accept", () => {
    expect(() =>
      defineIsland("Odd", {
        props: z.object({}),
        events: { ask: z.object({}) },
        replies: { ask: {} } as never,
      }),
    ).toThrow('defineIsland("Odd"): a sample reply for "ask", which has no reply');
  });

  it("edits a sample's props: JSON the contract accepts becomes the island's props, anything else is shown refused", async () => {
    const view = await open();
    const form = () => view.form("#Dial-sample-0-props");
    const props = () => view.island(Dial, "Dial-sample-0").props();
    expect(props()).toEqual({ count: 1, label: "One" });
    await form().submit({ props: JSON.stringify({ count: 5, label: "Five" }) });
    expect(props()).toEqual({ count: 5, label: "Five" });
    expect(view.find("#Dial-sample-0-props textarea")!.text).toBe(JSON.stringify({ count: 5, label: "Five" }, null, 2));

    await form().submit({ props: "{ not json" });
    expect(view.find("#Dial-sample-0-props .gallery-error")!.text).toBe("not JSON");
    await form().submit({ props: JSON.stringify({ count: 1.5, label: "" }) });
    expect(view.find("#Dial-sample-0-props .gallery-error")!.text).toMatch(/^the contract says count: .*; label: /);
    // the island kept the last props the contract accepted
    expect(props()).toEqual({ count: 5, label: "Five" });

    await view.element("#Dial-sample-0-props button", "Sample props").click();
    expect(props()).toEqual({ count: 1, label: "One" });
    expect(view.has("#Dial-sample-0-props .gallery-error")).toBe(false);
    view.close();
  });

  it("sends commands the contract accepts and logs the ones it refuses", async () => {
    const view = await open();
    const form = view.form("section[aria-label=Dial] .gallery-command");
    await form.submit({ island: "Dial-sample-0", command: "flash", payload: '{"message":"hello"}' });
    expect(view.events).toContainEqual(["island:Dial-sample-0", { island: "Dial", command: "flash", payload: { message: "hello" } }]);
    await form.submit({ island: "Dial-sample-0", command: "flash", payload: '{"message":1}' });
    expect(log(view)).toContain("→ flash refused by the contract");
    view.close();
  });
});
