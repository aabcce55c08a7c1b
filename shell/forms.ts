/**
 * Forms bound to a schema, with the LiveView client's used-input tracking.
 *
 * The client marks every input the user has not touched yet with an `_unused_<field>` param
 * on `phx-change`; a form built by `change` shows errors only for used fields, one built by
 * `submit` shows them all. Values are kept as the strings the user typed, so the form
 * re-renders exactly what is in the inputs, and a reconnect (the client re-sends every
 * form's values as a change) restores them.
 *
 * Fields may nest: objects (`post[author][name]`), lists of strings for checkbox groups and
 * multi-selects (`post[tags][]`) and rows, arrays of objects (`post[links][0][url]`) added,
 * removed and reordered with Ecto's sort and drop params (form-arrays.ts). Paths name them
 * in code: `"author.name"`, `"tags"`, `"links.0.url"`.
 */
import type { Schema } from "./schema.js";
import { pathKey } from "./form-paths.js";
import { issueField, readShape, type ObjectShape } from "./form-shape.js";
import { readForm } from "./form-read.js";
import { Fields, type FieldErrors, type FormFields, type FormRoot } from "./form-fields.js";

export type { FieldErrors, FormFields, FormRow, ButtonOptions } from "./form-fields.js";

/** A schema with a known set of fields: a zod object (`z.object({...})`) is one. */
export interface ObjectSchema<T> extends Schema<T> {
  readonly shape: Record<string, unknown>;
}

/** What a form holds for a field: text as typed, a list's chosen strings, a nested object, rows. */
export type FormValue = string | readonly string[] | FormValueTree | readonly FormValueTree[];
/** A nested object's values by field name (see FormValue). */
export interface FormValueTree {
  readonly [field: string]: FormValue;
}

type Scalar = string | number | boolean | bigint | symbol | Date | null | undefined;

/** The value a form keeps for a field whose parsed type is `T`. */
type ValueOf<T> = unknown extends T
  ? FormValue
  : [NonNullable<T>] extends [readonly (infer E)[]]
    ? [NonNullable<E>] extends [Scalar]
      ? readonly string[]
      : readonly FormValues<NonNullable<E>>[]
    : [NonNullable<T>] extends [Scalar]
      ? string
      : FormValues<NonNullable<T>>;

/** A form's values, shaped like its data with strings as typed: `{ title: string; tags: readonly string[]; links: { url: string }[] }`. */
export type FormValues<T> = unknown extends T ? FormValueTree : { readonly [K in keyof T & string]-?: ValueOf<T[K]> };

/** Values to start a form with: any part of its values. */
export type FormPrefill<T> = unknown extends T ? FormValueTree : PrefillOf<FormValues<T>>;
type PrefillOf<V> = V extends string
  ? string
  : V extends readonly string[]
    ? readonly string[]
    : V extends readonly (infer R)[]
      ? readonly PrefillOf<R>[]
      : { readonly [K in keyof V]?: PrefillOf<V[K]> };

/** A form's state; `V`, its values' type, follows from `T` (a separate parameter so `Form<X>` is a `Form<unknown>`). */
export interface Form<T, V = FormValues<T>> extends FormFields {
  /** What is in each input, as typed: text as strings, lists as arrays, rows as arrays of objects. */
  readonly values: V;
  /** Errors to show, by path (`email`, `links.0.url`): used fields while typing, every field after a submit. */
  readonly errors: FieldErrors;
  /** The parsed data when the whole form is valid. */
  readonly data: T | undefined;
  readonly valid: boolean;
  readonly submitted: boolean;
}

