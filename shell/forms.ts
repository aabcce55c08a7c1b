/**
 * Forms bound to a schema, with the LiveView client's used-input tracking.
 *
 * The client marks every input the user has not touched yet with an `_unused_<field>` param
 * on `phx-change`; a form built by `change` shows errors only for touched fields, one built
 * by `submit` shows them all. Values are kept as the strings the user typed, so the form
 * re-renders exactly what is in the inputs, and a reconnect (the client re-sends every
 * form's values as a change) restores them.
 */
import type { Schema } from "./schema.js";

/** A schema with a known set of fields: a zod object (`z.object({...})`) is one. */
export interface ObjectSchema<T> extends Schema<T> {
  readonly shape: Record<string, unknown>;
}

export type FieldErrors = Readonly<Record<string, readonly string[]>>;

export interface Form<T> {
  /** The params key the inputs are nested under (`user` for `user[email]`); "" for none. */
  readonly name: string;
  /** What is in each input, as typed (non-text params become ""). */
  readonly values: Readonly<Record<string, string>>;
  /** Errors to show: touched fields while typing, every field after a submit. */
  readonly errors: FieldErrors;
  /** The parsed data when the whole form is valid. */
  readonly data: T | undefined;
  readonly valid: boolean;
  readonly submitted: boolean;
  /** The first error to show for a field. */
  error(field: string): string | undefined;
  /** The user has typed into the field (or submitted the form). */
  touched(field: string): boolean;
  /** The input's name attribute: `user[email]`. */
  inputName(field: string): string;
  /** A DOM id for the field's input: `user_email`. */
  inputId(field: string): string;
}

export interface FormDef<T> {
  readonly name: string;
  readonly fields: readonly string[];
  /** A form nobody has typed into: no errors. */
  empty(values?: Partial<Record<string, string>>): Form<T>;
  /** From a `phx-change` payload: errors for touched fields only. */
  change(params: unknown): Form<T>;
  /** From a `phx-submit` payload: every error. */
  submit(params: unknown): Form<T>;
  /** The same form with errors the schema cannot know (an email already taken). */
  withErrors(form: Form<T>, errors: Readonly<Record<string, string>>): Form<T>;
}

type Raw = Record<string, unknown>;

function isRecord(value: unknown): value is Raw {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function own(obj: Raw, key: string): boolean {
  return Object.hasOwn(obj, key);
}

class FormState<T> implements Form<T> {
  constructor(
    readonly name: string,
    readonly values: Readonly<Record<string, string>>,
    readonly errors: FieldErrors,
    readonly data: T | undefined,
    readonly submitted: boolean,
    touched: ReadonlySet<string>,
  ) {
    this.#touched = touched;
  }

  readonly #touched: ReadonlySet<string>;

  touched(field: string): boolean {
    return this.#touched.has(field);
  }

  get valid(): boolean {
    return this.data !== undefined;
  }

  error(field: string): string | undefined {
    return own(this.errors, field) ? this.errors[field]![0] : undefined;
  }

  inputName(field: string): string {
    return this.name ? `${this.name}[${field}]` : field;
  }

  inputId(field: string): string {
    return this.name ? `${this.name}_${field}` : field;
  }
}

/**
 * Declares a form: `defineForm(z.object({ email: z.email() }), { name: "user" })`.
 * Params outside the schema's fields are ignored; a missing field counts as empty, as a
 * browser always sends every input; a non-text value fails the schema like any bad value.
 */
export function defineForm<T>(schema: ObjectSchema<T>, opts: { name?: string } = {}): FormDef<T> {
  const name = opts.name ?? "";
  const fields = Object.keys(schema.shape);

  const scope = (params: unknown): Raw => {
    if (!isRecord(params)) return {};
    if (!name) return params;
    const nested = own(params, name) ? params[name] : undefined;
    return isRecord(nested) ? nested : {};
  };

  const build = (params: unknown, submitted: boolean): Form<T> => {
    const raw = scope(params);
    const values: Record<string, string> = {};
    const input: Raw = {};
    const shown = new Set<string>();
    for (const field of fields) {
      const value = own(raw, field) ? raw[field] : undefined;
      values[field] = typeof value === "string" ? value : "";
      input[field] = value === undefined ? "" : value;
      if (submitted || (own(raw, field) && !own(raw, `_unused_${field}`))) shown.add(field);
    }
    const result = schema.safeParse(input);
    if (result.success) return new FormState(name, values, {}, result.data, submitted, shown);
    const errors: Record<string, string[]> = {};
    for (const issue of result.error.issues) {
      const field = String(issue.path[0] ?? "");
      if (!shown.has(field)) continue;
      (errors[field] ??= []).push(issue.message);
    }
    return new FormState<T>(name, values, errors, undefined, submitted, shown);
  };

  return {
    name,
    fields,
    empty: (values = {}) => {
      const all: Record<string, string> = {};
      for (const field of fields) all[field] = values[field] ?? "";
      return new FormState<T>(name, all, {}, undefined, false, new Set());
    },
    change: (params) => build(params, false),
    submit: (params) => build(params, true),
    withErrors: (form, extra) => {
      const errors: Record<string, string[]> = {};
      for (const [field, list] of Object.entries(form.errors)) errors[field] = [...list];
      for (const [field, message] of Object.entries(extra)) (errors[field] ??= []).push(message);
      const touched = new Set(fields.filter((f) => form.touched(f)));
      return new FormState<T>(name, form.values, errors, undefined, form.submitted, touched);
    },
  };
}
