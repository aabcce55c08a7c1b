/**
 * Attribute spread: a set of attributes passed as one value between a tag's attributes,
 * so components can take attributes from their caller and pass them through.
 *
 *   html`<input ${attrs({ id, name, value, disabled: true, "phx-click": JS.focus() })}>`
 *
 * Each value is escaped for a quoted attribute; URL attributes (href, src, action, ...)
 * have script schemes blocked; `true` renders the bare name and false/null/undefined
 * leave the attribute out; arrays are joined with spaces (class lists); JS commands
 * render as their JSON. Names are checked, and event handler attributes (`on*`) and
 * `srcdoc` are refused as they are in templates. The set is rendered when `attrs()` is
 * called, so a bad name throws in the code that wrote it.
 */
import { TemplateError } from "./errors.js";
import { escapeHtml, sanitizeUrl, URL_ATTRIBUTES } from "./escape.js";
import { isJS, type JS } from "./js.js";
import { isRaw, isTemplate, type Raw } from "./template.js";

const ATTRS = Symbol.for("lagoon.attrs");
const NAME = /^[A-Za-z_:][-A-Za-z0-9_:.]*$/;

type Scalar = string | number | bigint | boolean | null | undefined;
/** What an attribute can be given: text, a flag, a class list, JS commands, or trusted `raw()` text. */
export type AttrValue = Scalar | JS | Raw | readonly Scalar[];
/** Attributes by name for `attrs()`; a false, null or undefined value leaves its attribute out. */
export type AttrMap = Readonly<Record<string, AttrValue>>;

/** Rendered attributes, each with its leading space; placed in a tag (`<div ${a}>`). */
export interface Attrs {
  readonly [ATTRS]: true;
  readonly html: string;
}

export function isAttrs(value: unknown): value is Attrs {
  return typeof value === "object" && value !== null && (value as Attrs)[ATTRS] === true;
}

function checkName(name: string): string {
  if (!NAME.test(name)) throw new TemplateError(`attrs(): ${JSON.stringify(name)} is not an attribute name`);
  const lower = name.toLowerCase();
  if (lower.startsWith("on"))
    throw new TemplateError(`attrs(): event handler attribute "${name}" cannot take a dynamic value: use phx-* bindings`);
  if (lower === "srcdoc") throw new TemplateError(`attrs(): srcdoc holds a whole HTML document: write it in the template with raw()`);
  return lower;
}

function scalar(value: Scalar, url: boolean): string {
  if (value === null || value === undefined || value === false) return "";
  const text = value === true ? "true" : String(value);
  return escapeHtml(url ? sanitizeUrl(text) : text);
}

/** One attribute as ` name="value"`, ` name`, or "" (left out). */
function attribute(name: string, value: unknown): string {
  const lower = checkName(name);
  if (value === false || value === null || value === undefined) return "";
  if (value === true) return " " + name;
  if (isJS(value)) return ` ${name}="${escapeHtml(value.toString())}"`;
  if (isRaw(value)) return ` ${name}="${value.html}"`;
  if (Array.isArray(value)) {
    const parts = (value as Scalar[]).map((v) => scalar(v, false)).filter((s) => s !== "");
    return ` ${name}="${parts.join(" ")}"`;
  }
  if (typeof value === "object" || typeof value === "function" || typeof value === "symbol") {
    const what = isTemplate(value) ? "a template" : typeof value;
    throw new TemplateError(`attrs(): attribute "${name}" cannot take ${what}`);
  }
  return ` ${name}="${scalar(value as Scalar, URL_ATTRIBUTES.has(lower))}"`;
}

/**
 * Renders the maps as attributes for a tag (see the module comment). For a name given
 * more than once (in any case) the last map wins: `attrs(defaults, callerAttrs)`.
 */
export function attrs(...maps: (AttrMap | null | undefined)[]): Attrs {
  const merged = new Map<string, [string, unknown]>();
  for (const map of maps) {
    if (map === null || map === undefined) continue;
    for (const [name, value] of Object.entries(map)) merged.set(name.toLowerCase(), [name, value]);
  }
  let html = "";
  for (const [name, value] of merged.values()) html += attribute(name, value);
  return { [ATTRS]: true, html: intern(html) };
}

/**
 * Rendered sets repeat across views (a layout's nav links, a flash's commands), and each
 * view's diff state holds the ones it last sent: those views share one copy. Bounded, so
 * that distinct values cannot grow it: cleared when full, long ones never kept.
 */
const interned = new Map<string, string>();
const MAX_INTERNED = 4096;
const MAX_INTERNED_LENGTH = 512;

function intern(html: string): string {
  const known = interned.get(html);
  if (known !== undefined) return known;
  if (html.length > MAX_INTERNED_LENGTH) return html;
  if (interned.size >= MAX_INTERNED) interned.clear();
  interned.set(html, html);
  return html;
}
