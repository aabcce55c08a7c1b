/**
 * What a test drives in a ElementHost's page: an element (click, key, focus, blur) and a
 * form (change, submit), found by selector and fired with the values the official client
 * would send: phx-value-* attributes, the phx-target component, the form's own inputs.
 */
import type { HTMLElement } from "node-html-parser";

/** What the drivers need of a test view (index.ts's ElementHost). */
export interface ElementHost {
  find(selector: string, text?: string | RegExp): HTMLElement | null;
  html(): string;
  /** Sends an `event` push as the client would. */
  push(payload: Record<string, unknown>): Promise<unknown>;
  /** Field names the user has typed into, per form selector (for `_unused_` markers). */
  touched(form: string): Set<string>;
  /** The page's current DOM. */
  dom(): HTMLElement;
}

/** The event name and extra values of a binding: a plain name, or a JS command list with a push. */
function binding(attr: string): { event: string; value: Record<string, unknown> } | null {
  if (!attr.startsWith("[")) return { event: attr, value: {} };
  try {
    const commands = JSON.parse(attr) as [string, { event?: string; value?: Record<string, unknown> }][];
    const push = commands.find(([kind]) => kind === "push");
    return push?.[1].event ? { event: push[1].event, value: push[1].value ?? {} } : null;
  } catch {
    return null;
  }
}

function phxValues(el: HTMLElement): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(el.attributes)) {
    if (name.startsWith("phx-value-")) out[name.slice("phx-value-".length).toLowerCase()] = value;
  }
  return out;
}

/** The cid an element's events go to: its phx-target (a cid or a selector), else none (the view). */
export function targetCid(view: ElementHost, el: HTMLElement): number | undefined {
  const target = el.getAttribute("phx-target") ?? closestAttr(el, "phx-target");
  if (!target) return undefined;
  if (/^\d+$/.test(target)) return Number(target);
  const found = view.dom().querySelector(target);
  const cid = found ? closestAttr(found, "data-phx-component") : null;
  return cid ? Number(cid) : undefined;
}

function closestAttr(el: HTMLElement, name: string): string | null {
  for (let node: HTMLElement | null = el; node; node = node.parentNode as HTMLElement | null) {
    const v = node.getAttribute?.(name);
    if (v !== undefined && v !== null) return v;
  }
  return null;
}

export class TestElement {
  readonly #view: ElementHost;
  readonly #selector: string;
  readonly #text: string | RegExp | undefined;

  constructor(view: ElementHost, selector: string, text?: string | RegExp) {
    this.#view = view;
    this.#selector = selector;
    this.#text = text;
  }

  #el(): HTMLElement {
    const el = this.#view.find(this.#selector, this.#text);
    if (!el)
      throw new Error(`no element matches ${this.#selector}${this.#text ? ` with text ${String(this.#text)}` : ""}\n${this.#view.html()}`);
    return el;
  }

  exists(): boolean {
    return this.#view.find(this.#selector, this.#text) !== null;
  }

  async #fire(type: string, attr: string, extra: Record<string, unknown> = {}): Promise<string> {
    const el = this.#el();
    const b = binding(el.getAttribute(attr) ?? "");
    if (!b) throw new Error(`${this.#selector} has no ${attr} binding`);
    const value: Record<string, unknown> = { ...phxValues(el), ...b.value, ...extra };
    // like the browser: elements with a value property (buttons, inputs) send it
    if (["button", "input", "select", "textarea"].includes(el.tagName.toLowerCase()) && !("value" in value)) {
      value.value = el.getAttribute("value") ?? "";
    }
    const cid = targetCid(this.#view, el);
    await this.#view.push({ type, event: b.event, value, ...(cid !== undefined ? { cid } : {}) });
    return this.#view.html();
  }

  /** A phx-click; `values` are merged over the phx-value-* attributes. */
  click(values: Record<string, string> = {}): Promise<string> {
    return this.#fire("click", "phx-click", values);
  }

  keydown(key: string, values: Record<string, string> = {}): Promise<string> {
    return this.#fire("keydown", "phx-keydown", { key, ...values });
  }

  keyup(key: string, values: Record<string, string> = {}): Promise<string> {
    return this.#fire("keyup", "phx-keyup", { key, ...values });
  }

  blur(values: Record<string, string> = {}): Promise<string> {
    return this.#fire("blur", "phx-blur", values);
  }

  focus(values: Record<string, string> = {}): Promise<string> {
    return this.#fire("focus", "phx-focus", values);
  }
}

type FormInput = { [key: string]: string | number | boolean | string[] | FormInput };

function flatten(values: FormInput, prefix = "", out: [string, string][] = []): [string, string][] {
  for (const [key, value] of Object.entries(values)) {
    const name = prefix ? `${prefix}[${key}]` : key;
    if (Array.isArray(value)) for (const v of value) out.push([`${name}[]`, String(v)]);
    else if (typeof value === "object" && value !== null) flatten(value, name, out);
    else out.push([name, String(value)]);
  }
  return out;
}

function unusedName(name: string): string {
  const m = /^(.*\[)([^\]]*)(\].*)$/.exec(name.replace(/\[\]$/, ""));
  const base = m ? `${m[1]}_unused_${m[2]}${m[3]}` : `_unused_${name.replace(/\[\]$/, "")}`;
  return name.endsWith("[]") ? base + "[]" : base;
}

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

