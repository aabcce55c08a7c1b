import { TemplateError } from "./errors.js";
import { URL_ATTRIBUTES } from "./escape.js";

const TEMPLATE = Symbol.for("lagoon.template");
const RAW = Symbol.for("lagoon.raw");
const KEEP = Symbol.for("lagoon.keep");

/**
 * The value of an `html` tagged template: the literal parts (statics, sent to a client
 * once) and the `${}` values (dynamics). `html` does no work; the renderer prepares the
 * statics once per call site. The brand is a symbol, so JSON from a client can never
 * pass for a template.
 */
export interface Template {
  readonly [TEMPLATE]: true;
  readonly strings: TemplateStringsArray;
  readonly values: readonly unknown[];
}

/** HTML that bypasses escaping. The only way around escaping: use it for trusted markup only. */
export interface Raw {
  readonly [RAW]: true;
  readonly html: string;
}

/**
 * Element content the client keeps once it has it: rendered when its slot is first sent
 * (the HTTP render, a join, a new parent) or when `key` changes, and skipped by later
 * renders, which neither call `render` nor send anything. For the children of a
 * `phx-update="ignore"` element, which the client never patches anyway (an island's
 * server-rendered HTML: re-rendering it on every props change would cost a React render
 * and wire bytes the client throws away).
 */
export interface Keep {
  readonly [KEEP]: true;
  readonly key: string;
  readonly render: () => unknown;
}

/** The template tag: html`<p>${name}</p>`. It only captures its parts; each value is escaped for its place when rendered. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Template {
  return { [TEMPLATE]: true, strings, values };
}

/** Trusted markup, written as is: the one way around escaping, so never pass it user input. */
export function raw(markup: string): Raw {
  return { [RAW]: true, html: String(markup) };
}

/** See {@link Keep}: `render` runs only when the slot is first sent or `key` changes. */
export function keep(key: string, render: () => unknown): Keep {
  return { [KEEP]: true, key: String(key), render };
}

// the call site of every slot template: one value and nothing around it
const SLOT_STRINGS = Object.freeze(Object.assign(["", ""], { raw: Object.freeze(["", ""]) })) as unknown as TemplateStringsArray;

/**
 * A template that is its one value and nothing else: rendered in its place, with no node
 * of its own, so a diff or the HTML is the value's. The layout's inner while the layout
 * is rendered (shell/layout-memo.ts), so where the layout put it can be found again.
 */
export function slot(value: unknown): Template {
  return { [TEMPLATE]: true, strings: SLOT_STRINGS, values: [value] };
}

export function isSlot(t: Template): boolean {
  return t.strings === SLOT_STRINGS;
}

export function isKeep(value: unknown): value is Keep {
  return typeof value === "object" && value !== null && (value as Keep)[KEEP] === true;
}

export function isTemplate(value: unknown): value is Template {
  return typeof value === "object" && value !== null && (value as Template)[TEMPLATE] === true;
}

export function isRaw(value: unknown): value is Raw {
  return typeof value === "object" && value !== null && (value as Raw)[RAW] === true;
}

/** Where a `${}` hole sits in the markup; decides how its value is written. */
export const enum Hole {
  /** Element content: escaped text, or nested templates, lists, components, streams. */
  Text = 0,
  /** Inside a quoted attribute value: escaped text. */
  AttrValue = 1,
  /** A whole attribute written `name=${v}`: renders ` name="v"`, ` name` (true) or nothing (false/null). */
  Attr = 2,
  /** Between attributes (`<input ${v}>`): attribute names, or a set from attrs(). */
  Tag = 3,
  /** Script context (<script>, <style>, on* and srcdoc attributes): JSON-encoded, inert as markup. */
  Script = 4,
}

export interface HoleInfo {
  readonly kind: Hole;
  /** Attribute name for Attr / AttrValue holes. */
  readonly name?: string;
  /** The hole starts a URL-valued attribute: its value is checked for script schemes. */
  readonly url?: boolean;
  /** Script holes inside an attribute value are HTML-escaped after JSON encoding. */
  readonly inAttr?: boolean;
}

