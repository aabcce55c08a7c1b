/**
 * Reads a form's params by its shape into three things: the values as typed (written back
 * into the inputs), the input the schema validates, and the fields the user has used.
 *
 * - A text field missing from the params counts as "" (a browser sends every input); a
 *   value of the wrong type is kept for the schema to refuse, and shows as "".
 * - A list (`post[tags][]`) drops the "" a hidden input sends so that "none chosen"
 *   still arrives; a missing list is empty.
 * - Rows are arranged by their sort and drop params (form-arrays.ts): values and input are
 *   arrays in the rows' order, and each row's key (its inputs' index) is kept aside.
 * - Used follows Phoenix's `used_input?`: a field is used when its param is present and the
 *   client sent no `_unused_<field>` marker beside it; an object, a row, the rows and the
 *   form are used when something inside them is.
 */
import { arrangeRows } from "./form-arrays.js";
import { pathKey, type Segment } from "./form-paths.js";
import type { ObjectShape } from "./form-shape.js";

type Raw = Record<string, unknown>;

export interface ReadForm {
  readonly values: Raw;
  readonly input: Raw;
  /** Path keys of used fields and of everything that contains one ("" for the form). */
  readonly used: ReadonlySet<string>;
  /** Each rows field's row keys, in order, by the field's path key (`links`, `links.0.steps`). */
  readonly rowKeys: ReadonlyMap<string, readonly number[]>;
  /** Path keys of rows fields that asked for more than `maxRows` rows. */
  readonly overflow: readonly string[];
}

function isRecord(value: unknown): value is Raw {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function own(obj: Raw, key: string): unknown {
  return Object.hasOwn(obj, key) ? obj[key] : undefined;
}

export function readForm(shape: ObjectShape, raw: Raw, maxRows: number): ReadForm {
  const used = new Set<string>();
  const overflow: string[] = [];
  const rowKeys = new Map<string, number[]>();

  const markUsed = (path: readonly Segment[]) => {
    for (let i = path.length; i >= 0; i--) used.add(pathKey(path.slice(0, i)));
  };

  const read = (obj: ObjectShape, params: Raw, path: Segment[]): { values: Raw; input: Raw } => {
    const values: Raw = {};
    const input: Raw = {};
    for (const [field, fieldShape] of obj.fields) {
      const at = [...path, field];
      const param = own(params, field);
      const present = Object.hasOwn(params, field);
      const isUsed = present && !Object.hasOwn(params, `_unused_${field}`);
      switch (fieldShape.kind) {
        case "value":
          values[field] = typeof param === "string" ? param : "";
          input[field] = param === undefined ? "" : param;
          if (isUsed) markUsed(at);
          break;
        case "list": {
          const list = Array.isArray(param) ? param.filter((v) => v !== "") : param === undefined ? [] : param;
          values[field] = Array.isArray(list) ? list.filter((v): v is string => typeof v === "string") : [];
          input[field] = list;
          if (isUsed) markUsed(at);
          break;
        }
        case "object": {
          const nested = read(fieldShape, isRecord(param) ? param : {}, at);
          values[field] = nested.values;
          input[field] = nested.input;
          break;
        }
        case "rows": {
          const arranged = arrangeRows(param, own(params, `${field}_sort`), own(params, `${field}_drop`), maxRows);
          if (arranged.overflow) overflow.push(pathKey(at));
          rowKeys.set(
            pathKey(at),
            arranged.rows.map((row) => row.key),
          );
          const rows = arranged.rows.map((row, i) => read(fieldShape.row, row.params, [...at, i]));
          values[field] = rows.map((r) => r.values);
          input[field] = rows.map((r) => r.input);
          break;
        }
      }
    }
    return { values, input };
  };

  const { values, input } = read(shape, raw, []);
  return { values, input, used, rowKeys, overflow };
}
