/**
 * shell/params.ts: urlencoded form payloads with Plug's bracket rules, their limits against
 * crafted input, and client event values by binding type. (Query strings through the
 * router: router.test.ts.)
 */
import { describe, expect, it } from "vitest";
import { decodeEventValue, decodeForm, PARAM_LIMITS, sanitizeValue } from "../../shell/params.js";

const encode = (pairs: [string, string][]) => new URLSearchParams(pairs).toString();

describe("decodeForm", () => {
  it("nests bracketed keys into objects and lists, rows included", () => {
    expect(decodeForm("user%5Bname%5D=Ada&user%5Btags%5D%5B%5D=a&user%5Btags%5D%5B%5D=b&q=1")).toEqual({
      user: { name: "Ada", tags: ["a", "b"] },
      q: "1",
    });
    expect(decodeForm(encode([["rows[][url]", "x"]]))).toEqual({ rows: [{ url: "x" }] });
    expect(
      decodeForm(
        encode([
          ["a[b][c]", "1"],
          ["a[b][d]", "2"],
        ]),
      ),
    ).toEqual({ a: { b: { c: "1", d: "2" } } });
  });

  it("skips malformed pairs instead of throwing", () => {
    expect(
      decodeForm(
        encode([
          ["a[b", "1"],
          ["a[b]c", "2"],
          ["a]b[", "3"],
          ["ok", "4"],
        ]),
      ),
    ).toEqual({ ok: "4" });
    // a key given two shapes (an object, then a list) keeps the last
    expect(
      decodeForm(
        encode([
          ["a[x]", "1"],
          ["a[]", "2"],
          ["l[]", "3"],
          ["l[y]", "4"],
        ]),
      ),
    ).toEqual({ a: ["2"], l: { y: "4" } });
    expect(decodeForm("")).toEqual({});
    expect(decodeForm(undefined as unknown as string)).toEqual({});
  });

  it("drops keys that would reach a prototype", () => {
    const params = decodeForm(
      encode([
        ["__proto__[polluted]", "1"],
        ["a[constructor][prototype][x]", "1"],
        ["ok", "1"],
      ]),
    );
    expect(params).toEqual({ a: {}, ok: "1" });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("bounds pairs, depth and key length", () => {
    const many = decodeForm(encode(Array.from({ length: PARAM_LIMITS.pairs + 50 }, (_, i): [string, string] => [`k${i}`, "v"])));
    expect(Object.keys(many)).toHaveLength(PARAM_LIMITS.pairs);
    const deep = (n: number) => "a" + "[b]".repeat(n);
    expect(decodeForm(encode([[deep(PARAM_LIMITS.depth - 1), "kept"]]))).not.toEqual({});
    expect(decodeForm(encode([[deep(PARAM_LIMITS.depth), "dropped"]]))).toEqual({});
    expect(decodeForm(encode([["k".repeat(PARAM_LIMITS.keyLength + 1), "v"]]))).toEqual({});
  });
});

describe("decodeEventValue", () => {
  it("decodes form events and merges the client's meta without overriding form fields", () => {
    expect(decodeEventValue("form", "user%5Bname%5D=Ada&x=form", { _target: "user[name]", x: "meta" })).toEqual({
      user: { name: "Ada" },
      x: "form",
      _target: "user[name]",
    });
    expect(decodeEventValue("form", { not: "urlencoded" }, {})).toBeUndefined();
  });

  it("keeps other events' values as plain objects, and refuses values of the wrong shape", () => {
    expect(decodeEventValue("click", { id: "7", n: 2 }, undefined)).toEqual({ id: "7", n: 2 });
    expect(decodeEventValue("click", null, undefined)).toEqual({});
    expect(decodeEventValue("click", "text", undefined)).toBeUndefined();
    expect(decodeEventValue("click", [1, 2], undefined)).toBeUndefined();
    // a hook may push any JSON value: wrapped
    expect(decodeEventValue("hook", [1, 2], undefined)).toEqual({ value: [1, 2] });
  });
});

describe("sanitizeValue", () => {
  it("copies plain values without prototype keys, and cuts what nests too deep", () => {
    const hostile = JSON.parse('{"__proto__":{"polluted":1},"a":{"constructor":1,"b":[1,"2"]}}');
    expect(sanitizeValue(hostile)).toEqual({ a: { b: [1, "2"] } });
    let deep: unknown = "leaf";
    for (let i = 0; i < PARAM_LIMITS.depth + 3; i++) deep = { d: deep };
    expect(JSON.stringify(sanitizeValue(deep))).not.toContain("leaf");
  });
});
