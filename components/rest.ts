/**
 * The attributes a component passes through from its caller to its main element, as
 * Phoenix's `{@rest}` does: phx-*, data-* and aria-* bindings, the global attributes and
 * the common form-control ones by name (so a typo fails to compile), any other through
 * `attrs`. The caller's `class` is added to the component's own classes.
 */
import { attrs, type AttrMap, type Attrs, type AttrValue } from "../shell/index.js";

export interface PassThrough {
  [binding: `phx-${string}`]: AttrValue;
  [data: `data-${string}`]: AttrValue;
  [aria: `aria-${string}`]: AttrValue;
  id?: string;
  class?: AttrValue;
  style?: string;
  title?: string;
  role?: string;
  tabindex?: number | string;
  hidden?: boolean;
  lang?: string;
  dir?: string;
  autofocus?: boolean;
  disabled?: boolean;
  name?: string;
  placeholder?: string;
  autocomplete?: string;
  required?: boolean;
  readonly?: boolean;
  min?: number | string;
  max?: number | string;
  step?: number | string;
  minlength?: number;
  maxlength?: number;
  pattern?: string;
  inputmode?: string;
  spellcheck?: boolean | "true" | "false";
  accept?: string;
  size?: number;
  rows?: number;
  cols?: number;
  target?: string;
  rel?: string;
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
 * but `class`), the caller's, and one class list: `base` classes, then the caller's.
 */
export function passThrough(rest: PassThrough, own: AttrMap, base: AttrValue = []): Attrs {
  const { attrs: extra, class: callerClass, ...named } = rest;
  const classes = classList(base, callerClass ?? null);
  return attrs(own, named as AttrMap, extra, { class: classes.length ? classes : null });
}
