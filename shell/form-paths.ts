/**
 * Field paths of nested forms: `"links.0.url"` in code, `post[links][0][url]` as an input's
 * name (Plug's bracket rules, which shell/params.ts decodes), `post_links_0_url` as its id.
 */

/** One step of a path: an object's field or a row's index. */
export type Segment = string | number;

const INDEX = /^(0|[1-9]\d{0,8})$/;

/** A canonical row index ("0", "12"; never "01", "-1", "1e3", "__proto__"), else undefined. */
export function indexOf(key: unknown): number | undefined {
  if (typeof key === "number") return Number.isInteger(key) && key >= 0 && key < 1e9 ? key : undefined;
  return typeof key === "string" && INDEX.test(key) ? Number(key) : undefined;
}

/** Paths come from code, a few per form: each is parsed once (bounded, should one come from data). */
const parsed = new Map<string, readonly Segment[]>();
const PARSED_MAX = 1024;

/** `"links.0.url"` → `["links", 0, "url"]`; `""` → `[]`. */
export function parsePath(path: string): readonly Segment[] {
  let segments = parsed.get(path);
  if (segments === undefined) {
    segments = Object.freeze(path === "" ? [] : path.split(".").map((part) => indexOf(part) ?? part));
    if (parsed.size >= PARSED_MAX) parsed.clear();
    parsed.set(path, segments);
  }
  return segments;
}

/** The key of `errors`: a schema issue's path or parsed segments, joined with dots. */
export function pathKey(segments: readonly PropertyKey[]): string {
  return segments.map(String).join(".");
}

/** `post` + `["links", 0, "url"]` → `post[links][0][url]`; without a form name the first segment leads. */
export function nameFor(form: string, segments: readonly Segment[]): string {
  let name = form;
  for (const seg of segments) name = name ? `${name}[${seg}]` : String(seg);
  return name;
}

/** `post_links_0_url`, plus `_<option>` for one checkbox of a group (characters an id cannot hold become `_`). */
export function idFor(form: string, segments: readonly Segment[], option?: string): string {
  const parts = form ? [form, ...segments] : [...segments];
  if (option !== undefined) parts.push(option.replace(/[^A-Za-z0-9_-]/g, "_"));
  return parts.join("_");
}

/** The value at a path of a values tree (own properties only), or undefined. */
export function lookup(tree: unknown, segments: readonly Segment[]): unknown {
  let node = tree;
  for (const seg of segments) {
    if (Array.isArray(node)) node = typeof seg === "number" ? node[seg] : undefined;
    else if (typeof node === "object" && node !== null && Object.hasOwn(node, String(seg)))
      node = (node as Record<string, unknown>)[String(seg)];
    else return undefined;
  }
  return node;
}
