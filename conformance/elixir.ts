/**
 * What the suite's pages print the way Elixir and HEEx print it: `inspect/1` output that
 * tests assert on, `options_for_select`, the markup of Phoenix's function components
 * (`<.link>`, `<.focus_wrap>`, `<.portal>`). JS commands are Lagoon's own (`JS`).
 */
import { html, type Template } from "lagoon";

/** Elixir's `inspect/1` for the values these pages show: strings quoted, maps `%{...}`, lists `[...]`, atoms `:a`. */
export function inspect(value: unknown): string {
  if (value === null || value === undefined) return "nil";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value instanceof Atom) return value.name === "nil" || value.name === "true" || value.name === "false" ? value.name : `:${value.name}`;
  if (Array.isArray(value)) return `[${value.map(inspect).join(", ")}]`;
  if (value instanceof Tuple) return `{${value.items.map(inspect).join(", ")}}`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return "%{}";
    // atom keys print as `key: v`, string keys as `"key" => v`
    const atomKeys = value instanceof AtomMap;
    return `%{${entries.map(([k, v]) => (atomKeys ? `${k}: ${inspect(v)}` : `${JSON.stringify(k)} => ${inspect(v)}`)).join(", ")}}`;
  }
  return String(value);
}

/** An atom, for `inspect`. */
export class Atom {
  constructor(readonly name: string) {}
}
export const atom = (name: string) => new Atom(name);

/** A tuple, for `inspect`. */
export class Tuple {
  readonly items: unknown[];
  constructor(...items: unknown[]) {
    this.items = items;
  }
}

/** A map with atom keys (`%{id: 1}`), for `inspect`. */
export class AtomMap {
  constructor(fields: Record<string, unknown>) {
    Object.assign(this, fields);
  }
}

/** `Phoenix.HTML.Form.options_for_select/2`: plain values or `[label, value]` pairs; `selected` a value or a list of them. */
export function optionsForSelect(options: Iterable<unknown>, selected: unknown): Template[] {
  const chosen = new Set((Array.isArray(selected) ? selected : selected === undefined || selected === null ? [] : [selected]).map(String));
  return [...options].map((opt) => {
    const [label, value] = Array.isArray(opt) ? [String(opt[0]), String(opt[1])] : [String(opt), String(opt)];
    return html`<option value=${value} selected=${chosen.has(value)}>${label}</option>`;
  });
}

/** `<.link navigate=...>` / `<.link patch=...>`. */
export function link(
  opts: { navigate?: string; patch?: string; replace?: boolean; style?: string; class?: string; id?: string },
  content: unknown,
): Template {
  const href = opts.navigate ?? opts.patch ?? "#";
  const kind = opts.navigate !== undefined ? "redirect" : opts.patch !== undefined ? "patch" : null;
  return html`<a href=${href} id=${opts.id} data-phx-link=${kind} data-phx-link-state=${kind ? (opts.replace ? "replace" : "push") : null} style=${opts.style} class=${opts.class}>${content}</a>`;
}

/** `<.focus_wrap id=... class=...>`: the FocusWrap hook between two focus sentinels. */
export function focusWrap(id: string, attrs: { class?: string; extra?: Template }, content: unknown): Template {
  return html`<div id=${id} phx-hook="Phoenix.FocusWrap" class=${attrs.class}><div id=${id + "-start"} tabindex="0" aria-hidden="true"></div>${content}<div id=${id + "-end"} tabindex="0" aria-hidden="true"></div></div>`;
}

/** `<.portal id target class>`: the client teleports the template's content to `target`. */
export function portal(id: string, target: string, content: unknown, cls?: string): Template {
  return html`<template id=${id} data-phx-portal=${target}><div id=${"_lv_portal_wrap_" + id} class=${cls}>${content}</div></template>`;
}

/** Elixir's `System.unique_integer/0`: negative, unique in the process. */
let unique = -576460752303423;
export const uniqueInteger = () => (unique -= 7);

/** `DateTime.utc_now()` as HEEx interpolates it: `2026-01-01 12:00:00.123456Z`. */
export function utcNow(): string {
  const iso = new Date().toISOString(); // 2026-01-01T12:00:00.123Z
  const micros = String(Math.floor((performance.now() % 1) * 1000)).padStart(3, "0");
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}${micros}Z`;
}
