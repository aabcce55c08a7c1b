/**
 * Decodes form payloads (application/x-www-form-urlencoded, as the client sends them) with
 * Plug's bracket rules: `user[name]=a` → { user: { name: "a" } }, `tags[]=a&tags[]=b` →
 * { tags: ["a", "b"] }; query strings decode the same way. Untrusted input: keys that could reach a prototype are dropped, and
 * sizes are bounded, so a crafted payload is inert. Also the values of client events by
 * binding type (`decodeEventValue`).
 */

export type FormValue = string | FormValue[] | FormParams;
export interface FormParams {
  [key: string]: FormValue;
}

export const PARAM_LIMITS = { pairs: 1000, depth: 8, keyLength: 256 };

const FORBIDDEN = new Set(["__proto__", "constructor", "prototype"]);

function parseKey(key: string): string[] | null {
  if (key.length === 0 || key.length > PARAM_LIMITS.keyLength) return null;
  const open = key.indexOf("[");
  if (open <= 0) return [key];
  const parts = [key.slice(0, open)];
  let rest = key.slice(open);
  while (rest.length > 0) {
    if (rest[0] !== "[") return null;
    const close = rest.indexOf("]");
    if (close < 0) return null;
    parts.push(rest.slice(1, close));
    rest = rest.slice(close + 1);
    if (parts.length > PARAM_LIMITS.depth) return null;
  }
  return parts;
}

function put(target: FormParams, path: string[], value: string): void {
  let node: FormParams | FormValue[] = target;
  for (let i = 0; i < path.length; i++) {
    const key = path[i]!;
    const last = i === path.length - 1;
    if (FORBIDDEN.has(key)) return;
    if (Array.isArray(node)) {
      // only `[]` may follow a list
      if (key !== "") return;
      if (last) node.push(value);
      else {
        const next = path[i + 1]!;
        const child: FormParams | FormValue[] = next === "" ? [] : {};
        node.push(child);
        node = child;
      }
      continue;
    }
    if (key === "") return; // `[]` on an object: malformed
    if (last) {
      node[key] = value;
      return;
    }
    const wantList = path[i + 1] === "";
    const existing: FormValue | undefined = Object.hasOwn(node, key) ? node[key] : undefined;
    if (wantList ? Array.isArray(existing) : typeof existing === "object" && existing !== null && !Array.isArray(existing)) {
      node = existing as FormParams | FormValue[];
    } else {
      const child: FormParams | FormValue[] = wantList ? [] : {};
      node[key] = child;
      node = child;
    }
  }
}

/** Decodes a urlencoded string; malformed pairs are skipped, never thrown. */
export function decodeForm(encoded: string): FormParams {
  return typeof encoded === "string" && encoded.length > 0 ? decodePairs(new URLSearchParams(encoded)) : {};
}

function decodePairs(pairs: URLSearchParams): FormParams {
  const result: FormParams = {};
  let n = 0;
  for (const [key, value] of pairs) {
    if (++n > PARAM_LIMITS.pairs) break;
    const path = parseKey(key);
    if (path) put(result, path, value);
  }
  return result;
}

/** A flat copy of plain event values (click, key, focus): strings and numbers kept, objects dropped unless from a hook. */
export function sanitizeValue(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== "object") return value;
  if (depth > PARAM_LIMITS.depth) return undefined;
  if (Array.isArray(value)) return value.slice(0, PARAM_LIMITS.pairs).map((v) => sanitizeValue(v, depth + 1));
  const out: Record<string, unknown> = {};
  let n = 0;
  for (const key of Object.keys(value)) {
    if (FORBIDDEN.has(key)) continue;
    if (++n > PARAM_LIMITS.pairs) break;
    out[key] = sanitizeValue((value as Record<string, unknown>)[key], depth + 1);
  }
  return out;
}

/** A URL's query string as params, with the same bracket rules and guards as forms. */
export function queryParams(url: URL): FormParams {
  return decodePairs(url.searchParams);
}

/**
 * Event values by type: forms arrive urlencoded (decoded with bracket rules, meta merged
 * in, `_target` as the changed field's name); other types are objects (phx-value-*, key,
 * hook payloads). Returns undefined for a value of the wrong shape.
 */
export function decodeEventValue(type: string, value: unknown, meta: unknown): Record<string, unknown> | undefined {
  if (type === "form") {
    if (typeof value !== "string") return undefined;
    const params: Record<string, unknown> = decodeForm(value);
    if (typeof meta === "object" && meta !== null && !Array.isArray(meta)) {
      const m = sanitizeValue(meta) as Record<string, unknown>;
      for (const key of Object.keys(m)) if (!(key in params)) params[key] = m[key];
    }
    return params;
  }
  if (value === undefined || value === null) return {};
  if (typeof value !== "object" || Array.isArray(value)) return type === "hook" ? { value: sanitizeValue(value) } : undefined;
  return sanitizeValue(value) as Record<string, unknown>;
}
