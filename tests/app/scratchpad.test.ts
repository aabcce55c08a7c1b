/** The demo's scratchpad: a sticky live view in the logged-in layout, saved per user. */
import { afterEach, describe, expect, it } from "vitest";
import { demo, type Demo } from "../support/demo.js";

let app: Demo;
afterEach(() => app?.close());

describe("the scratchpad", () => {
  it("sits beside every logged-in page as a sticky view and saves what is typed, for that user only", async () => {
    app = await demo();
    const alice = await app.user("alice@example.com");
    const view = await app.visit("/todos", { user: alice });
    expect(view.staticHtml).toMatch(/<div id="scratchpad" data-phx-session="[^"]+" data-phx-static="" data-phx-sticky>/);
    const pad = view.findLiveChild("scratchpad");
    await pad.form("#scratchpad-form").change({ note: "call the plumber\nbuy milk" });
    expect(pad.find(".scratchpad-status")?.textContent).toBe("Saved");
    expect(await app.ctx.notes.get(alice)).toBe("call the plumber\nbuy milk");

    // another page of alice's shows it; bob's scratchpad is his own
    const again = await app.visit("/board", { user: alice });
    expect(again.findLiveChild("scratchpad").find("textarea")?.textContent).toBe("call the plumber\nbuy milk");
    const bob = await app.visit("/todos", { user: await app.user("bob@example.com") });
    expect(bob.findLiveChild("scratchpad").find("textarea")?.textContent).toBe("");
  });

  it("hears a save from the user's other tab, and refuses NUL and oversized notes", async () => {
    app = await demo();
    const alice = await app.user("alice@example.com");
    const first = (await app.visit("/todos", { user: alice })).findLiveChild("scratchpad");
    const second = (await app.visit("/chat/lobby", { user: alice })).findLiveChild("scratchpad");
    await first.form("#scratchpad-form").change({ note: "from the first tab" });
    await second.flush();
    expect(second.find("textarea")?.textContent).toBe("from the first tab");

    await first.form("#scratchpad-form").change({ note: "bad\0note" });
    expect(first.find(".scratchpad-status")?.textContent).toBe("Not saved: can't contain NUL characters");
    await first.form("#scratchpad-form").change({ note: "x".repeat(5001) });
    expect(first.find(".scratchpad-status")?.textContent).toMatch(/^Not saved: should be at most 5000/);
    expect(await app.ctx.notes.get(alice)).toBe("from the first tab");
  });

  it("is not on public pages", async () => {
    app = await demo();
    const view = await app.visit("/posts", { user: await app.user("alice@example.com") });
    expect(view.has("#scratchpad")).toBe(false);
  });
});
