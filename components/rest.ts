/**
 * The attributes a component passes through from its caller to its main element, as
 * Phoenix's `{@rest}` does: phx-*, data-* and aria-* bindings, the global attributes and
 * the common form-control ones by name (so a typo fails to compile), any other through
 * `attrs`. The caller's `class` is added to the component's own classes.
 */
import { attrs, type AttrMap, type Attrs, type AttrValue } from "../shell/index.js";

/** Attributes a kit component passes through to its main element; see the module comment. */
export interface PassThrough {
  [binding: `phx-${string}`]: AttrValue;
  [data: `data-${string}`]: AttrValue;
  [aria: `aria-${string}`]: AttrValue;
  /** The element's id. */
  id?: string;
  /** Classes added after the component's own. */
  class?: AttrValue;
  /** Inline CSS. */
  style?: string;
  /** Advisory text (a tooltip). */
  title?: string;
  /** An ARIA role, over the element's own. */
  role?: string;
  /** Its place in the tab order. */
  tabindex?: number | string;
  /** Not shown. */
  hidden?: boolean;
  /** The language of its content. */
  lang?: string;
  /** Text direction: `ltr`, `rtl` or `auto`. */
  dir?: string;
  /** Focused when the page loads. */
  autofocus?: boolean;
  /** The control or button cannot be used; a disabled control is not sent with its form. */
  disabled?: boolean;
  /** A control's or button's name in the form's params. */
  name?: string;
  /** Shown while the control is empty; no substitute for a label. */
  placeholder?: string;
  /** What the browser may fill in (`email`, `current-password`, `off`). */
  autocomplete?: string;
  /** The browser refuses to submit the form without a value. */
  required?: boolean;
  /** The value is sent but cannot be edited. */
  readonly?: boolean;
  /** The least value (number, range, date and time inputs). */
  min?: number | string;
  /** The greatest value. */
  max?: number | string;
  /** The granularity of the value (`any` for none). */
  step?: number | string;
  /** The fewest characters of a text value. */
  minlength?: number;
  /** The most characters of a text value. */
  maxlength?: number;
  /** A regular expression the whole value must match. */
  pattern?: string;
  /** The virtual keyboard to show (`numeric`, `email`). */
  inputmode?: string;
  /** Whether the browser checks its spelling. */
  spellcheck?: boolean | "true" | "false";
  /** The file types a file input offers (`image/*`, `.pdf`). */
  accept?: string;
  /** A control's width in characters, or a select's visible options. */
  size?: number;
  /** A textarea's visible lines. */
  rows?: number;
  /** A textarea's width in characters. */
  cols?: number;
  /** Where a link opens (`_blank`). */
  target?: string;
  /** A link's relation to the page (`noopener`, `nofollow`). */
  rel?: string;
  /** A link that downloads its target: true, or the file name to save it as. */
  download?: boolean | string;
  /** Any other attribute. */
  attrs?: AttrMap;
}

/** A class list from strings, arrays and leftovers (false, null, "" are dropped). */
export function classList(...parts: AttrValue[]): string[] {
  const out: string[] = [];
  for (const part of parts) {
    if (Array.isArray(part)) out.push(...classList(...part));
    else if (typeof part === "string" || typeof part === "number")
      out.push(
        ...String(part)
          .split(/\s+/)
          .filter((c) => c !== ""),
      );
  }
  return out;
}

/**
 * The element's attributes: the component's `own` (which the caller may override, all
 * but `class`), the caller's, and one class list: `base` classes, then the caller's. Keys in
 * `skip` are the component's own props, not attributes.
 */
export function passThrough(rest: PassThrough, own: AttrMap, base: AttrValue = [], skip?: ReadonlySet<string>): Attrs {
  // a loop rather than `{ attrs, class, ...named }`: object rest is the slow part of a
  // link; the maps made only when there is something to put in them, for the same reason
  let named: Record<string, AttrValue> | undefined;
  for (const key of Object.keys(rest)) {
    if (key !== "attrs" && key !== "class" && !skip?.has(key)) (named ??= {})[key] = (rest as Record<string, AttrValue>)[key];
  }
  const none = rest.class === undefined && (base === "" || (Array.isArray(base) && base.length === 0));
  const classes = none ? [] : classList(base, rest.class ?? null);
  return attrs(own, named, rest.attrs, classes.length ? { class: classes } : NO_CLASS);
}

// the class list is this one attribute: any other `class` is left out
const NO_CLASS: AttrMap = Object.freeze({ class: null });
