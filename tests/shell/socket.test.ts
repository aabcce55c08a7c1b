/**
 * shell/socket.ts through the test client: assigns and what marks them changed (only a
 * change re-renders), update and assignNew, the development warning for an update that
 * mutated in place, refused assign names, and onEnd.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { defineView, html, live } from "../../shell/index.js";
import { visit, type LiveViewTest } from "../../shell/testing/index.js";

const ended: string[] = [];

const SocketLive = defineView<{ count: number; seed: string }>({
  name: "SocketLive",
  mount(_p, _s, socket) {
    socket.assign({ count: 0 }).assignNew("seed", () => "first");
    if (socket.connected) socket.onEnd(() => ended.push("ended"));
  },
  events: {
    same: (_p, socket) => {
      socket.assign("count", socket.assigns.count);
    },
    inc: (_p, socket) => {
      socket.update("count", (n) => n + 1);
    },
    reseed: (_p, socket) => {
      socket.assignNew("seed", () => "second");
    },
    proto: (_p, socket) => {
      socket.assign("__proto__" as "count", 1);
    },
  },
  render: (a) => html`<p id="count">${a.count}</p><p id="seed">${a.seed}</p>
${["same", "inc", "reseed", "proto"].map((e) => html`<button phx-click=${e}>${e}</button>`)}`,
});

const open = () => visit([live("/socket", SocketLive)], "/socket");
const text = (view: LiveViewTest, selector: string) => view.find(selector)?.textContent;

afterEach(() => vi.restoreAllMocks());

describe("assigns", () => {
  it("re-render only on a change: the same value sends no diff", async () => {
    const view = await open();
    await view.element("button", "same").click();
    expect(view.lastDiff).toBeUndefined();
    await view.element("button", "inc").click();
    expect(view.lastDiff).toBeDefined();
    expect(text(view, "#count")).toBe("1");
  });

  it("assignNew sets a value only when the key has none", async () => {
    const view = await open();
    await view.element("button", "reseed").click();
    expect(text(view, "#seed")).toBe("first");
    expect(view.lastDiff).toBeUndefined();
  });

  it("warns in development when update() returns the array or object it changed in place", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const Mutating = defineView<{ list: string[]; tally: { n: number } }>({
      name: "Mutating",
      mount: (_p, _s, socket) => void socket.assign({ list: [], tally: { n: 0 } }),
      events: {
        push: (_p, socket) => void socket.update("list", (l) => (l.push("x"), l)),
        copy: (_p, socket) => void socket.update("list", (l) => [...l, "y"]),
        same: (_p, socket) => void socket.update("tally", (t) => t),
      },
      render: (a) => html`<p>${a.list.join(",")}</p>`,
    });
    const view = await visit([live("/m", Mutating)], "/m");
    await view.push({ type: "click", event: "push", value: {} });
    // nothing changed as far as the view can tell: no diff
    expect(view.lastDiff).toBeUndefined();
    expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([
      expect.stringContaining('update("list", fn): fn changed the array in place'),
    ]);
    await view.push({ type: "click", event: "copy", value: {} });
    await view.push({ type: "click", event: "same", value: {} });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(view.find("p")?.textContent).toBe("x,y");
  });

  it("refuses an assign name that could reach a prototype: the view ends", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const view = await open();
    await view
      .element("button", "proto")
      .click()
      .catch(() => {});
    expect(view.crashed).toBe(true);
    expect(({} as Record<string, unknown>).count).toBeUndefined();
  });
});

describe("onEnd", () => {
  it("runs once the view ends", async () => {
    ended.length = 0;
    const view = await open();
    expect(ended).toEqual([]);
    view.close();
    await view.flush();
    expect(ended).toEqual(["ended"]);
  });
});
