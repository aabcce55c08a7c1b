/**
 * What crosses the wire to islands, through the test client: props as diffs of changed paths,
 * the first load once, streams as operations, live slots, typed values, transforms once.
 */
import { describe, expect, it } from "vitest";
import { parse } from "node-html-parser";
import { visit } from "../../islands/testing.js";
import { pushCommand } from "../../islands/index.js";
import { Ledger, transforms } from "../support/app/islands/ledger.contract.js";
import { Shelf } from "../support/app/islands/shelf.contract.js";
import { islandWireRoutes } from "../support/views/island-wire.js";

const router = islandWireRoutes();

const frameBytes = (diff: unknown) => JSON.stringify(diff).length;
const stateEvents = (events: [string, unknown][], id: string) =>
  events.filter(([name, v]) => name === `island:${id}` && !("command" in (v as object)));

/** The digest the HTTP render left in the page for island `id`. */
function digestIn(staticHtml: string, id: string): string {
  return parse(staticHtml).querySelector(`[id="${id}"] script[data-island-state]`)!.getAttribute("data-island-state")!;
}

describe("props as diffs", () => {
  it("one field of a 1,000-row list is one operation at its path, and the component's props follow", async () => {
    const view = await visit(router, "/ledger?n=1000");
    await view.push({ type: "click", event: "toggle", value: { id: "r517" } });
    expect(view.lastDiff).toEqual({ e: [["island:ledger", { p: [[0, ["rows", 517, "done"], true]] }]] });
    expect(frameBytes(view.lastDiff)).toBeLessThan(100);
    expect(view.island(Ledger, "ledger").props().rows[517]).toEqual({ id: "r517", label: "Row 517", done: true });
    view.close();
  });

  it("inserting, removing or moving one row is one operation", async () => {
    const view = await visit(router, "/ledger?n=100");
    await view.push({ type: "click", event: "append", value: { label: "Appended" } });
    expect(view.lastDiff).toEqual({ e: [["island:ledger", { p: [[2, ["rows"], 100, { id: "n100", label: "Appended", done: false }]] }]] });
    await view.push({ type: "click", event: "prepend", value: {} });
    expect(view.lastDiff).toEqual({ e: [["island:ledger", { p: [[2, ["rows"], 0, { id: "p101", label: "First", done: false }]] }]] });
    await view.push({ type: "click", event: "remove", value: { id: "r50" } });
    expect(view.lastDiff).toEqual({ e: [["island:ledger", { p: [[3, ["rows"], 51, 1]] }]] });
    await view.push({ type: "click", event: "last", value: {} });
    expect(view.lastDiff).toEqual({ e: [["island:ledger", { p: [[4, ["rows"], 0, 100]] }]] });
    const rows = view.island(Ledger, "ledger").props().rows;
    expect(rows.map((r) => r.id).slice(0, 2)).toEqual(["r0", "r1"]);
    expect(rows[rows.length - 1]!.id).toBe("p101");
    expect(rows).toHaveLength(101);
    view.close();
  });

  it("skips parsing and encoding when the props inputs are unchanged; transforms run once, for what changed", async () => {
    const view = await visit(router, "/ledger?n=10");
    const before = transforms.title;
    await view.push({ type: "click", event: "other", value: {} });
    expect(stateEvents(view.events, "ledger")).toHaveLength(1);
    await view.push({ type: "click", event: "toggle", value: { id: "r1" } });
    // the title did not change: its transform did not run again
    expect(transforms.title).toBe(before);
    await view.push({ type: "click", event: "retitle", value: { title: "New" } });
    expect(transforms.title).toBe(before + 1);
    expect(view.lastDiff).toEqual({ e: [["island:ledger", { p: [[0, ["title"], "New!"]] }]] });
    view.close();
  });

  it("sends Date, Set, Map, BigInt and URL typed, and they arrive as those types", async () => {
    const view = await visit(router, "/ledger?n=1");
    const props = view.island(Ledger, "ledger").props();
    expect(props.at).toEqual(new Date("2024-05-01T10:00:00.000Z"));
    expect(props.tags).toEqual(new Set(["x", "y"]));
    expect(props.scores).toEqual(new Map([["a", 1]]));
    expect(props.big).toBe(2n ** 70n);
    expect(props.home).toEqual(new URL("https://example.com/home"));
    await view.push({ type: "click", event: "later", value: {} });
    expect(view.lastDiff).toEqual({
      e: [
        [
          "island:ledger",
          {
            p: [
              [0, ["at", "$d"], "2024-05-02T10:00:00.000Z"],
              [2, ["tags", "$s"], 2, "z"],
            ],
          },
        ],
      ],
    });
    expect(view.island(Ledger, "ledger").props().tags).toEqual(new Set(["x", "y", "z"]));
    view.close();
  });

  it("typed events: the server decodes the payload and runs its transform once; the reply comes back typed", async () => {
    const view = await visit(router, "/ledger?n=1");
    const reply = await view.island(Ledger, "ledger").emit("stamp", { at: new Date("2030-01-02T03:04:05.000Z"), label: "hi" });
    // the handler got the transformed label: one "?", not two
    expect(view.find("#stamps li")!.text).toBe("2030-01-02T03:04:05.000Z hi?");
    expect(reply).toEqual({ at: new Date("2030-01-02T03:04:06.000Z"), label: "hi?" });
    view.close();
  });

  it("commands are checked where they are pushed and travel typed", async () => {
    const sent: [string, unknown][] = [];
    const socket = { pushEvent: (name: string, payload: unknown) => sent.push([name, payload]) };
    pushCommand(socket, Ledger, "ledger", "mark", { at: new Date(0), n: 1 });
    expect(sent).toEqual([
      ["island:ledger", { island: "Ledger", command: "mark", payload: { at: { $d: "1970-01-01T00:00:00.000Z" }, n: 1 } }],
    ]);
    expect(() => pushCommand(socket, Ledger, "ledger", "mark", { at: "yesterday", n: 1 } as never)).toThrow(/invalid mark payload: at:/);
  });
});