/**
 * A call site's statics, analysed once. Invariant: `statics.length === holes.length + 1`.
 * `fp` (fingerprint) identifies the template: equal fp means the client already has the statics.
 */
export interface Prepared {
  readonly statics: readonly string[];
  readonly holes: readonly HoleInfo[];
  readonly fp: number;
  /** The markup is exactly one element (whitespace aside): required of component templates. */
  readonly singleRoot: boolean;
}

// Keyed on the TemplateStringsArray: one lookup per call site, never per render (hot path).
const cache = new WeakMap<TemplateStringsArray, Prepared>();
// Call sites with identical text share one Prepared, so their fingerprints match (as in Phoenix,
// where the fingerprint is a hash of the statics) and the client keeps the statics it has.
const byContent = new Map<string, Prepared>();
let nextFp = 1;

export function prepare(strings: TemplateStringsArray): Prepared {
  let prepared = cache.get(strings);
  if (prepared === undefined) {
    if (!Array.isArray(strings) || !Array.isArray((strings as TemplateStringsArray).raw)) {
      throw new TemplateError("html`` must be used as a tagged template literal");
    }
    const key = strings.join("\u0000");
    prepared = byContent.get(key);
    if (prepared === undefined) {
      prepared = analyse(strings);
      byContent.set(key, prepared);
    }
    cache.set(strings, prepared);
  }
  return prepared;
}

const VOID_ELEMENTS = new Set([
  "area",
  "base",
  "br",
  "col",
  "embed",
  "hr",
  "img",
  "input",
  "link",
  "meta",
  "param",
  "source",
  "track",
  "wbr",
]);
const RAW_TEXT_ELEMENTS = new Set(["script", "style"]);

const enum S {
  Text,
  TagOpen,
  EndTag,
  InTag,
  AttrName,
  AfterAttrName,
  BeforeValue,
  ValueDq,
  ValueSq,
  ValueUnq,
  Comment,
  RawText,
}

function showTemplate(strings: readonly string[]): string {
  return strings.join("${...}");
}

/**
 * A small HTML tokenizer over the statics that records the context of each hole. It does
 * not validate HTML; it only tracks enough state to escape each hole correctly.
 */
