/**
 * A form driven by a test as a user would: `change(values)` types into its inputs, ticks
 * its checkboxes and picks its options, then sends what the official client's
 * `serializeForm` would: every field in DOM order, the `_unused_` markers of fields nobody
 * has used yet, and a clicked `JS.dispatch("change")` button's name and value at its place
 * (how Phoenix's add/remove-row buttons reach the server).
 */
import type { HTMLElement } from "node-html-parser";
import { phxValues, type ElementHost } from "./bindings.js";
import { execJS } from "./commands.js";

/** Values by field, nested as the names are (`{ post: { links: { 0: { url: "x" } } } }`); an array stands for a `name[]` field. */
export type FormInput = { [key: string]: string | number | boolean | readonly (string | number)[] | FormInput };

type Given = string | boolean;
type Kind = "hidden" | "check" | "multi" | "select" | "text" | "button";
interface Control {
  readonly el: HTMLElement;
  readonly name: string;
  readonly kind: Kind;
}

/** The values by input name, in order; an array names a `name[]` field (empty: nothing ticked or picked). */
function flatten(values: FormInput, prefix = "", out = new Map<string, Given[]>()): Map<string, Given[]> {
  for (const [key, value] of Object.entries(values)) {
    const name = prefix ? `${prefix}[${key}]` : key;
    if (Array.isArray(value))
      out.set(`${name}[]`, [...(out.get(`${name}[]`) ?? []), ...(value as readonly (string | number)[]).map(String)]);
    else if (typeof value === "object" && value !== null) flatten(value as FormInput, name, out);
    else out.set(name, [...(out.get(name) ?? []), typeof value === "boolean" ? value : String(value)]);
  }
  return out;
}

/** The client's `prependFormDataKey`: `post[links][0][url]` → `post[links][0][_unused_url]`, keeping a trailing `[]`. */
function unusedName(name: string): string {
  const m = /^(.*\[)([^\]]*)(\].*)$/.exec(name.replace(/\[\]$/, ""));
  const base = m ? `${m[1]}_unused_${m[2]}${m[3]}` : `_unused_${name.replace(/\[\]$/, "")}`;
  return name.endsWith("[]") ? base + "[]" : base;
}

function kindOf(el: HTMLElement): Kind | null {
  const tag = el.tagName.toLowerCase();
  if (tag === "select") return el.hasAttribute("multiple") ? "multi" : "select";
  if (tag === "textarea") return "text";
  if (tag === "button") return "button";
  const type = (el.getAttribute("type") ?? "text").toLowerCase();
  if (type === "file") return null;
  if (type === "hidden") return "hidden";
  if (type === "checkbox" || type === "radio") return "check";
  return ["submit", "button", "reset", "image"].includes(type) ? "button" : "text";
}

function controls(form: HTMLElement): Control[] {
  const out: Control[] = [];
  for (const el of form.querySelectorAll("input, select, textarea, button")) {
    const name = el.getAttribute("name");
    const kind = kindOf(el);
    if (name && kind && !el.hasAttribute("disabled")) out.push({ el, name, kind });
  }
  return out;
}

function optionValue(o: HTMLElement): string {
  return o.getAttribute("value") ?? o.textContent.trim();
}

/** The form's fields as the browser would send them, with `values` typed, ticked and picked over what the DOM holds. */
function fields(form: HTMLElement, values: FormInput, submitter: HTMLElement | undefined): [string, string][] {
  const overrides = flatten(values);
  const all = controls(form);
  const byName = new Map<string, Control[]>();
  for (const c of all) byName.set(c.name, [...(byName.get(c.name) ?? []), c]);
  const onlyHidden = (name: string) => byName.get(name)!.every((c) => c.kind === "hidden" || c.kind === "button");
  const out: [string, string][] = [];
  const matched = new Map<string, Set<string>>();
  const written = new Set<string>();
  for (const c of all) {
    const given = overrides.get(c.name);
    const group = byName.get(c.name)!;
    const hits = matched.get(c.name) ?? new Set<string>();
    matched.set(c.name, hits);
    if (c.kind === "button") {
      if (c.el === submitter) out.push([c.name, c.el.getAttribute("value") ?? ""]);
    } else if (c.kind === "hidden" && !(given && onlyHidden(c.name))) {
      out.push([c.name, c.el.getAttribute("value") ?? ""]);
    } else if (c.kind === "check") {
      const value = c.el.getAttribute("value") ?? "on";
      const on = given ? given.some((v) => v === true || v === value) : c.el.hasAttribute("checked");
      if (given?.includes(value)) hits.add(value);
      if (on) out.push([c.name, value]);
    } else if (c.kind === "multi") {
      for (const o of c.el.querySelectorAll("option")) {
        const value = optionValue(o);
        if (given?.includes(value)) hits.add(value);
        if (given ? given.includes(value) : o.hasAttribute("selected")) out.push([c.name, value]);
      }
    } else if (given) {
      // text, a single select, or a hidden-only field the test sets: the given values, once, where the first one stands
      if (!written.has(c.name)) for (const v of given) out.push([c.name, String(v)]);
      written.add(c.name);
    } else if (c.kind === "select") {
      const options = c.el.querySelectorAll("option");
      const chosen = options.find((o) => o.hasAttribute("selected")) ?? options[0];
      if (chosen) out.push([c.name, optionValue(chosen)]);
    } else {
      out.push([
        c.name,
        c.kind === "text" && c.el.tagName.toLowerCase() === "textarea" ? c.el.textContent : (c.el.getAttribute("value") ?? ""),
      ]);
    }
    // values no checkbox or option carries (a forged tag) go after the group's last one
    if (given && group[group.length - 1] === c && group.some((g) => g.kind === "check" || g.kind === "multi")) {
      for (const v of given) if (typeof v === "string" && !hits.has(v)) out.push([c.name, v]);
    }
  }
  for (const [name, given] of overrides) if (!byName.has(name)) for (const v of given) out.push([name, String(v)]);
  return out;
}