describe("the first load", () => {
  it("carries the props once: in the page, not as attributes, and the join sends none the page holds", async () => {
    const first = await visit(router, "/ledger?n=50");
    const page = first.staticHtml;
    expect(page).not.toContain("data-props");
    expect(page.split('"Row 7"').length - 1).toBe(1);
    const digest = digestIn(page, "ledger");
    first.close();

    const view = await visit(router, "/ledger?n=50", { connectParams: { _islands: { ledger: digest } } });
    const join = view.messages.find((m) => m.kind === "reply")!.payload.response.rendered;
    // no state message and no server render of the island at the join
    expect(stateEvents(view.events, "ledger")).toEqual([]);
    expect(JSON.stringify(join)).not.toContain("Row 7");
    // later diffs apply to the state the page holds
    await view.push({ type: "click", event: "toggle", value: { id: "r7" } });
    expect(view.lastDiff).toEqual({ e: [["island:ledger", { p: [[0, ["rows", 7, "done"], true]] }]] });
    view.close();
  });

  it("sends the whole state when the page's differs (data changed before the join), still without a server render", async () => {
    const first = await visit(router, "/ledger?n=5&drift=1");
    const digest = digestIn(first.staticHtml, "ledger");
    first.close();
    const view = await visit(router, "/ledger?n=5&drift=1", { connectParams: { _islands: { ledger: digest } } });
    expect(view.island(Ledger, "ledger").props().title).toBe("Drifted!");
    expect(JSON.stringify(view.messages.find((m) => m.kind === "reply")!.payload.response.rendered)).not.toContain("ledger-title");
    view.close();
  });

  it("a join that names no island renders it and sends its state (live navigation, or a client that says nothing)", async () => {
    const view = await visit(router, "/ledger?n=3");
    expect(JSON.stringify(view.messages.find((m) => m.kind === "reply")!.payload.response.rendered)).toContain("ledger-title");
    expect(stateEvents(view.events, "ledger")).toHaveLength(1);
    view.close();
  });
});

describe("streams into islands", () => {
  it("send operations, not lists: insert (at, limit), update, delete, reset; items arrive typed", async () => {
    const view = await visit(router, "/shelf?notes=3");
    const shelf = view.island(Shelf, "shelf");
    expect(shelf.stream("notes").map((n) => n.id)).toEqual([1, 2, 3]);
    expect(shelf.stream("notes")[0]!.at).toEqual(new Date(Date.UTC(2024, 0, 1)));

    await view.push({ type: "click", event: "note", value: {} });
    expect(view.lastDiff).toEqual({
      e: [
        [
          "island:shelf",
          { s: { notes: [false, [["notes-4", -1, null, false, { id: 4, text: "note 4", at: { $d: "2024-01-04T00:00:00.000Z" } }]], []] } },
        ],
      ],
    });
    await view.push({ type: "click", event: "note", value: { at: "0", limit: "3" } });
    expect(shelf.stream("notes").map((n) => n.id)).toEqual([5, 1, 2]);
    await view.push({ type: "click", event: "renote", value: { id: "1" } });
    expect(shelf.stream("notes").map((n) => n.text)).toEqual(["note 5", "note 1 edited", "note 2"]);
    await view.push({ type: "click", event: "unnote", value: { id: "2" } });
    expect(view.lastDiff).toEqual({ e: [["island:shelf", { s: { notes: [false, [], ["notes-2"]] } }]] });
    await view.push({ type: "click", event: "reset", value: {} });
    expect(shelf.stream("notes").map((n) => n.id)).toEqual([1, 100]);
    // nothing of the stream is kept on the server: a props change sends the props only
    await view.push({ type: "click", event: "retitle", value: { title: "T" } });
    expect(view.lastDiff).toEqual({ e: [["island:shelf", { p: [[0, ["title"], "T"]] }]] });
    view.close();
  });
});

describe("slots", () => {
  it("render the view's templates live beside React's root, as portals into the island's placeholders", async () => {
    const view = await visit(router, "/shelf");
    expect(view.find("#shelf-slot-header")!.getAttribute("data-phx-portal")).toBe('[data-island-slot="shelf:header"], [id="shelf-park"]');
    // (the test client does not teleport: it reads the slot where the view renders it)
    const slot = (selector: string) => view.find(`#shelf-slot-header ${selector}`);
    expect(slot(".slot-count")!.text).toBe("count: 0");
    // in the page, the slot's HTML is inside React's placeholder already, and the template empty
    const page = parse(view.staticHtml);
    expect(page.querySelector('[data-island-slot="shelf:header"] #shelf-s-header .slot-count')!.text).toBe("count: 0");
    expect(page.querySelector("#shelf-slot-header")!.innerHTML).toBe("");

    await view.element("#shelf-slot-header button", "bump").click();
    expect(slot(".slot-count")!.text).toBe("count: 1");
    // the slot updates by a diff of its own dynamics; the island sends nothing
    expect(JSON.stringify(view.lastDiff)).not.toContain("island:shelf");
    expect(frameBytes(view.lastDiff)).toBeLessThan(80);

    // a live component and a stream inside a slot
    await view.element("#shelf-slot-children .tick button", "tick").click();
    expect(view.find("#shelf-slot-children .tick-count")!.text).toBe("ticks: 1");
    await view.element("#shelf-slot-children button", "add item").click();
    expect(view.find("#shelf-slot-children #slot-items li")!.text).toBe("item 1");
    view.close();
  });
});
