/** each() of 64 rows or more: a tree of keyed comprehensions on the wire, and through the test client with components. */
import { describe, expect, it } from "vitest";
import { renderHtml } from "../../shell/diff.js";
import { Router } from "../../shell/router.js";
import { visit } from "../../shell/testing/index.js";
import { OfficialTree } from "../support/official-rendered.js";
import { keyedRoutes } from "../support/views/keyed.js";
import { inGroup, keyed, list, many, noComponents, order, renders, shifts, whole, type R } from "../support/keyed-wire.js";

describe("each() as a tree of comprehensions (64 rows or more)", () => {
  const LI = ["<li", ">", "</li>"];
  const rows = many(1000);

  it("sends chunks of rows inside groups whose entries add nothing to the HTML; the first chunk is short, at the top", () => {
    const [first] = renders(list(rows)) as [{ 0: { s: string[]; k: Record<string, any> } }];
    const top = first[0];
    expect(top.s).toEqual(["", ""]);
    expect(top.k.kc).toBe(2);
    expect(top.k[0]).toEqual({
      0: { s: LI, k: { 0: whole(rows[0]!), 1: whole(rows[1]!), 2: whole(rows[2]!), 3: whole(rows[3]!), kc: 4 } },
    });
    const group = top.k[1][0];
    expect(group.s).toEqual(["", ""]);
    expect(group.k.kc).toBe(32);
    for (let c = 0; c < 32; c++) expect([31, 32]).toContain(group.k[c][0].k.kc);
    expect(new OfficialTree("v", first).html()).toBe(renderHtml(list(rows), noComponents));
    expect(renderHtml(list(rows), noComponents)).toBe(`<ul>${rows.map((r) => `<li id="${r.id}">${r.name}</li>`).join("")}</ul>`);
    // shorter lists stay one comprehension
    expect((renders(list(many(63)))[0] as { 0: { s: string[] } })[0].s).toEqual(LI);
  });

  it("prepends into the first chunk: the row and that chunk's few old indexes", () => {
    const x = { id: "x", name: "X" };
    expect(renders(list(rows), list([x, ...rows]))[1]).toEqual(
      keyed({ 0: inGroup({ 0: whole(x), ...shifts(0, 4, 1), kc: 5, km: true }), kc: 2 }),
    );
  });

  it("past 8 rows, a prepend starts a new first chunk and the old one follows it whole, unchanged", () => {
    const xs = many(5, "x");
    const lists = [rows];
    for (const x of xs) lists.push([x, ...lists[lists.length - 1]!]);
    const diffs = renders(...lists.map(list));
    expect(diffs[4]).toEqual(keyed({ 0: inGroup({ 0: whole(xs[3]!), ...shifts(0, 7, 1), kc: 8, km: true }), kc: 2 }));
    // the top holds few entries, so this shifts only them
    expect(diffs[5]).toEqual(keyed({ 0: inGroup({ 0: whole(xs[4]!), kc: 1 }), ...shifts(0, 2, 1), kc: 3, km: true }));
    expect(new OfficialTree("v", renders(list(lists[5]!))[0]!).html()).toBe(renderHtml(list(lists[5]!), noComponents));
  });

  it("reverses by moving whole chunks and groups, each chunk with its rows reversed", () => {
    const [, diff] = renders(list(rows), list(rows.slice().reverse())) as [unknown, { 0: { k: Record<string, any> } }];
    const reversed = (chunk: { k: Record<string, unknown> & { kc: number } }) => {
      const n = chunk.k.kc;
      expect(chunk.k).toEqual({
        ...Object.fromEntries(Array.from({ length: n }, (_, i) => [i, n - 1 - i]).filter(([i, j]) => i !== j)),
        kc: n,
        km: true,
      });
    };
    const top = diff[0].k;
    expect(top).toMatchObject({ kc: 2, km: true, 0: [1, {}], 1: [0, {}] });
    reversed(top[1][1][0]);
    const group = top[0][1][0].k;
    expect(group.kc).toBe(32);
    expect(group.km).toBe(true);
    for (let c = 0; c < 32; c++) {
      const [from, chunk] = group[c];
      expect(from).toBe(31 - c);
      reversed(chunk[0]);
    }
  });

  it("inserts in the middle re-index one chunk; a long run of new rows between chunks becomes chunks of its own", () => {
    const [first] = renders(list(rows)) as [{ 0: { k: Record<string, any> } }];
    // where the 16th chunk of the group starts
    let at = 4;
    for (let c = 0; c < 15; c++) at += first[0].k[1][0].k[c][0].k.kc;
    const [, one, run] = renders(
      list(rows),
      list([...rows.slice(0, at + 10), { id: "x", name: "X" }, ...rows.slice(at + 10)]),
      list([...rows.slice(0, at), ...many(40, "y"), ...rows.slice(at)]),
    );
    // the row, the 21 indexes after it in its chunk, and three levels of wrapping
    expect(JSON.stringify(one).length).toBeLessThan(300);
    // the 40 rows, in two new chunks with the rows' statics; the chunks after them shift by two
    const k: Record<string, any> = (run as { 0: { k: Record<string, any> } })[0].k[1][0].k;
    const fresh = Object.values(k).filter((e) => e?.[0]?.s);
    expect(fresh.map((e) => e[0].k.kc)).toEqual([20, 20]);
    expect(k.kc).toBe(34);
  });

  it("sends a shuffled list whole, flat, then shuffles it by indexes; re-indexing for prepends turns it back into a tree", () => {
    const mix = (rs: R[], m: number) => rs.slice().sort((a, b) => ((Number(a.name) * m) % 1009) - ((Number(b.name) * m) % 1009));
    const lists = [rows, mix(rows, 7919), mix(rows, 104729)];
    for (const x of many(7, "x")) lists.push([x, ...lists[lists.length - 1]!]);
    const diffs = renders(...lists.map(list)) as { 0: { s?: string[]; k: Record<string, unknown> } }[];
    expect(diffs[1]![0].s).toEqual(LI);
    expect(diffs[2]![0].s).toBeUndefined();
    expect(Object.keys(diffs[2]![0].k).length).toBeGreaterThan(990);
    // flat: each prepend re-indexes all 1,000 rows, five times; then the list is sent whole as a tree
    for (const d of diffs.slice(3, 8)) expect(JSON.stringify(d).length).toBeGreaterThan(9_000);
    expect(diffs[8]![0].s).toEqual(["", ""]);
    expect(JSON.stringify(diffs[9]).length).toBeLessThan(150);
  });
});

