/** each() round trips: random sequences of list edits, read back by both wire readers, give the fresh render's HTML. */
import { describe, expect, it } from "vitest";
import { each, html } from "../../shell/index.js";
import { diffTemplate, renderHtml, type NodeState } from "../../shell/diff.js";
import { RenderedTree } from "../../shell/testing/index.js";
import { OfficialTree } from "../support/official-rendered.js";
import { ctx, noComponents } from "../support/keyed-wire.js";

/** mulberry32: a small seeded generator, so a failing sequence can be replayed. */
function generator(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n) => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

interface Item {
  id: number;
  name: string;
  done: boolean;
  /** Rendered by another template: a list mixing both has no shared statics. */
  alt: boolean;
  tags: string[];
}

const itemView = (items: Item[]) =>
  html`<section><h1>${items.length}</h1><ul>${each(
    items,
    (i) => i.id,
    (i) =>
      i.alt
        ? html`<li class="alt" id="item-${i.id}">${i.name}</li>`
        : html`<li id="item-${i.id}">${i.done ? html`<s>${i.name}</s>` : i.name}<span>${each(
            i.tags,
            (t) => t,
            (t) => html`<b>${t}</b>`,
          )}</span></li>`,
  )}</ul></section>`;

/** One random list operation; returns the new list (never the same array). */
function step(items: Item[], rnd: (n: number) => number, fresh: () => number): Item[] {
  const next = items.slice();
  const at = () => rnd(next.length);
  const item = (): Item => ({ id: fresh(), name: `n${rnd(5)}`, done: false, alt: false, tags: [] });
  const edit = (f: (i: Item) => Item) => {
    if (next.length > 0) {
      const i = at();
      next[i] = f(next[i]!);
    }
  };
  switch (rnd(13)) {
    case 0:
      next.splice(rnd(next.length + 1), 0, item());
      break;
    case 1:
      next.unshift(item(), item());
      break;
    case 2:
      next.push(item());
      break;
    case 3:
    case 4:
      if (next.length > 0) next.splice(at(), 1);
      break;
    case 5:
      if (next.length > 0) next.splice(rnd(next.length), 0, next.splice(at(), 1)[0]!);
      break;
    case 6:
      next.reverse();
      break;
    case 7:
      for (let i = next.length - 1; i > 0; i--) {
        const j = rnd(i + 1);
        [next[i], next[j]] = [next[j]!, next[i]!];
      }
      break;
    case 8:
      edit((i) => ({ ...i, name: `n${rnd(5)}`, done: rnd(2) === 1 }));
      // and move it
      if (next.length > 1) next.splice(at(), 0, next.splice(at(), 1)[0]!);
      break;
    case 9:
      edit((i) => ({
        ...i,
        tags: rnd(2) ? [...i.tags, `t${rnd(6)}`].filter((t, k, all) => all.indexOf(t) === k) : i.tags.slice().reverse(),
      }));
      break;
    case 10:
      edit((i) => ({ ...i, alt: rnd(4) === 0 }));
      break;
    case 11:
      return rnd(3) === 0 ? [] : next;
    case 12:
      edit((i) => ({ ...i, tags: i.tags.slice(1) }));
      break;
  }
  return next;
}

describe("each() round trip", () => {
  it("any sequence of list operations, applied by both wire readers, gives the fresh render's HTML", () => {
    for (let seed = 1; seed <= 40; seed++) {
      const rnd = generator(seed);
      let id = 0;
      const fresh = () => ++id;
      let items: Item[] = [];
      let state: NodeState | undefined;
      let mine: RenderedTree | undefined;
      let official: OfficialTree | undefined;
      for (let n = 0; n < 60; n++) {
        items = n === 0 ? items : step(items, rnd, fresh);
        const { diff, state: next } = diffTemplate(itemView(items), state, ctx);
        state = next;
        const where = `seed ${seed}, step ${n}`;
        if (!mine || !official) {
          mine = new RenderedTree("v");
          mine.merge(structuredClone(diff!));
          official = new OfficialTree("v", diff!);
        } else if (diff) {
          mine.merge(JSON.parse(JSON.stringify(diff)));
          official.merge(diff);
        }
        const expected = renderHtml(itemView(items), noComponents);
        expect(mine.toHtml().html, where).toBe(expected);
        expect(official.html(), where).toBe(expected);
        expect(new OfficialTree("v", diffTemplate(itemView(items), undefined, ctx).diff!).html(), where).toBe(expected);
        // the same list again sends nothing
        const again = diffTemplate(itemView(items.map((i) => ({ ...i }))), state, ctx);
        expect(again.diff, where).toBeNull();
        state = again.state;
      }
    }
  });
});