/** A form found by selector: `change` and `submit` send what its inputs hold, with the given values over it, as the client does. */
export class TestForm {
  readonly #view: ElementHost;
  readonly #selector: string;

  constructor(view: ElementHost, selector: string) {
    this.#view = view;
    this.#selector = selector;
  }

  #form(): HTMLElement {
    const el = this.#view.find(this.#selector);
    if (!el) throw new Error(`no form matches ${this.#selector}\n${this.#view.html()}`);
    return el;
  }

  /** A phx-change as if the user typed `values` (marking those fields used). */
  change(values: FormInput = {}, target?: string): Promise<string> {
    return sendForm(this.#view, this.#form(), this.#selector, "phx-change", values, { target });
  }

  /** A phx-submit with the form's fields overridden by `values`. */
  submit(values: FormInput = {}): Promise<string> {
    return sendForm(this.#view, this.#form(), this.#selector, "phx-submit", values, {});
  }

  /** @internal the change a file input fires: `uploads` declares its files (uploads.ts) */
  __uploads(target: string, uploads: Record<string, unknown[]>): Promise<string> {
    return sendForm(this.#view, this.#form(), this.#selector, "phx-change", {}, { target, uploads });
  }
}

/** The key of a form's used fields: its id, so a form found by another selector (or from a button) shares them. */
function formKey(form: HTMLElement, selector: string): string {
  const id = form.getAttribute("id");
  return id ? `#${id}` : selector;
}

/** Sends a form event as the client does; `submitter` is a clicked button whose name and value go with it. */
export async function sendForm(
  view: ElementHost,
  form: HTMLElement,
  selector: string,
  attr: "phx-change" | "phx-submit",
  values: FormInput,
  opts: { target?: string; submitter?: HTMLElement; uploads?: Record<string, unknown[]> },
): Promise<string> {
  const change = attr === "phx-change";
  const encoded = form.getAttribute(attr);
  if (!encoded) throw new Error(`${selector} has no ${attr} binding`);
  const used = view.touched(formKey(form, selector));
  const names = [...flatten(values).keys()];
  for (const name of names) used.add(name);
  const submitterName = opts.submitter?.getAttribute("name") ?? undefined;
  if (submitterName) used.add(submitterName);
  const all = controls(form);
  const markers = change && !form.hasAttribute("phx-no-unused-field");
  const needsMarker = (name: string) => {
    const group = all.filter((c) => c.name === name);
    return (
      !used.has(name) &&
      name !== submitterName &&
      !group.every((c) => c.kind === "hidden") &&
      !group.some((c) => c.el.hasAttribute("phx-no-unused-field"))
    );
  };
  const params = new URLSearchParams();
  for (const [name, value] of fields(form, values, opts.submitter)) {
    if (markers && needsMarker(name)) params.append(unusedName(name), "");
    params.append(name, value);
  }
  const value = params.toString();
  // the binding may be a JS command list: every command runs, each push carries the form
  await execJS(view, form, encoded, change ? "change" : "submit", (source, args, cid) => {
    const meta: Record<string, unknown> = { ...phxValues(source), ...args.value };
    if (change) meta._target = opts.target ?? submitterName ?? names[names.length - 1] ?? "undefined";
    return view.push({
      type: "form",
      event: args.event,
      value,
      meta,
      ...(change ? { uploads: opts.uploads ?? {} } : {}),
      ...(cid !== undefined ? { cid } : {}),
    });
  });
  return view.html();
}
