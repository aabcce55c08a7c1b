/**
 * What a template reads from a form, at any depth: the form itself, a nested object's
 * fields (`fieldsFor`) or one row of an array (`inputsFor`). Paths are relative to where
 * the fields sit: `form.value("links.0.url")` and `row.value("url")` read the same input.
 * A path's numbers are row positions; names and ids use each row's key instead
 * (form-arrays.ts), which stays with the row while rows are added, removed and reordered.
 *
 * The row helpers render the markup Phoenix documents for `inputs_for` with `sort_param`
 * and `drop_param`: buttons that make the client send a change carrying their name and
 * value (`JS.dispatch("change")`), and a hidden sort input per row.
 */
import { html, type Template } from "./template.js";
import { NEW_ROW } from "./form-arrays.js";
import { idFor, lookup, nameFor, parsePath, pathKey, type Segment } from "./form-paths.js";
import { shapeAt, type ObjectShape } from "./form-shape.js";

/** Error messages by field path (`email`, `links.0.url`). */
export type FieldErrors = Readonly<Record<string, readonly string[]>>;

/** A form's state, shared by the form and every sub-form of it. */
export interface FormRoot {
  readonly name: string;
  readonly shape: ObjectShape;
  readonly values: Readonly<Record<string, unknown>>;
  readonly errors: FieldErrors;
  /** Path keys of the fields the user has used (and what contains them). */
  readonly used: ReadonlySet<string>;
  /** Each rows field's row keys, in order, by the field's path key. */
  readonly rowKeys: ReadonlyMap<string, readonly number[]>;
  readonly submitted: boolean;
}

/** Options of a form's row buttons (addButton, dropButton). */
export interface ButtonOptions {
  /** The button's classes; none by default. */
  readonly class?: string;
  /** The button's `aria-label`, for a button showing only an icon. */
  readonly label?: string;
}

/** What a template reads from a form or a part of it, by path: values, errors, input names and ids, rows. */
export interface FormFields {
  /** The params key the inputs are nested under: `post`, `post[links][0]` for a row; "" for none. */
  readonly name: string;
  /** Where these fields sit in the form: "" for the form, `links.0` for a row, `author` for an object. */
  readonly path: string;
  /** A DOM id for their container (`post_links_3` for a row): give a row's element this id, and it moves with the row. */
  readonly id: string;
  /** What is in a text input, as typed: `value("links.0.url")`; "" for anything else. */
  value(path: string): string;
  /** A checkbox of a group (`tags`) holds `option`, or a single checkbox or radio (`published`) has that value. */
  checked(path: string, option: string): boolean;
  /** The same as `checked`, for an `<option>` of a select or multi-select. */
  selected(path: string, option: string): boolean;
  /** The first error to show for a field (or an object, a row, the rows). */
  error(path: string): string | undefined;
  /** The user has used the field, or something inside it, or submitted the form. */
  touched(path: string): boolean;
  /** The input's name attribute: `post[links][0][url]`; a list field ends in `[]` (`post[tags][]`). */
  inputName(path: string): string;
  /** A DOM id: `post_links_0_url`; with `option`, one per checkbox of a group: `post_tags_news`. */
  inputId(path: string, option?: string): string;
  /** One sub-form per row of an array of objects, in order. */
  inputsFor(path: string): readonly FormRow[];
  /** The fields of a nested object as a sub-form (a reusable partial). */
  fieldsFor(path: string): FormFields;
  /** The hidden empty input a checkbox group or multi-select needs, so "none chosen" is sent too. */
  emptyInput(path: string): Template;
  /** A button that adds an empty row to the rows at `path` (put it before or after the rows). */
  addButton(path: string, content: unknown, opts?: ButtonOptions): Template;
  /** The sort param's name for the rows at `path`: `post[links_sort][]`. */
  sortName(path: string): string;
  /** The drop param's name for the rows at `path`: `post[links_drop][]`. */
  dropName(path: string): string;
}

/** One row of an array of objects (`inputsFor`): its fields, its place, and its sort input and drop button. */
export interface FormRow extends FormFields {
  /** The row's position, from 0 (as in paths, `values` and the parsed data). */
  readonly index: number;
  /** The index its inputs are named with (`post[links][<key>][url]`): the value of its sort input and drop button. */
  readonly key: number;
  /** The hidden input that keeps the row's place; render one in every row. */
  sortInput(): Template;
  /** A button that removes the row. */
  dropButton(content: unknown, opts?: ButtonOptions): Template;
}

/** The client runs this on click: a change event from the button, which sends its name and value with the form. */
const DISPATCH_CHANGE = JSON.stringify([["dispatch", { event: "change" }]]);