function analyse(strings: TemplateStringsArray): Prepared {
  const statics = strings.slice();
  const holes: HoleInfo[] = [];
  let state = S.Text;
  let tag = "";
  let attr = "";
  let attrStart = -1; // index of the attribute name in the current static, for Attr holes
  let valueLen = 0;
  let depth = 0;
  let roots = 0;
  let strayTopLevel = false;
  let closingTag = false;

  const fail = (why: string): never => {
    throw new TemplateError(`${why}\n  in html\`${showTemplate(strings)}\``);
  };

  for (let si = 0; si < statics.length; si++) {
    const s = strings[si]!;
    for (let i = 0; i < s.length; i++) {
      const c = s[i]!;
      switch (state) {
        case S.Text:
          if (c === "<") {
            const next = s[i + 1];
            if (s.startsWith("<!--", i)) {
              state = S.Comment;
              i += 3;
            } else if (next === "/") {
              state = S.EndTag;
              i++;
            } else if (next !== undefined && /[A-Za-z!]/.test(next)) {
              state = S.TagOpen;
              tag = "";
            } else if (next === undefined && si < strings.length - 1) {
              fail("dynamic tag names are not supported: use dynamicTag(name, attrs, content)");
            }
          } else if (depth === 0 && !/\s/.test(c)) {
            strayTopLevel = true;
          }
          break;
        case S.TagOpen:
          if (/[\s/>]/.test(c)) {
            tag = tag.toLowerCase();
            if (depth === 0) roots++;
            state = S.InTag;
            i--;
          } else {
            tag += c;
          }
          break;
        case S.EndTag:
          if (c === ">") {
            depth--;
            state = S.Text;
          }
          break;
        case S.InTag:
          if (c === ">") {
            closingTag = s[i - 1] === "/";
            if (tag.startsWith("!")) {
              // doctype: not an element
              if (depth === 0) roots--;
            } else if (!VOID_ELEMENTS.has(tag) && !closingTag) {
              depth++;
            }
            state = RAW_TEXT_ELEMENTS.has(tag) && !closingTag ? S.RawText : S.Text;
          } else if (!/[\s/]/.test(c)) {
            state = S.AttrName;
            attr = c;
            attrStart = i;
          }
          break;
        case S.AttrName:
          if (c === "=") {
            state = S.BeforeValue;
            valueLen = 0;
          } else if (/\s/.test(c)) {
            state = S.AfterAttrName;
          } else if (c === ">" || c === "/") {
            state = S.InTag;
            i--;
          } else {
            attr += c;
          }
          break;
        case S.AfterAttrName:
          if (c === "=") {
            state = S.BeforeValue;
            valueLen = 0;
          } else if (!/\s/.test(c)) {
            state = S.InTag;
            i--;
          }
          break;
        case S.BeforeValue:
          if (c === '"') state = S.ValueDq;
          else if (c === "'") state = S.ValueSq;
          else if (!/\s/.test(c)) {
            state = S.ValueUnq;
            i--;
          }
          break;
        case S.ValueDq:
        case S.ValueSq:
          if (c === (state === S.ValueDq ? '"' : "'")) state = S.InTag;
          else valueLen++;
          break;
        case S.ValueUnq:
          if (/\s/.test(c)) state = S.InTag;
          else if (c === ">") {
            state = S.InTag;
            i--;
          }
          break;
        case S.Comment:
          if (s.startsWith("-->", i)) {
            state = S.Text;
            i += 2;
          }
          break;
        case S.RawText:
          if (s.startsWith("</", i) && s.slice(i + 2, i + 2 + tag.length).toLowerCase() === tag) {
            state = S.EndTag;
            i++;
          }
          break;
      }
    }
    if (si === statics.length - 1) break;

    // the hole after static `si`
    const name = attr.toLowerCase();
    switch (state) {
      case S.Text:
      case S.Comment:
        if (depth === 0) strayTopLevel = true;
        holes.push({ kind: Hole.Text });
        break;
      case S.ValueDq:
      case S.ValueSq:
        // event handlers run their value as script, and srcdoc parses its value as a whole document
        if (name.startsWith("on") || name === "srcdoc") holes.push({ kind: Hole.Script, name, inAttr: true });
        else holes.push({ kind: Hole.AttrValue, name, url: valueLen === 0 && URL_ATTRIBUTES.has(name) });
        valueLen++;
        break;
      case S.BeforeValue: {
        if (attrStart < 0) fail(`attribute "${attr}" must be written in one piece before its \${}`);
        if (name.startsWith("on")) fail(`event handler attribute "${attr}" cannot take a dynamic value: use phx-* bindings`);
        if (name === "srcdoc") fail(`srcdoc holds a whole HTML document: quote it and pass trusted markup with raw()`);
        // move ` name=` into the dynamic, so false/null can drop the attribute entirely
        let cut = attrStart;
        while (cut > 0 && /\s/.test(s[cut - 1]!)) cut--;
        statics[si] = s.slice(0, cut);
        holes.push({ kind: Hole.Attr, name: attr, url: URL_ATTRIBUTES.has(name) });
        state = S.InTag;
        break;
      }
      case S.InTag:
      case S.AfterAttrName: {
        // the value brings its own leading space (or nothing at all)
        let cut = s.length;
        while (cut > 0 && /\s/.test(s[cut - 1]!)) cut--;
        statics[si] = s.slice(0, cut);
        holes.push({ kind: Hole.Tag });
        state = S.InTag;
        break;
      }
      case S.RawText:
        holes.push({ kind: Hole.Script });
        break;
      case S.TagOpen:
        fail("dynamic tag names are not supported: use dynamicTag(name, attrs, content)");
        break;
      case S.AttrName:
        fail("dynamic attribute names are not supported: pass a whole attribute with name=${value}");
        break;
      case S.ValueUnq:
        fail(`quote attribute "${attr}": its value mixes text and a dynamic`);
        break;
      case S.EndTag:
        fail("dynamic closing tags are not supported");
        break;
    }
    // a new static begins: attribute name offsets restart
    attrStart = -1;
  }

  return { statics, holes, fp: nextFp++, singleRoot: roots === 1 && !strayTopLevel && depth === 0 };
}
