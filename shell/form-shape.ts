/**
 * The structure of a form, read once from its schema: which fields are text, which are
 * lists of strings (checkbox groups, multi-selects), which are nested objects and which are
 * rows (arrays of objects, `inputs_for`). It decides how params are read and how the
 * schema's issue paths map to fields.
 *
 * Zod 4 schemas are read through `_zod.def`, the introspection zod documents for library
 * authors; any other schema with a `shape` counts as an object of text fields.
 */
import { PARAM_LIMITS } from "./params.js";
import type { Segment } from "./form-paths.js";

export type Shape = ValueShape | ListShape | ObjectShape | RowsShape;
export interface ValueShape {
  readonly kind: "value";
}
export interface ListShape {
  readonly kind: "list";
}
export interface ObjectShape {
  readonly kind: "object";
  readonly fields: ReadonlyMap<string, Shape>;
}
export interface RowsShape {
  readonly kind: "rows";
  readonly row: ObjectShape;
}

const VALUE: ValueShape = { kind: "value" };
const LIST: ListShape = { kind: "list" };

/** Wrappers whose params look like the wrapped schema's. */
const WRAPPERS = new Set(["optional", "nullable", "default", "prefault", "catch", "readonly", "nonoptional"]);

interface Def {
  type?: unknown;
  innerType?: unknown;
  in?: unknown;
  element?: unknown;
  shape?: unknown;
  getter?: unknown;
}

function defOf(schema: unknown): Def | undefined {
  const zod = typeof schema === "object" && schema !== null ? (schema as { _zod?: { def?: unknown } })._zod : undefined;
  const def = zod?.def;
  return typeof def === "object" && def !== null ? (def as Def) : undefined;
}

/** What the params of `schema` look like, unwrapping optional/default/pipe/lazy; deep or recursive schemas end in text fields. */
export function readShape(schema: unknown, depth = 0): Shape {
  if (depth > PARAM_LIMITS.depth) return VALUE;
  const def = defOf(schema);
  if (!def) {
    const shape = typeof schema === "object" && schema !== null ? (schema as { shape?: unknown }).shape : undefined;
    return typeof shape === "object" && shape !== null ? objectShape(shape, depth) : VALUE;
  }
  const type = def.type;
  if (typeof type === "string" && WRAPPERS.has(type)) return readShape(def.innerType, depth + 1);
  if (type === "pipe") return readShape(def.in, depth + 1);
  if (type === "lazy" && typeof def.getter === "function") return readShape((def.getter as () => unknown)(), depth + 1);
  if (type === "object" && typeof def.shape === "object" && def.shape !== null) return objectShape(def.shape, depth);
  if (type === "array") {
    const element = readShape(def.element, depth + 1);
    return element.kind === "object" ? { kind: "rows", row: element } : LIST;
  }
  return VALUE;
}

function objectShape(shape: object, depth: number): ObjectShape {
  const fields = new Map<string, Shape>();
  for (const key of Object.keys(shape)) fields.set(key, readShape((shape as Record<string, unknown>)[key], depth + 1));
  return { kind: "object", fields };
}

/** The shape at a path (a row index steps into a row), or undefined where the path leaves the form. */
export function shapeAt(shape: Shape, segments: readonly Segment[]): Shape | undefined {
  let node: Shape | undefined = shape;
  for (const seg of segments) {
    if (node?.kind === "object") node = node.fields.get(String(seg));
    else if (node?.kind === "rows" && typeof seg === "number") node = node.row;
    else return undefined;
  }
  return node;
}

/**
 * The field an issue belongs to: its path, cut where a list or a text field begins, so an
 * issue about the second tag (`["tags", 1]`) shows under the checkbox group (`tags`).
 */
export function issueField(shape: Shape, path: readonly PropertyKey[]): PropertyKey[] {
  let node: Shape | undefined = shape;
  for (let i = 0; i < path.length; i++) {
    if (node?.kind === "list" || node?.kind === "value") return path.slice(0, i);
    const seg = path[i]!;
    if (node?.kind === "object") node = node.fields.get(String(seg));
    else if (node?.kind === "rows") node = typeof seg === "number" ? node.row : undefined;
  }
  return [...path];
}
