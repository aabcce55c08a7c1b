/** each(): keyed lists on the wire (the 1.2 client's keyed comprehension diff), read back by both wire readers. */
import { describe, expect, it } from "vitest";
import { each, html } from "../../shell/index.js";
import { renderHtml } from "../../shell/diff.js";
import { Router } from "../../shell/router.js";
import { RenderedTree, visit } from "../../shell/testing/index.js";
import { OfficialTree } from "../support/official-rendered.js";
import { keyedRoutes } from "../support/views/keyed.js";
import { a, b, c, keyed, list, noComponents, order, renders, whole, x, type R } from "../support/keyed-wire.js";

describe("each() on the wire", () => {
  it("first renders as a comprehension with shared statics, like a plain list", () => {
    const [first] = renders(list([a, b]));
    expect(first).toEqual({ 0: { s: ["<li", ">", "</li>"], k: { 0: whole(a), 1: whole(b), kc: 2 } }, s: ["<ul>", "</ul>"] });
    expect(renderHtml(list([a, b]), noComponents)).toBe('<ul><li id="a">A</li><li id="b">B</li></ul>');
  });

  it("prepends: the new entry whole, the others as their old indexes", () => {
    expect(renders(list([a, b]), list([x, a, b]))[1]).toEqual(keyed({ 0: whole(x), 1: 0, 2: 1, kc: 3, km: true }));
  });

  it("appends: only the new entry, no moves", () => {
    expect(renders(list([a, b]), list([a, b, c]))[1]).toEqual(keyed({ 2: whole(c), kc: 3 }));
  });

  it("removes: later entries move up; a removed last entry is only a count", () => {
    const [, middle, last] = renders(list([a, b, c]), list([a, c]), list([a]));
    expect(middle).toEqual(keyed({ 1: 2, kc: 2, km: true }));
    expect(last).toEqual(keyed({ kc: 1 }));
    expect(renders(list([a, b, c]), list([b, c]))[1]).toEqual(keyed({ 0: 1, 1: 2, kc: 2, km: true }));
  });

  it("reorders as old indexes only", () => {
    expect(renders(list([a, b, c]), list([c, a, b]))[1]).toEqual(keyed({ 0: 2, 1: 0, 2: 1, kc: 3, km: true }));
    expect(renders(list([a, b, c]), list([c, b, a]))[1]).toEqual(keyed({ 0: 2, 2: 0, kc: 3, km: true }));
  });

  it("sends a moved and changed entry as [old index, its diff]; a changed unmoved one as its diff", () => {
    const b2 = { ...b, name: "B2" };
    expect(renders(list([a, b, c]), list([c, a, b2]))[1]).toEqual(keyed({ 0: 2, 1: 0, 2: [1, { 1: "B2" }], kc: 3, km: true }));
    expect(renders(list([a, b, c]), list([a, b2, c]))[1]).toEqual(keyed({ 1: { 1: "B2" }, kc: 3 }));
  });

  it("omits the slot when nothing changed, even with new item objects", () => {
    expect(renders(list([a, b]), list([{ ...a }, { ...b }]))[1]).toBeNull();
  });

  it("goes empty → non-empty → empty → non-empty: the statics are sent once", () => {
    const diffs = renders(list([]), list([a]), list([]), list([b]), list([]), list([]));
    expect(diffs).toEqual([
      { 0: "", s: ["<ul>", "</ul>"] },
      { 0: { s: ["<li", ">", "</li>"], k: { 0: whole(a), kc: 1 } } },
      keyed({ kc: 0 }),
      keyed({ 0: whole(b), kc: 1 }),
      keyed({ kc: 0 }),
      null,
    ]);
  });

  it("re-sends statics when the entries' template changes, or the slot held a plain list", () => {
    const bold = (rs: R[]) =>
      html`<ul>${each(
        rs,
        (r) => r.id,
        (r) => html`<b>${r.name}</b>`,
      )}</ul>`;
    expect(renders(list([a]), bold([a]))[1]).toEqual({ 0: { s: ["<b>", "</b>"], k: { 0: { 0: "A" }, kc: 1 } } });
    const plain = html`<ul>${[a].map((r) => html`<li id=${r.id}>${r.name}</li>`)}</ul>`;
    expect(renders(plain, list([x, a]))[1]).toEqual({ 0: { s: ["<li", ">", "</li>"], k: { 0: whole(x), 1: whole(a), kc: 2 } } });
  });

  it("diffs a nested each inside a moved entry against that entry's own previous state", () => {
    type T = { id: string; tags: string[] };
    const view = (ts: T[]) =>
      html`<div>${each(
        ts,
        (t) => t.id,
        (t) =>
          html`<p>${t.id}${each(
            t.tags,
            (tag) => tag,
            (tag) => html`<i>${tag}</i>`,
          )}</p>`,
      )}</div>`;
    const [, diff] = renders(
      view([
        { id: "a", tags: ["x", "y"] },
        { id: "b", tags: ["z"] },
      ]),
      view([
        { id: "b", tags: ["z"] },
        { id: "a", tags: ["y", "x"] },
      ]),
    );
    expect(diff).toEqual(keyed({ 0: 1, 1: [0, { 1: { k: { 0: 1, 1: 0, kc: 2, km: true } } }], kc: 2, km: true }));
  });

  it("refuses duplicate keys, naming the key; 1 and '1' are different keys", () => {
    expect(() => list([a, b, { ...a }])).toThrow('each(): found duplicate key "a" in the list (at index 2)');
    expect(() => each([1, 2, 1], (n) => n, String)).toThrow("found duplicate key 1");
    expect(each([1, "1"], (k) => k, String).keys).toEqual([1, "1"]);
    expect(() => each([{}], () => null as unknown as string, String)).toThrow("keys must be strings or numbers, got null");
  });

  it("is element content only", () => {
    expect(() => renderHtml(html`<p title=${each([1], (n) => n, String)}></p>`, noComponents)).toThrow("each()");
  });
});