/** One random operation on a long list: the edits a table or feed sees, large and small. */
function bigStep(items: Item[], rnd: (n: number) => number, fresh: () => number): Item[] {
  let next = items.slice();
  const item = (): Item => ({ id: fresh(), name: `n${rnd(9)}`, done: rnd(4) === 0, alt: rnd(40) === 0, tags: rnd(3) ? [] : ["t1"] });
  const many = (k: number) => Array.from({ length: k }, item);
  const at = (extra = 0) => rnd(next.length + extra);
  const block = () => {
    const from = at();
    return next.splice(from, 1 + rnd(Math.min(100, next.length - from)));
  };
  switch (rnd(16)) {
    case 0:
    case 1:
      next.unshift(item());
      break;
    case 2:
      next.unshift(...many(1 + rnd(40)));
      break;
    case 3:
      next.push(...many(1 + rnd(80)));
      break;
    case 4:
      next.splice(at(1), 0, ...many(1 + rnd(70)));
      break;
    case 5:
      if (next.length > 0) next.splice(at(), 1);
      break;
    case 6:
      if (next.length > 0) block();
      break;
    case 7:
      if (next.length > 0) {
        const moved = block();
        next.splice(at(1), 0, ...moved);
      }
      break;
    case 8:
      next.reverse();
      break;
    case 9:
      if (rnd(3) === 0) for (let i = next.length - 1; i > 0; i--) swap(next, i, rnd(i + 1));
      else for (let k = 0; k < 1 + rnd(4) && next.length > 1; k++) swap(next, at(), at());
      break;
    case 10:
      for (let k = 0; k < 1 + rnd(5) && next.length > 0; k++) {
        const i = at();
        const it = next[i]!;
        next[i] = {
          ...it,
          name: `n${rnd(9)}`,
          done: !it.done,
          alt: rnd(30) === 0,
          tags: rnd(2) ? [...it.tags, `t${rnd(4)}`].filter(uniq) : it.tags.slice().reverse(),
        };
      }
      break;
    case 11:
      next.sort((a, b) => a.name.localeCompare(b.name));
      break;
    case 12:
      next = [...next.slice(next.length - rnd(next.length + 1)), ...next].filter(uniqId);
      break;
    case 13:
      if (rnd(6) === 0) next = rnd(2) ? [] : many(rnd(3000));
      break;
    case 14:
      // a run of prepends, as a feed gets them
      return next;
    case 15:
      next = next.filter(() => rnd(10) !== 0);
      break;
  }
  return next.length > 3000 ? next.slice(0, 2000 + rnd(1000)) : next;
}

const swap = (list: Item[], i: number, j: number) => ([list[i], list[j]] = [list[j]!, list[i]!]);
const uniq = (t: string, k: number, all: string[]) => all.indexOf(t) === k;
function uniqId(this: void, i: Item, k: number, all: Item[]) {
  return all.findIndex((x) => x.id === i.id) === k;
}

/** The list slot's wire, and what shape it shows: a tree whole or changed, flat whole, how deep. */
function shapeOf(diff: Record<string, unknown> | null): string[] {
  const slot = (diff as { 1?: Record<string, any> } | null)?.[1];
  if (typeof slot !== "object" || slot === null) return [];
  const seen: string[] = [];
  const depth = (node: Record<string, any>): number => {
    const entries = Object.entries(node.k ?? {}).filter(([i]) => /^\d+$/.test(i));
    const nested = entries.map(([, e]) => (Array.isArray(e) ? e[1] : e)).filter((e) => typeof e === "object" && e?.[0]?.k);
    if (entries.some(([, e]) => Array.isArray(e) || typeof e === "number") && nested.length > 0) seen.push("group moves");
    return 1 + Math.max(0, ...nested.map((e) => depth(e[0])));
  };
  const d = depth(slot);
  if (slot.s) seen.push(d > 1 ? "tree whole" : "flat whole");
  else if (d > 1) seen.push("tree diff");
  if (d > 2) seen.push("three levels");
  return seen;
}