/** A declared form (`defineForm`): makes the form's state from params. */
export interface FormDef<T> {
  /** The params key its inputs are nested under (FormOptions.name); "" for none. */
  readonly name: string;
  /** The top-level fields. */
  readonly fields: readonly string[];
  /** A form nobody has typed into: no errors. `values` fill it, rows and lists included. */
  empty(values?: FormPrefill<T>): Form<T>;
  /** From a `phx-change` payload: errors for used fields only. */
  change(params: unknown): Form<T>;
  /** From a `phx-submit` payload: every error. */
  submit(params: unknown): Form<T>;
  /** The same form with errors the schema cannot know (an email already taken), by path; shown at once. */
  withErrors(form: Form<T>, errors: Readonly<Record<string, string>>): Form<T>;
}

/** Options of `defineForm`. */
export interface FormOptions {
  /** The params key the inputs are nested under (`user` for `user[email]`); default none. */
  name?: string;
  /** The most rows any array of objects may have (default 100): more is refused with an error on the rows. */
  maxRows?: number;
}

type Raw = Record<string, unknown>;

function isRecord(value: unknown): value is Raw {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

class FormState<T> extends Fields implements Form<T> {
  readonly values: FormValues<T>;
  readonly errors: FieldErrors;
  readonly submitted: boolean;

  constructor(
    root: FormRoot,
    readonly data: T | undefined,
  ) {
    super(root, []);
    this.values = root.values as FormValues<T>;
    this.errors = root.errors;
    this.submitted = root.submitted;
  }

  get valid(): boolean {
    return this.data !== undefined;
  }
}

function addError(errors: Record<string, string[]>, key: string, message: string): void {
  (errors[key] ??= []).push(message);
}

/**
 * Declares a form: `defineForm(z.object({ email: z.email() }), { name: "user" })`.
 * Params outside the schema's fields are ignored; a missing field counts as empty, as a
 * browser always sends every input; a value of the wrong type fails the schema like any
 * bad value. Arrays of objects hold at most `maxRows` rows.
 */
export function defineForm<T>(schema: ObjectSchema<T>, opts: FormOptions = {}): FormDef<T> {
  const name = opts.name ?? "";
  const maxRows = Math.max(0, Math.floor(opts.maxRows ?? 100));
  const read = readShape(schema);
  const shape: ObjectShape = read.kind === "object" ? read : { kind: "object", fields: new Map() };
  const fields = [...shape.fields.keys()];
  const tooMany = `has too many rows (at most ${maxRows})`;

  const scope = (params: unknown): Raw => {
    if (!isRecord(params)) return {};
    if (!name) return params;
    const nested = Object.hasOwn(params, name) ? params[name] : undefined;
    return isRecord(nested) ? nested : {};
  };

  const build = (params: unknown, submitted: boolean): Form<T> => {
    const { values, input, used, rowKeys, overflow } = readForm(shape, scope(params), maxRows);
    const errors: Record<string, string[]> = {};
    for (const key of overflow) addError(errors, key, tooMany);
    const result = schema.safeParse(input);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const key = pathKey(issueField(shape, issue.path));
        if (submitted || used.has(key)) addError(errors, key, issue.message);
      }
    }
    const data = result.success && overflow.length === 0 ? result.data : undefined;
    return new FormState<T>({ name, shape, values, errors, used, rowKeys, submitted }, data);
  };

  return {
    name,
    fields,
    empty: (prefill) => {
      const { values, rowKeys, overflow } = readForm(shape, isRecord(prefill) ? prefill : {}, maxRows);
      const errors: Record<string, string[]> = {};
      for (const key of overflow) addError(errors, key, tooMany);
      return new FormState<T>({ name, shape, values, errors, used: new Set(), rowKeys, submitted: false }, undefined);
    },
    change: (params) => build(params, false),
    submit: (params) => build(params, true),
    withErrors: (form, extra) => {
      const root = Fields.rootOf(form);
      if (!root) throw new TypeError("withErrors takes a form its definition built");
      const errors: Record<string, string[]> = {};
      for (const [key, list] of Object.entries(root.errors)) errors[key] = [...list];
      for (const [key, message] of Object.entries(extra)) addError(errors, key, message);
      return new FormState<T>({ ...root, errors }, undefined);
    },
  };
}
