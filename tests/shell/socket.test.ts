/**
 * shell/socket.ts through the test client: assigns and what marks them changed (only a
 * change re-renders), update and assignNew, the development warning for an update that
 * mutated in place, refused assign names, and onEnd.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { defineView, html, live } from "../../shell/index.js";
import { visit, type LiveViewTest } from "../../shell/testing/index.js";

const ended: string[] = [];

const SocketLive = defineView<{ count: number; tags: string[]; seed: string }>({
  name: "SocketLive",
  mount(_p, _s, socket) {
    socket.assign({ count: 0, tags: [] }).assignNew("seed", () => "first");
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
    tag: (_p, socket) => {
      socket.update("tags", (tags) => [...tags, "t"]);
    },
    mutate: (_p, socket) => {
      socket.update("tags", (tags) => (tags.push("m"), tags));
    },
    proto: (_p, socket) => {
      socket.assign("__proto__" as "count", 1);
    },
  },
  render: (a) => html`<p id="count">${a.count}</p><p id="tags">${a.tags.join(",")}</p><p id="seed">${a.seed}</p>
${["same", "inc", "reseed", "tag", "mutate", "proto"].map((e) => html`<button phx-click=${e}>${e}</button>`)}`,
});

const open = () => visit([live("/socket", SocketLive)], "/socket");
/** The diff the last event's reply carried, if any. */
const replyDiff = (view: LiveViewTest) => view.messages.filter((m) => m.kind === "reply").at(-1)?.payload.response?.diff;
const text = (view: LiveViewTest, selector: string) => view.find(selector)?.textContent;

afterEach(() => vi.restoreAllMocks());

describe("assigns", () => {
  it("re-render only on a change: the same value sends no diff", async () => {
    const view = await open();
    await view.element("button", "same").click();
    expect(replyDiff(view)).toBeUndefined();
    await view.element("button", "inc").click();
    expect(replyDiff(view)).toBeDefined();
    expect(text(view, "#count")).toBe("1");
  });

  it("assignNew sets a value only when the key has none", async () => {
    const view = await open();
    await view.element("button", "reseed").click();
    expect(text(view, "#seed")).toBe("first");
    expect(replyDiff(view)).toBeUndefined();
  });

  it("update with a copy re-renders; one that mutated in place warns once and does not", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const view = await open();
    await view.element("button", "tag").click();
    expect(text(view, "#tags")).toBe("t");
    await view.element("button", "mutate").click();
    expect(replyDiff(view)).toBeUndefined();
    expect(text(view, "#tags")).toBe("t");
    await view.element("button", "mutate").click();
    expect(warn.mock.calls.filter(([m]) => String(m).includes('update("tags", fn)'))).toHaveLength(1);
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