describe("the wire readers", () => {
  const start = { s: ["<ul>", "</ul>"], 0: { s: ["<li>", "</li>"], k: { 0: { 0: "a" }, 1: { 0: "b" }, kc: 2 } } };

  it("apply moves from the tree as it was before the diff", () => {
    const diff = { 0: { k: { 0: 1, 1: [0, { 0: "A" }], 2: { 0: "c" }, kc: 3, km: true } } };
    const mine = new RenderedTree("v");
    mine.merge(structuredClone(start));
    mine.merge(structuredClone(diff));
    const official = new OfficialTree("v", start);
    official.merge(diff);
    expect(mine.toHtml().html).toBe("<ul><li>b</li><li>A</li><li>c</li></ul>");
    expect(official.html()).toBe("<ul><li>b</li><li>A</li><li>c</li></ul>");
  });

  it("refuse a move without km, as the 1.2 client does", () => {
    const diff = { 0: { k: { 0: 1, 1: 0, kc: 2 } } };
    const mine = new RenderedTree("v");
    mine.merge(structuredClone(start));
    expect(() => mine.merge(structuredClone(diff))).toThrow('without "km": true');
    expect(() => new OfficialTree("v", start).merge(diff)).toThrow(TypeError);
  });
});

describe("each() with components in its entries, through the test client", () => {
  const router = new Router(keyedRoutes());

  it("moves rows with their components' state; new rows bring their component", async () => {
    const view = await visit(router, "/keyed");
    await view.element("#badge-2").click();
    expect(view.find("#badge-2")?.textContent).toBe("badge 2: 1");

    await view.element("button", "prepend").click();
    const prepend = view.lastDiff as { 0: { k: Record<string, unknown> }; c: Record<string, unknown> };
    expect(prepend[0].k).toEqual({
      0: { 0: "4", 1: "row 4", 2: "4", 3: "4", 4: 4, 5: ' phx-value-id="4"', 6: "4", 7: "" },
      1: 0,
      2: 1,
      3: 2,
      kc: 4,
      km: true,
    });
    expect(Object.keys(prepend.c)).toEqual(["4"]);
    expect(order(view)).toEqual(["row-4", "row-1", "row-2", "row-3"]);

    await view.element("button", "reverse").click();
    expect(view.lastDiff).toEqual(keyed({ 0: 3, 1: 2, 2: 1, 3: 0, kc: 4, km: true }));
    expect(order(view)).toEqual(["row-3", "row-2", "row-1", "row-4"]);
    expect(view.find("#badge-2")?.textContent).toBe("badge 2: 1");

    // a nested each in an unmoved row
    await view.push({ type: "click", event: "flip-tags", value: { id: "2" } });
    expect(view.lastDiff).toEqual(keyed({ 1: { 7: { k: { 0: 1, 1: 0, kc: 2, km: true } } }, kc: 4 }));
    expect(view.find("#row-2 ol")?.textContent).toBe("cb");

    await view.element("button", "remove 2").click();
    expect(view.lastDiff).toEqual(keyed({ 1: 2, 2: 3, kc: 3, km: true }));
    expect(view.has("#badge-2")).toBe(false);

    await view.push({ type: "click", event: "move", value: { from: "0", to: "2", name: "THREE" } });
    expect(view.lastDiff).toEqual(keyed({ 0: 1, 1: 2, 2: [0, { 1: "THREE" }], kc: 3, km: true }));
    expect(order(view)).toEqual(["row-1", "row-4", "row-3"]);
    expect(view.find("#row-3 .name")?.textContent).toBe("THREE");

    await view.element("#badge-3").click();
    expect(view.find("#badge-3")?.textContent).toBe("badge 3: 1");
    view.close();
  });
});
