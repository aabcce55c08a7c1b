import { describe, expect, it } from "vitest";
import { html } from "../../shell/index.js";
import { diffTemplate, type NodeState } from "../../shell/diff.js";
import { LiveStream } from "../../shell/streams.js";

const ctx = {
  component: () => {
    throw new Error("no components");
  },
};

/** Renders successive templates, returning each diff (the first is the full render). */
function renders(...templates: ReturnType<typeof html>[]) {
  let state: NodeState | undefined;
  return templates.map((t) => {
    const r = diffTemplate(t, state, ctx);
    state = r.state;
    return r.diff;
  });
}

const counter = (n: number, label = "Count") => html`<h1>${label}: ${n}</h1>`;

describe("diffs", () => {
  it("first render sends statics and dynamics; later only changed dynamics", () => {
    const [first, second, third] = renders(counter(0), counter(1), counter(1));
    expect(first).toEqual({ 0: "Count", 1: "0", s: ["<h1>", ": ", "</h1>"] });
    expect(second).toEqual({ 1: "1" });
    expect(third).toBeNull();
  });

  it("nested templates diff without statics; a template change re-sends them", () => {
    const page = (inner: ReturnType<typeof html>) => html`<main>${inner}</main>`;
    const [, same, changed] = renders(page(html`<b>${"a"}</b>`), page(html`<b>${"b"}</b>`), page(html`<i>${"c"}</i>`));
    expect(same).toEqual({ 0: { 0: "b" } });
    expect(changed).toEqual({ 0: { 0: "c", s: ["<i>", "</i>"] } });
  });

  it("lists become comprehensions sharing statics, diffed by position", () => {
    const list = (xs: string[]) => html`<ul>${xs.map((x) => html`<li>${x}</li>`)}</ul>`;
    const [first, oneRow, grow, shrink, empty] = renders(
      list(["a", "b", "c"]),
      list(["a", "B", "c"]),
      list(["a", "B", "c", "d"]),
      list(["a"]),
      list([]),
    );
    expect(first).toEqual({ 0: { s: ["<li>", "</li>"], k: { 0: { 0: "a" }, 1: { 0: "b" }, 2: { 0: "c" }, kc: 3 } }, s: ["<ul>", "</ul>"] });
    expect(oneRow).toEqual({ 0: { k: { 1: { 0: "B" }, kc: 3 } } });
    expect(grow).toEqual({ 0: { k: { 3: { 0: "d" }, kc: 4 } } });
    expect(shrink).toEqual({ 0: { k: { kc: 1 } } });
    expect(empty).toEqual({ 0: "" });
  });

  it("lists of different templates wrap each entry as one slot", () => {
    const [first] = renders(html`<div>${[html`<b>${1}</b>`, "text", html`<i>${2}</i>`]}</div>`);
    expect(first).toEqual({
      0: {
        s: ["", ""],
        k: { 0: { 0: { 0: "1", s: ["<b>", "</b>"] } }, 1: { 0: "text" }, 2: { 0: { 0: "2", s: ["<i>", "</i>"] } }, kc: 3 },
      },
      s: ["<div>", "</div>"],
    });
  });

  it("one row changed in a 10,000-row list sends only that row", () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => ({ id: i, name: `row ${i}` }));
    const table = (rs: typeof rows) => html`<table>${rs.map((r) => html`<tr id="r${r.id}"><td>${r.name}</td></tr>`)}</table>`;
    const changed = rows.slice();
    changed[5000] = { id: 5000, name: "changed" };
    const [, diff] = renders(table(rows), table(changed));
    expect(diff).toEqual({ 0: { k: { 5000: { 1: "changed" }, kc: 10_000 } } });
  });

  it("streams send their inserts once and keep nothing", () => {
    const s = new LiveStream<{ id: number; t: string }>("items", "0");
    const view = () => html`<ul id="items" phx-update="stream">${s.map((item, id) => html`<li id=${id}>${item.t}</li>`)}</ul>`;
    let state: NodeState | undefined;
    const step = () => {
      const r = diffTemplate(view(), state, ctx);
      state = r.state;
      s.flush();
      return r.diff;
    };
    s.insert({ id: 1, t: "one" });
    expect(step()).toEqual({
      0: { s: ["<li", ">", "</li>"], k: { 0: { 0: ' id="items-1"', 1: "one" }, kc: 1 }, stream: ["0", [["items-1", -1, null, false]], []] },
      s: ['<ul id="items" phx-update="stream">', "</ul>"],
    });
    expect(step()).toBeNull();
    s.insert({ id: 2, t: "two" }, { at: 0, limit: 10 });
    expect(step()).toEqual({ 0: { k: { 0: { 0: ' id="items-2"', 1: "two" }, kc: 1 }, stream: ["0", [["items-2", 0, 10, false]], []] } });
    s.delete({ id: 1, t: "one" });
    expect(step()).toEqual({ 0: { k: { kc: 0 }, stream: ["0", [], ["items-1"]] } });
  });
});
