/** The view process: its mailbox, event dispatch and validation, replies and crashes, through the test client. */
import { describe, expect, it } from "vitest";
import { visit, ReplyError } from "../../shell/testing/index.js";
import { coreRouter } from "../support/views/core.js";

describe("view process", () => {
  it("handles events one at a time, in arrival order", async () => {
    const view = await visit(coreRouter, "/order");
    // both sent at once: the slow one must finish before the fast one starts
    await Promise.all([view.push({ type: "click", event: "slow", value: {} }), view.push({ type: "click", event: "fast", value: {} })]);
    expect(view.html()).toMatch(/<li>slow<\/li><li>fast<\/li>/);
  });

  it("delivers info messages sent to the view's handle and re-renders", async () => {
    const view = await visit(coreRouter, "/order");
    expect(view.handle.send({ kind: "note", text: "from outside" })).toBe(true);
    await view.flush();
    expect(view.html()).toContain("<li>from outside</li>");
  });

  it("answers an unknown event with an error and stays alive", async () => {
    const view = await visit(coreRouter, "/order");
    await expect(view.push({ type: "click", event: "nope", value: {} })).rejects.toBeInstanceOf(ReplyError);
    await view.element("button", "fast").click();
    expect(view.html()).toContain("<li>fast</li>");
  });

  it("validates params with the event's schema; a bad payload changes nothing", async () => {
    const view = await visit(coreRouter, "/order");
    const before = view.html();
    await expect(view.push({ type: "click", event: "add", value: { n: "1000" } })).rejects.toThrow(/invalid params.*n/);
    await expect(view.push({ type: "click", event: "add", value: { n: { nested: true } } })).rejects.toThrow(/invalid params/);
    expect(view.html()).toBe(before);
    await view.push({ type: "click", event: "add", value: { n: "7" } });
    expect(view.html()).toContain("<li>add 7</li>");
  });

  it("returns hook replies", async () => {
    const view = await visit(coreRouter, "/order");
    expect(await view.hook("hook", { q: "hi" })).toEqual({ echo: "hi" });
  });

  it("replies to events of any binding type, as Phoenix's {:reply, map, socket}", async () => {
    const view = await visit(coreRouter, "/order");
    // the client's pushEvent("event", ...) (what JS.push and the e2e suite's eval hook send) reads the reply too
    expect(await view.push({ type: "event", event: "hook", value: { q: "any" } })).toEqual({ echo: "any" });
    expect(await view.push({ type: "click", event: "hook", value: { q: "click" } })).toEqual({ echo: "click" });
  });

  it("a crashing handler tears the view down", async () => {
    const view = await visit(coreRouter, "/order");
    const errors: unknown[] = [];
    const orig = console.error;
    console.error = (...a: unknown[]) => errors.push(a);
    try {
      await expect(view.push({ type: "click", event: "boom", value: {} })).rejects.toThrow(/crashed/);
    } finally {
      console.error = orig;
    }
    expect(view.crashed).toBe(true);
    expect(errors.length).toBe(1);
  });
});