describe("each() round trip, long lists", () => {
  it("any sequence of operations on lists of up to 3,000 rows, in either shape, gives the fresh render's HTML", () => {
    const seen = new Set<string>();
    for (let seed = 1; seed <= 12; seed++) {
      const rnd = generator(seed * 7919);
      let id = 0;
      const fresh = () => ++id;
      let items: Item[] = Array.from({ length: rnd(3001) }, () => ({ id: fresh(), name: `n${rnd(9)}`, done: false, alt: false, tags: [] }));
      let state: NodeState | undefined;
      let mine: RenderedTree | undefined;
      let official: OfficialTree | undefined;
      for (let n = 0; n < 40; n++) {
        items = n === 0 ? items : bigStep(items, rnd, fresh);
        const { diff, state: next } = diffTemplate(itemView(items), state, ctx);
        state = next;
        for (const s of shapeOf(diff)) seen.add(s);
        const where = `seed ${seed}, step ${n}, ${items.length} rows`;
        if (!mine || !official) {
          mine = new RenderedTree("v");
          mine.merge(structuredClone(diff!));
          official = new OfficialTree("v", diff!);
        } else if (diff) {
          mine.merge(JSON.parse(JSON.stringify(diff)));
          official.merge(diff);
        }
        const expected = renderHtml(itemView(items), noComponents);
        expect(official.html(), where).toBe(expected);
        expect(mine.toHtml().html, where).toBe(expected);
        const again = diffTemplate(itemView(items.map((i) => ({ ...i }))), state, ctx);
        expect(again.diff, where).toBeNull();
        state = again.state;
      }
    }
    expect([...seen].sort()).toEqual(["flat whole", "group moves", "three levels", "tree diff", "tree whole"]);
  });
});

/** Renders each list in turn, checking both wire readers against the fresh HTML; returns the diffs. */
function roundTrip(lists: Item[][]): (Record<string, unknown> | null)[] {
  let state: NodeState | undefined;
  let mine: RenderedTree | undefined;
  let official: OfficialTree | undefined;
  return lists.map((items, n) => {
    const { diff, state: next } = diffTemplate(itemView(items), state, ctx);
    state = next;
    if (!mine || !official) {
      mine = new RenderedTree("v");
      mine.merge(structuredClone(diff!));
      official = new OfficialTree("v", diff!);
    } else if (diff) {
      mine.merge(JSON.parse(JSON.stringify(diff)));
      official.merge(diff);
    }
    const expected = renderHtml(itemView(items), noComponents);
    expect(official.html(), `step ${n}`).toBe(expected);
    expect(mine.toHtml().html, `step ${n}`).toBe(expected);
    return diff;
  });
}

const plainItems = (from: number, count: number): Item[] =>
  Array.from({ length: count }, (_, k) => ({ id: from + k, name: `n${from + k}`, done: false, alt: false, tags: [] }));

describe("each() as a tree, growing in one place", () => {
  it("splits the chunks and then the group that inserts pile up in, sending each insert without a rebuild", () => {
    const lists = [plainItems(1, 2500)];
    for (let k = 0; k < 60; k++) {
      const prev = lists[lists.length - 1]!;
      lists.push([...prev.slice(0, 300), ...plainItems(10_000 + k * 40, 40), ...prev.slice(300)]);
    }
    const diffs = roundTrip(lists).slice(1) as { 1: { s?: unknown; k: Record<string, { 0: { k: { kc: number } } }> } }[];
    // 40 rows of ~45 B each, and the indexes of the chunk and group they went to
    for (const d of diffs) expect(JSON.stringify(d).length).toBeLessThan(2_400);
    expect(diffs.some((d) => d[1].s)).toBe(false);
    // a group past 64 entries splits: its entry count (the second level's kc) drops back
    const widths = diffs.map((d) => Math.max(...Object.values(d[1].k).map((e) => (Array.isArray(e) ? e[1] : e)?.[0]?.k?.kc ?? 0)));
    expect(Math.max(...widths)).toBeLessThanOrEqual(65);
  });

  it("rebuilds a list whose top level grew too wide, once, one level deeper", () => {
    const lists = [plainItems(1, 100)];
    for (let k = 0; k < 140; k++) lists.push([...plainItems(10_000 + k * 33, 33), ...lists[lists.length - 1]!]);
    const diffs = roundTrip(lists).slice(1) as { 1: { s?: unknown } }[];
    const rebuilds = diffs.flatMap((d, k) => (d[1].s ? [k] : []));
    expect(rebuilds.length).toBe(1);
    // each block of 33 prepended rows became chunks of their own at the top, until it held 256 entries
    expect(rebuilds[0]).toBeGreaterThan(100);
    expect(shapeOf(diffs[rebuilds[0]!] as Record<string, unknown>)).toContain("three levels");
    for (const d of diffs.slice(rebuilds[0]! + 1)) expect(JSON.stringify(d).length).toBeLessThan(2_000);
  });
});
