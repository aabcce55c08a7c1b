/**
 * An element whose tag name is chosen at render time (a heading level, a link or a
 * button): `dynamicTag("h2", attrs({ id }), content)`.
 *
 * Templates cannot have dynamic tag names (the name is part of the statics), so each tag
 * name gets statics of its own, `<name` + attributes + `>` + content + `</name>`, built
 * once and reused: the client receives them once per name, like any template's. Names
 * are checked against the HTML elements (raw-text ones, script and style, are refused:
 * their content would not be escaped for them) and custom element names.
 */
import { TemplateError } from "./errors.js";
import { attrs, isAttrs, type AttrMap, type Attrs } from "./attrs.js";
import { html, type Template } from "./template.js";

const ELEMENTS = new Set(
  (
    "a abbr address article aside audio b bdi bdo blockquote button canvas caption cite code colgroup data datalist dd del " +
    "details dfn dialog div dl dt em fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup i ins kbd " +
    "label legend li main map mark menu meter nav ol optgroup option output p picture pre progress q rp rt ruby " +
    "s samp search section select slot small span strong sub summary sup svg table tbody td template textarea tfoot th thead " +
    "time tr u ul var video"
  ).split(" "),
);
const VOID = new Set("area base br col embed hr img input link meta source track wbr".split(" "));
const CUSTOM = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)+$/;
// custom names are cached like the others; a bound keeps a name chosen from input from growing it
const MAX_CUSTOM = 256;

const statics = new Map<string, TemplateStringsArray>();
let custom = 0;

function stringsFor(name: string): TemplateStringsArray {
  let s = statics.get(name);
  if (s) return s;
  if (!ELEMENTS.has(name) && !VOID.has(name)) {
    if (!CUSTOM.test(name)) throw new TemplateError(`dynamicTag: "${name.slice(0, 40)}" is not an HTML element name`);
    if (++custom > MAX_CUSTOM) throw new TemplateError(`dynamicTag: more than ${MAX_CUSTOM} custom element names`);
  }
  // the space ends the tag name for the template tokenizer: the hole is between attributes
  const parts = VOID.has(name) ? [`<${name} `, `>`] : [`<${name} `, `>`, `</${name}>`];
  s = Object.freeze(Object.assign(parts.slice(), { raw: Object.freeze(parts.slice()) })) as unknown as TemplateStringsArray;
  statics.set(name, s);
  return s;
}

/** `<name ...attributes>content</name>`; void elements (`input`, `br`, ...) take no content. */
export function dynamicTag(name: string, attributes?: Attrs | AttrMap | null, content?: unknown): Template {
  if (typeof name !== "string") throw new TemplateError("dynamicTag: the tag name must be a string");
  const lower = name.toLowerCase();
  const s = stringsFor(lower);
  const a = attributes === null || attributes === undefined ? "" : isAttrs(attributes) ? attributes : attrs(attributes);
  if (VOID.has(lower)) {
    if (content !== undefined && content !== null && content !== "") throw new TemplateError(`dynamicTag: <${lower}> takes no content`);
    return html(s, a);
  }
  return html(s, a, content);
}