describe("each() as a tree, with components in its entries, through the test client", () => {
  const router = new Router(keyedRoutes());

  it("prepends, reverses, shuffles, removes and moves rows of a 203-row list with their components and nested lists", async () => {
    const view = await visit(router, "/keyed?n=200");
    let ids = [1, 2, 3, ...Array.from({ length: 200 }, (_, i) => 100 + i)];
    const expectOrder = () => expect(order(view)).toEqual(ids.map((id) => `row-${id}`));
    expectOrder();
    await view.element("#badge-2").click();

    await view.element("button", "prepend").click();
    ids = [4, ...ids];
    const prepend = view.lastDiff as { 0: { k: Record<string, any> }; c: Record<string, unknown> };
    // the row went into the first chunk, inside the top comprehension
    expect(prepend[0].k[0][0].k.kc).toBe(5);
    // and only its component was rendered
    expect(Object.keys(prepend.c)).toHaveLength(1);
    expectOrder();

    await view.element("button", "reverse").click();
    ids.reverse();
    expectOrder();
    expect(view.find("#badge-2")?.textContent).toBe("badge 2: 1");

    await view.push({ type: "click", event: "flip-tags", value: { id: "2" } });
    expect(view.find("#row-2 ol")?.textContent).toBe("cb");

    // a scramble re-sends the rows, in one flat comprehension; their components stay
    await view.element("button", "shuffle").click();
    ids.sort((a, b) => ((a * 7919) % 1009) - ((b * 7919) % 1009));
    expect((view.lastDiff as { 0: { s?: unknown } })[0].s).toBeDefined();
    expectOrder();
    expect(view.find("#badge-2")?.textContent).toBe("badge 2: 1");
    expect(view.find("#row-2 ol")?.textContent).toBe("cb");

    await view.push({ type: "click", event: "remove", value: { id: "2" } });
    ids = ids.filter((id) => id !== 2);
    expectOrder();
    expect(view.has("#badge-2")).toBe(false);

    await view.push({ type: "click", event: "move", value: { from: "0", to: "150", name: "MOVED" } });
    const [first] = ids.splice(0, 1);
    ids.splice(150, 0, first!);
    expectOrder();
    expect(view.find(`#row-${first} .name`)?.textContent).toBe("MOVED");

    await view.element("#badge-3").click();
    expect(view.find("#badge-3")?.textContent).toBe("badge 3: 1");
    view.close();
  });
});
