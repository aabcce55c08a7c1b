/** Island props on the wire: typed values, diffs of changed paths, and their application with shared identity. */
import { describe, expect, it } from "vitest";
import { decodeValue, encodeValue, WireError, type Json } from "../../islands/wire-values.js";
import { diffWire } from "../../islands/props-diff.js";
import { applyOps, share, type Op } from "../../islands/props-patch.js";

/** A small seeded generator, so a failing case can be replayed. */
function rng(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
}

function roundTrip(a: Json, b: Json): Json {
  const ops = diffWire(a, b);
  // what travels is JSON: apply what JSON gives back
  return applyOps(a, JSON.parse(JSON.stringify(ops)) as Op[]);
}

describe("typed values", () => {
  it("encode Date, Map, Set, BigInt, URL and undefined in lists, and decode them to those types", () => {
    const value = {
      at: new Date("2024-05-01T10:00:00.000Z"),
      invalid: new Date(NaN),
      tags: new Set(["a", "b"]),
      byId: new Map<unknown, unknown>([
        [1, { name: "one" }],
        ["k", new Date(0)],
      ]),
      big: 12345678901234567890n,
      site: new URL("https://example.com/a?b=1"),
      holes: [1, undefined, 3],
      skipped: undefined,
      dollar: { $d: "not a date" },
      nested: [{ $o: 1 }],
      proto: JSON.parse('{"__proto__": {"polluted": true}}') as unknown,
    };
    const wire = JSON.parse(JSON.stringify(encodeValue(value))) as Json;
    const back = decodeValue(wire) as typeof value;
    expect(back.at).toBeInstanceOf(Date);
    expect(back.at.toISOString()).toBe("2024-05-01T10:00:00.000Z");
    expect(Number.isNaN(back.invalid.getTime())).toBe(true);
    expect(back.tags).toEqual(new Set(["a", "b"]));
    expect(back.byId).toEqual(value.byId);
    expect(back.big).toBe(12345678901234567890n);
    expect(back.site).toBeInstanceOf(URL);
    expect(back.site.href).toBe("https://example.com/a?b=1");
    expect(back.holes).toEqual([1, undefined, 3]);
    expect("skipped" in back).toBe(false);
    expect(back.dollar).toEqual({ $d: "not a date" });
    expect(back.nested).toEqual([{ $o: 1 }]);
    expect(Object.getPrototypeOf(back.proto)).toBe(Object.prototype);
    expect(Object.keys(back.proto as object)).toEqual(["__proto__"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("refuses what has no wire form, naming where it sits", () => {
    class Point {
      x = 1;
    }
    expect(() => encodeValue({ a: [{ f: () => 1 }] })).toThrow(new WireError("a function cannot cross the wire", ["a", 0, "f"]));
    expect(() => encodeValue({ p: new Point() })).toThrow(/p: a Point instance cannot cross the wire/);
    expect(() => encodeValue({ n: NaN })).toThrow(/n: NaN has no JSON form/);
    expect(() => encodeValue(Symbol("s"))).toThrow(/symbol/);
  });

  it("refuses malformed tags from a browser without crashing", () => {
    for (const bad of [{ $b: "12x" }, { $u: "not a url" }, { $m: 1 }, { $m: [1] }, { $s: "x" }, { $o: [1] }, { $b: "9".repeat(5000) }]) {
      expect(() => decodeValue(bad as unknown as Json), JSON.stringify(bad).slice(0, 40)).toThrow(WireError);
    }
  });

  it("memoizes by identity: an unchanged object encodes to the same JSON object, and decodes to the same value", () => {
    const memo = new WeakMap<object, Json>();
    const row = { id: 1, title: "a" };
    const first = encodeValue({ rows: [row] }, memo) as { rows: Json[] };
    const second = encodeValue({ rows: [row, { id: 2, title: "b" }] }, memo) as { rows: Json[] };
    expect(second.rows[0]).toBe(first.rows[0]);
    const decoded = new WeakMap<object, unknown>();
    const d1 = decodeValue(first, decoded) as { rows: unknown[] };
    const d2 = decodeValue(second, decoded) as { rows: unknown[] };
    expect(d2.rows[0]).toBe(d1.rows[0]);
  });
});

describe("props diffs", () => {
  const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `r${i}`, title: `Row ${i}`, done: false }));

  it("one changed field of a long list is one set at its path", () => {
    const a = { rows: rows(1000), title: "t" };
    const b = { ...a, rows: a.rows.map((r, i) => (i === 517 ? { ...r, done: true } : r)) };
    expect(diffWire(a, b)).toEqual([[0, ["rows", 517, "done"], true]]);
  });

  it("inserting, removing or moving one item matched by id is one operation", () => {
    const a = rows(100);
    const added = { id: "new", title: "New", done: false };
    expect(diffWire(a, [...a.slice(0, 40), added, ...a.slice(40)])).toEqual([[2, [], 40, added]]);
    expect(diffWire(a, [added, ...a])).toEqual([[2, [], 0, added]]);
    expect(diffWire(a, [...a, added])).toEqual([[2, [], 100, added]]);
    expect(diffWire(a, [...a.slice(0, 10), ...a.slice(11)])).toEqual([[3, [], 10, 1]]);
    const moved = [...a.slice(0, 10), ...a.slice(11, 60), a[10]!, ...a.slice(60)];
    expect(diffWire(a, moved)).toHaveLength(1);
    expect(roundTrip(a, moved)).toEqual(moved);
    expect(diffWire(a, [a[99]!, ...a.slice(0, 99)])).toEqual([[4, [], 99, 0]]);
  });

  it("a large reorder is one operation of old indices, and still applies exactly", () => {
    const a = rows(200);
    const b = [...a].reverse();
    const ops = diffWire(a, b);
    expect(ops).toHaveLength(1);
    expect(ops[0]![0]).toBe(5);
    expect(roundTrip(a, b)).toEqual(b);
  });

  it("arrays without ids are diffed by position around their common head and tail", () => {
    expect(diffWire(["a", "b", "c"], ["a", "x", "b", "c"])).toEqual([[2, [], 1, "x"]]);
    expect(diffWire(["a", "b", "c"], ["a", "c"])).toEqual([[3, [], 1, 1]]);
    expect(diffWire({ a: 1, b: 2 }, { b: 3, c: 4 })).toEqual([
      [1, ["a"]],
      [0, ["b"], 3],
      [0, ["c"], 4],
    ]);
  });

  it("applies exactly what it diffed, for random edits (fuzz)", () => {
    const random = rng(7);
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
    const value = (depth: number): Json => {
      const r = random();
      if (depth > 2 || r < 0.3) return pick([1, "s", true, null, 2.5, "t"]);
      if (r < 0.55) return Array.from({ length: Math.floor(random() * 4) }, () => value(depth + 1));
      if (r < 0.75) return Array.from({ length: Math.floor(random() * 6) }, (_, i) => ({ id: i * 10, v: value(depth + 1) }));
      return Object.fromEntries(
        Array.from({ length: Math.floor(random() * 4) }, (_, i) => [pick(["a", "b", "c", "d"]) + i, value(depth + 1)]),
      );
    };
    const edit = (v: Json): Json => {
      if (Array.isArray(v)) {
        const list = v.map((x: Json) => (random() < 0.3 ? edit(x) : x));
        if (random() < 0.3 && list.length) list.splice(Math.floor(random() * list.length), 1);
        if (random() < 0.3) list.splice(Math.floor(random() * (list.length + 1)), 0, pick(v.length ? v : [1]));
        if (random() < 0.2 && list.length > 1) list.reverse();
        if (list.every((x) => typeof x === "object" && x !== null && !Array.isArray(x) && "id" in x) && random() < 0.3) {
          list.push({ id: 1000 + Math.floor(random() * 100), v: value(2) });
        }
        return list;
      }
      if (typeof v === "object" && v !== null) {
        const obj: Record<string, Json> = { ...(v as Record<string, Json>) };
        for (const k of Object.keys(obj)) if (random() < 0.3) obj[k] = edit(obj[k]!);
        if (random() < 0.2) delete obj[Object.keys(obj)[0] ?? ""];
        if (random() < 0.2) obj.z = value(2);
        return obj;
      }
      return random() < 0.5 ? value(1) : v;
    };
    for (let n = 0; n < 3000; n++) {
      const a = value(0);
      const b = edit(a);
      expect(roundTrip(a, b), JSON.stringify([a, b])).toEqual(b);
    }
  });
});

describe("applying diffs", () => {
  it("copies only the changed path: everything else stays the same object", () => {
    const a = {
      rows: [
        { id: 1, tags: ["x"] },
        { id: 2, tags: ["y"] },
      ],
      meta: { n: 1 },
    } as Json;
    const b = applyOps(a, [[0, ["rows", 1, "tags", 0], "z"]]) as typeof a & { rows: Json[]; meta: Json };
    const old = a as typeof b;
    expect(b).not.toBe(a);
    expect(b.rows[0]).toBe(old.rows[0]);
    expect(b.meta).toBe(old.meta);
    expect(b.rows[1]).not.toBe(old.rows[1]);
    expect(old.rows[1]).toEqual({ id: 2, tags: ["y"] });
  });

  it("refuses operations that do not fit the value, leaving it as it was", () => {
    const a = { list: [1, 2] } as Json;
    for (const ops of [[[3, ["list"], 5, 1]], [[1, ["list", 0]]], [[0, ["missing", "x"], 1]], [[9, []]], ["nonsense"]]) {
      expect(() => applyOps(a, ops as unknown as Op[])).toThrow();
    }
    expect(a).toEqual({ list: [1, 2] });
  });

  it("share() keeps the parts of a value sent again whole that did not change", () => {
    const prev = { rows: [{ id: 1 }, { id: 2 }], n: 1 } as Json;
    const next = JSON.parse(JSON.stringify({ rows: [{ id: 1 }, { id: 3 }], n: 1 })) as Json;
    const shared = share(prev, next) as { rows: Json[] };
    expect(shared.rows[0]).toBe((prev as { rows: Json[] }).rows[0]);
    expect(shared).toEqual(next);
    expect(share(prev, JSON.parse(JSON.stringify(prev)) as Json)).toBe(prev);
  });
});
