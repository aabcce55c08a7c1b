/**
 * Values between a live view and its islands, as JSON that keeps their types: what zod
 * schemas produce beyond JSON (Date, Map, Set, BigInt, URL, undefined in a list) travels as
 * a one-key object tagged with `$`, so `z.date()` props arrive as Dates, not strings.
 *
 *   Date  {"$d": "2024-05-01T10:00:00.000Z"}   Map  {"$m": [[key, value], ...]}
 *   Set   {"$s": [value, ...]}                  BigInt {"$b": "12345678901234567890"}
 *   URL   {"$u": "https://example.com/"}        undefined in an array {"$x": 0}
 *   a plain object whose only key starts with "$" {"$o": {...}} (so no data passes for a tag)
 *
 * Anything else (functions, symbols, class instances) is refused with the path it sits at.
 * Both directions can memoize by object identity: an unchanged object then encodes (and
 * decodes) to the very same object, which is what lets diffs skip it and React.memo keep it.
 * Memoized values are taken as immutable, as a view's assigns are.
 *
 * Browser-safe: the hooks decode with it, the server encodes with it.
 */

/** JSON, as JSON.parse returns it. */
export type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

/** What an island contract's values may be made of (checked at compile time by defineIsland). */
export type WireValue =
  | string
  | number
  | boolean
  | null
  | undefined
  | bigint
  | Date
  | URL
  | ReadonlyMap<WireValue, WireValue>
  | ReadonlySet<WireValue>
  | readonly WireValue[]
  | { readonly [key: string]: WireValue };

/** A value that cannot cross the wire, with where it sits. */
export class WireError extends TypeError {
  constructor(
    message: string,
    readonly path: readonly (string | number)[],
  ) {
    super(path.length ? `${path.join(".")}: ${message}` : message);
    this.name = "WireError";
  }
}

const TAGS = new Set(["$d", "$m", "$s", "$b", "$u", "$x", "$o"]);

function isPlain(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Sets an own property, also one named `__proto__` (assignment would set the prototype). */
export function defineKey(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  else target[key] = value;
}

/**
 * `value` as typed JSON; throws a WireError for what has no wire form. With `memo`, an object
 * encoded before (and not mutated since) is not encoded again: the same JSON object comes back.
 */
export function encodeValue(value: unknown, memo?: WeakMap<object, Json>): Json {
  return encode(value, [], memo);
}

function encode(value: unknown, path: (string | number)[], memo: WeakMap<object, Json> | undefined): Json {
  switch (typeof value) {
    case "string":
    case "boolean":
      return value;
    case "number":
      if (!Number.isFinite(value)) throw new WireError(`${value} has no JSON form`, path);
      return value;
    case "bigint":
      return { $b: value.toString() };
    case "undefined":
      return { $x: 0 };
    case "object":
      break;
    default:
      throw new WireError(`a ${typeof value} cannot cross the wire`, path);
  }
  if (value === null) return null;
  const known = memo?.get(value);
  if (known !== undefined) return known;
  let out: Json;
  if (Array.isArray(value)) {
    out = value.map((v, i) => encode(v, [...path, i], memo));
  } else if (value instanceof Date) {
    out = { $d: Number.isNaN(value.getTime()) ? null : value.toISOString() };
  } else if (value instanceof Map) {
    out = { $m: [...value].map(([k, v], i) => [encode(k, [...path, i, 0], memo), encode(v, [...path, i, 1], memo)]) };
  } else if (value instanceof Set) {
    out = { $s: [...value].map((v, i) => encode(v, [...path, i], memo)) };
  } else if (value instanceof URL) {
    out = { $u: value.href };
  } else if (isPlain(value)) {
    const obj: Record<string, Json> = {};
    let keys = 0;
    let only = "";
    for (const [k, v] of Object.entries(value)) {
      // an object's undefined member is no member, as in JSON
      if (v === undefined) continue;
      defineKey(obj, k, encode(v, [...path, k], memo));
      keys++;
      only = k;
    }
    out = keys === 1 && only.startsWith("$") ? { $o: obj } : obj;
  } else {
    const name = (value as { constructor?: { name?: string } }).constructor?.name ?? "object";
    throw new WireError(`a ${name} instance cannot cross the wire (plain objects, arrays, Date, Map, Set, URL and BigInt can)`, path);
  }
  memo?.set(value, out);
  return out;
}

/**
 * Decodes typed JSON. `memo` maps encoded objects to what they decoded to: with the same
 * memo, an encoded object met again (unchanged by a diff) decodes to the same value. A
 * malformed tag (JSON from a browser is untrusted) throws a WireError.
 */
export function decodeValue(value: Json, memo: WeakMap<object, unknown> = new WeakMap()): unknown {
  if (typeof value !== "object" || value === null) return value;
  const known = memo.get(value);
  if (known !== undefined || memo.has(value)) return known;
  let out: unknown;
  if (Array.isArray(value)) {
    out = value.map((v: Json) => decodeValue(v, memo));
  } else {
    const keys = Object.keys(value);
    const tag = keys.length === 1 && TAGS.has(keys[0]!) ? keys[0]! : undefined;
    const inner = tag ? (value as Record<string, Json>)[tag]! : undefined;
    switch (tag) {
      case "$d":
        out = new Date(typeof inner === "string" ? inner : NaN);
        break;
      case "$m":
        out = new Map(
          list(inner).map((entry) => {
            const [k, v] = list(entry);
            return [decodeValue(k ?? null, memo), decodeValue(v ?? null, memo)];
          }),
        );
        break;
      case "$s":
        out = new Set(list(inner).map((v) => decodeValue(v, memo)));
        break;
      case "$b":
        out = typeof inner === "string" && /^-?\d{1,4000}$/.test(inner) ? BigInt(inner) : malformed(tag);
        break;
      case "$u":
        out = typeof inner === "string" && URL.canParse(inner) ? new URL(inner) : malformed(tag);
        break;
      case "$x":
        out = undefined;
        break;
      default: {
        if (tag === "$o" && (typeof inner !== "object" || inner === null || Array.isArray(inner))) malformed(tag);
        const source = (tag === "$o" ? inner : value) as Record<string, Json>;
        const obj: Record<string, unknown> = {};
        for (const k of Object.keys(source)) defineKey(obj, k, decodeValue(source[k]!, memo));
        out = obj;
      }
    }
  }
  memo.set(value, out);
  return out;
}

function list(value: Json | undefined): readonly Json[] {
  return Array.isArray(value) ? value : malformed("list");
}

function malformed(tag: string): never {
  throw new WireError(`malformed ${tag} value`, []);
}