/** A path as inputs are named: each row position replaced by that row's key. */
function wire(root: FormRoot, segments: readonly Segment[]): Segment[] {
  return segments.map((seg, i) => (typeof seg === "number" ? (root.rowKeys.get(pathKey(segments.slice(0, i)))?.[seg] ?? seg) : seg));
}

/** The sort or drop param's name for the rows at `segments`: `links` → `post[links_sort][]`. */
function rowsParam(root: FormRoot, segments: readonly Segment[], suffix: "sort" | "drop"): string {
  const at = wire(root, segments);
  return nameFor(root.name, [...at.slice(0, -1), `${String(at[at.length - 1] ?? "")}_${suffix}`]) + "[]";
}

function button(name: string, value: string | number, content: unknown, opts: ButtonOptions): Template {
  return html`<button type="button" name=${name} value=${value} phx-click=${DISPATCH_CHANGE} class=${opts.class ?? false} aria-label=${opts.label ?? false}>${content}</button>`;
}

export class Fields implements FormFields {
  readonly #root: FormRoot;
  readonly #at: readonly Segment[];

  constructor(root: FormRoot, at: readonly Segment[]) {
    this.#root = root;
    this.#at = at;
  }

  /** The state behind a form built here (for `withErrors`). */
  static rootOf(fields: FormFields): FormRoot | undefined {
    return fields instanceof Fields ? fields.#root : undefined;
  }

  protected get root(): FormRoot {
    return this.#root;
  }

  protected get at(): readonly Segment[] {
    return this.#at;
  }

  #full(path: string): Segment[] {
    return [...this.#at, ...parsePath(path)];
  }

  get name(): string {
    return nameFor(this.#root.name, wire(this.#root, this.#at));
  }

  get path(): string {
    return pathKey(this.#at);
  }

  get id(): string {
    return idFor(this.#root.name, wire(this.#root, this.#at));
  }

  value(path: string): string {
    const v = lookup(this.#root.values, this.#full(path));
    return typeof v === "string" ? v : "";
  }

  checked(path: string, option: string): boolean {
    const v = lookup(this.#root.values, this.#full(path));
    return Array.isArray(v) ? v.includes(option) : v === option;
  }

  selected(path: string, option: string): boolean {
    return this.checked(path, option);
  }

  error(path: string): string | undefined {
    const key = pathKey(this.#full(path));
    return Object.hasOwn(this.#root.errors, key) ? this.#root.errors[key]![0] : undefined;
  }

  touched(path: string): boolean {
    return this.#root.submitted || this.#root.used.has(pathKey(this.#full(path)));
  }

  inputName(path: string): string {
    const full = this.#full(path);
    return nameFor(this.#root.name, wire(this.#root, full)) + (shapeAt(this.#root.shape, full)?.kind === "list" ? "[]" : "");
  }

  inputId(path: string, option?: string): string {
    return idFor(this.#root.name, wire(this.#root, this.#full(path)), option);
  }

  inputsFor(path: string): readonly FormRow[] {
    const full = this.#full(path);
    const rows = shapeAt(this.#root.shape, full)?.kind === "rows" ? lookup(this.#root.values, full) : undefined;
    const keys = this.#root.rowKeys.get(pathKey(full)) ?? [];
    return Array.isArray(rows) ? rows.map((_, i) => new Row(this.#root, [...full, i], i, keys[i] ?? i)) : [];
  }

  fieldsFor(path: string): FormFields {
    return new Fields(this.#root, this.#full(path));
  }

  emptyInput(path: string): Template {
    return html`<input type="hidden" name=${this.inputName(path)} value="">`;
  }

  addButton(path: string, content: unknown, opts: ButtonOptions = {}): Template {
    return button(this.sortName(path), NEW_ROW, content, opts);
  }

  sortName(path: string): string {
    return rowsParam(this.#root, this.#full(path), "sort");
  }

  dropName(path: string): string {
    return rowsParam(this.#root, this.#full(path), "drop");
  }
}

class Row extends Fields implements FormRow {
  constructor(
    root: FormRoot,
    at: readonly Segment[],
    readonly index: number,
    readonly key: number,
  ) {
    super(root, at);
  }

  sortInput(): Template {
    return html`<input type="hidden" name=${rowsParam(this.root, this.at.slice(0, -1), "sort")} value=${this.key}>`;
  }

  dropButton(content: unknown, opts: ButtonOptions = {}): Template {
    return button(rowsParam(this.root, this.at.slice(0, -1), "drop"), this.key, content, opts);
  }
}
