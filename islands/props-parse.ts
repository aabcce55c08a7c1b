/**
 * Validating island props again after a change, at the cost of what changed: every object
 * the schema has parsed is remembered by identity (per schema), so an unchanged row of a
 * 1,000-row list is not parsed again. Objects and arrays without refinements are walked
 * here, member by member and item by item; any other schema (unions, transforms, checks on
 * a whole object or list) parses its value whole, remembered too. Inputs are taken as
 * immutable, as a view's assigns are: a changed value is a new object.
 *
 * The outputs it returns for unchanged inputs are the same objects as before, so encoding
 * them (wire-values.ts, memoized) gives the same JSON, which the diff skips.
 */
import type { IslandSchema } from "./contract.js";

type Result = { readonly ok: true; readonly value: unknown } | { readonly ok: false };

// per schema: what each input object parsed to (a failed parse is not remembered)
const parsed = new WeakMap<IslandSchema, WeakMap<object, unknown>>();

interface Def {
  readonly type: string;
  readonly checks?: readonly unknown[];
  readonly shape?: Record<string, IslandSchema>;
  readonly catchall?: IslandSchema;
  readonly element?: IslandSchema;
  readonly innerType?: IslandSchema;
}

function defOf(schema: IslandSchema): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** The last input parsed for a slot and its output: members of the same value (primitives too) are not parsed again. */
export interface Previous {
  readonly input: unknown;
  readonly output: unknown;
}

/**
 * Parses `input` with `schema`, reusing what unchanged parts parsed to. On failure, the
 * caller parses whole for the issues (the rare path keeps zod's own messages).
 */
export function parseProps(schema: IslandSchema, input: unknown, prev?: Previous): Result {
  return parse(schema, input, prev);
}

function parse(schema: IslandSchema, input: unknown, prev?: Previous): Result {
  const memo = typeof input === "object" && input !== null ? parsed.get(schema) : undefined;
  if (memo?.has(input as object)) return { ok: true, value: memo.get(input as object) };
  const def = defOf(schema);
  let result: Result;
  if (def.type === "object" && !def.checks?.length && def.catchall === undefined && def.shape && isPlainObject(input)) {
    const out: Record<string, unknown> = {};
    result = { ok: true, value: out };
    const before =
      isPlainObject(prev?.input) && isPlainObject(prev.output)
        ? (prev as { input: Record<string, unknown>; output: Record<string, unknown> })
        : undefined;
    for (const [key, member] of Object.entries(def.shape)) {
      if (before && Object.hasOwn(before.input, key) === Object.hasOwn(input, key) && before.input[key] === input[key]) {
        if (Object.hasOwn(before.output, key)) out[key] = before.output[key];
        continue;
      }
      const r = parse(member, input[key]);
      if (!r.ok) return r;
      // as zod: a member the input lacks stays absent when it parses to undefined
      if (r.value !== undefined || Object.hasOwn(input, key)) out[key] = r.value;
    }
  } else if (def.type === "array" && !def.checks?.length && def.element && Array.isArray(input)) {
    const out: unknown[] = [];
    result = { ok: true, value: out };
    for (const item of input) {
      const r = parse(def.element, item);
      if (!r.ok) return r;
      out.push(r.value);
    }
  } else if ((def.type === "optional" || def.type === "nullable") && def.innerType && input !== undefined && input !== null) {
    result = parse(def.innerType, input);
  } else {
    const r = schema.safeParse(input);
    result = r.success ? { ok: true, value: r.data } : { ok: false };
  }
  if (result.ok && typeof input === "object" && input !== null) {
    let map = parsed.get(schema);
    if (!map) parsed.set(schema, (map = new WeakMap()));
    map.set(input, result.value);
  }
  return result;
}