  /** The form's current fields as the browser would serialise them. */
  #fields(form: HTMLElement): [string, string][] {
    const out: [string, string][] = [];
    for (const el of form.querySelectorAll("input, select, textarea")) {
      const name = el.getAttribute("name");
      if (!name || el.hasAttribute("disabled")) continue;
      const tag = el.tagName.toLowerCase();
      const type = (el.getAttribute("type") ?? "text").toLowerCase();
      if (tag === "input") {
        if (["submit", "button", "reset", "file", "image"].includes(type)) continue;
        if ((type === "checkbox" || type === "radio") && !el.hasAttribute("checked")) continue;
        out.push([name, el.getAttribute("value") ?? (type === "checkbox" ? "on" : "")]);
      } else if (tag === "select") {
        const options = el.querySelectorAll("option");
        const selected = options.filter((o) => o.hasAttribute("selected"));
        const chosen = selected.length ? selected : options.slice(0, 1);
        for (const o of el.hasAttribute("multiple") ? selected : chosen) out.push([name, o.getAttribute("value") ?? o.textContent]);
      } else {
        out.push([name, el.textContent]);
      }
    }
    return out;
  }

  #encode(form: HTMLElement, values: FormInput, unused: boolean): { value: string; names: string[] } {
    const given = flatten(values);
    const givenNames = new Set(given.map(([n]) => n));
    const fields = this.#fields(form).filter(([n]) => !givenNames.has(n));
    const all = [...fields, ...given];
    const touched = this.#view.touched(this.#selector);
    const params = new URLSearchParams();
    for (const [name, value] of all) {
      if (unused && !touched.has(name)) params.append(unusedName(name), "");
      params.append(name, value);
    }
    return { value: params.toString(), names: given.map(([n]) => n) };
  }

  async #send(attr: string, values: FormInput, target: string | undefined, change: boolean, uploads = {}): Promise<string> {
    const form = this.#form();
    const b = binding(form.getAttribute(attr) ?? "");
    if (!b) throw new Error(`${this.#selector} has no ${attr} binding`);
    const touched = this.#view.touched(this.#selector);
    for (const [name] of flatten(values)) touched.add(name);
    const { value, names } = this.#encode(form, values, change);
    const meta: Record<string, unknown> = { ...phxValues(form) };
    if (change) meta._target = target ?? names[names.length - 1] ?? "undefined";
    const cid = targetCid(this.#view, form);
    await this.#view.push({
      type: "form",
      event: b.event,
      value,
      meta,
      ...(change ? { uploads } : {}),
      ...(cid !== undefined ? { cid } : {}),
    });
    return this.#view.html();
  }

  /** A phx-change as if the user typed `values` (marking those fields touched). */
  change(values: FormInput = {}, target?: string): Promise<string> {
    return this.#send("phx-change", values, target, true);
  }

  /** @internal the change a file input fires: `uploads` declares its files (uploads.ts) */
  __uploads(target: string, uploads: Record<string, unknown[]>): Promise<string> {
    return this.#send("phx-change", {}, target, true, uploads);
  }

  /** A phx-submit with the form's fields overridden by `values`. */
  submit(values: FormInput = {}): Promise<string> {
    return this.#send("phx-submit", values, undefined, false);
  }
}
