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
import { isJS, jsAttribute, type JS } from "./js.js";
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

// names already checked, with their lower case: the same few names come from code on every
// render; bounded, as a name may come from data
const checked = new Map<string, string>();
const CHECKED_MAX = 1024;
const MANY = 16;

function checkName(name: string): string {
  const known = checked.get(name);
  if (known !== undefined) return known;
  if (!NAME.test(name)) throw new TemplateError(`attrs(): ${JSON.stringify(name)} is not an attribute name`);
  const lower = name.toLowerCase();
  if (lower.startsWith("on"))
    throw new TemplateError(`attrs(): event handler attribute "${name}" cannot take a dynamic value: use phx-* bindings`);
  if (lower === "srcdoc") throw new TemplateError(`attrs(): srcdoc holds a whole HTML document: write it in the template with raw()`);
  if (checked.size < CHECKED_MAX) checked.set(name, lower);
  return lower;
}

function scalar(value: Scalar, url: boolean): string {
  if (value === null || value === undefined || value === false) return "";
  const text = value === true ? "true" : String(value);
  return escapeHtml(url ? sanitizeUrl(text) : text);
}

/** One attribute as ` name="value"`, ` name`, or "" (left out); `lower` is checkName's. */
function attribute(name: string, lower: string, value: unknown): string {
  if (value === false || value === null || value === undefined) return "";
  if (value === true) return " " + name;
  if (isJS(value)) return ` ${name}="${jsAttribute(value)}"`;
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
  // each name once, the common case: rendered in one pass. A tag has a few attributes, so
  // a search of the names seen finds one sooner than a Set is built; past MANY the Set
  // takes over, so that a long set stays linear
  const seen: string[] = [];
  let many: Set<string> | undefined;
  let html = "";
  for (const map of maps) {
    if (map === null || map === undefined) continue;
    for (const name of Object.keys(map)) {
      const lower = checkName(name);
      if (many ? many.has(lower) : seen.includes(lower)) return { [ATTRS]: true, html: merged(maps) };
      if (many) many.add(lower);
      else if (seen.push(lower) > MANY) many = new Set(seen);
      html += attribute(name, lower, map[name]);
    }
  }
  return { [ATTRS]: true, html };
}

/** The attributes when a name comes twice: by lower-case name, in the order first seen, the last name and value. */
function merged(maps: readonly (AttrMap | null | undefined)[]): string {
  const at = new Map<string, [name: string, value: unknown]>();
  for (const map of maps) {
    if (map === null || map === undefined) continue;
    for (const name of Object.keys(map)) {
      const lower = checkName(name);
      const entry = at.get(lower);
      if (entry) {
        entry[0] = name;
        entry[1] = map[name];
      } else at.set(lower, [name, map[name]]);
    }
  }
  let html = "";
  for (const [lower, [name, value]] of at) html += attribute(name, lower, value);
  return html;
}
