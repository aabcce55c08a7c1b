/**
 * JS commands: client-side effects the official LiveView client runs without asking the
 * server (show a dialog, toggle a class, move focus), chained with pushes to it.
 *
 *   html`<button phx-click=${JS.push("delete", { value: { id } }).hide({ to: "#confirm" })}>Delete</button>`
 *
 * `JS` is the empty list; every method returns a new list with one more command, so a
 * list can be kept in a constant and extended. In a template it renders as the JSON the
 * client's js.js reads (`[["push",{"event":"delete",...}],["hide",{"to":"#confirm"}]]`),
 * HTML-escaped for its attribute. Options left out are not sent: the client applies its
 * defaults (200 ms transitions, `display: block`, blocking transitions). Arguments are
 * checked when the command is built, so a bad selector or URL throws in the code that
 * wrote it, never in the browser.
 */
import { LagoonError } from "./errors.js";
import { escapeHtml, sanitizeUrl, URL_ATTRIBUTES } from "./escape.js";
import { checkNavigation, type NavigationKind } from "./urls.js";

const JS_BRAND = Symbol.for("lagoon.js");

/** The elements a command acts on: a document selector, the closest ancestor matching one, or the matching descendants. Default: the element whose binding ran. */
export type JSTarget = string | { readonly closest: string } | { readonly inner: string };

/** Classes for a transition: `"run"` (classes applied while it runs), or `[run, start, end]`, each a space-separated class list. */
export type JSTransition = string | readonly [string, string, string];

/** Options of the commands that act on elements. */
export interface JSTargetOptions {
  /** The elements to act on; default the element whose binding ran. */
  to?: JSTarget;
}

/** Options of the commands that can run a transition while they act (hide, addClass, ...). */
export interface JSTransitionOptions extends JSTargetOptions {
  /** Classes applied for the transition's time; none by default. */
  transition?: JSTransition;
  /** Milliseconds the transition takes (client default 200). */
  time?: number;
  /** false: server patches are not held back while it runs (client default true). */
  blocking?: boolean;
}

/** Options of `show`: a transition and the display to show with. */
export interface JSShowOptions extends JSTransitionOptions {
  /** CSS display once shown (client default `block`; `table-row` for tr, `table-cell` for td). */
  display?: string;
}

/** Options of `toggle`: a transition for each direction. */
export interface JSToggleOptions extends JSTargetOptions {
  /** Transition when showing. */
  in?: JSTransition;
  /** Transition when hiding. */
  out?: JSTransition;
  /** Milliseconds a transition takes (client default 200). */
  time?: number;
  /** CSS display once shown (client default `block`; `table-row` for tr, `table-cell` for td). */
  display?: string;
  /** false: server patches are not held back while it runs (client default true). */
  blocking?: boolean;
}

/** Options of `push`: what goes with the event, and where it goes. */
export interface JSPushOptions {
  /** Merged over the element's phx-value-* attributes and value. */
  value?: Record<string, unknown>;
  /** A live component (`myself`) or a selector of elements whose view or component gets the event. */
  target?: number | string;
  /** Elements that get the phx-<event>-loading class until the reply. */
  loading?: string;
  /** Dispatch phx:page-loading-start/stop around the push (for a progress bar). */
  pageLoading?: boolean;
}

/** Options of `dispatch`: the DOM event's detail and bubbling. */
export interface JSDispatchOptions extends JSTargetOptions {
  /** The CustomEvent's detail (the client adds `dispatcher`, the source element). */
  detail?: Record<string, unknown>;
  /** Client default true. */
  bubbles?: boolean;
  /** Hold server patches until a listener calls `event.detail.done()`. */
  blocking?: boolean;
}

/** Options of `navigate` and `patch`. */
export interface JSNavigateOptions {
  /** Replace the current history entry instead of pushing one. */
  replace?: boolean;
}

/** One command as the client reads it: `[kind, args]`. */
export type JSOp = readonly [string, Readonly<Record<string, unknown>>];

/** Why a command could not be built; thrown where it was written. */
export class JSCommandError extends LagoonError {
  constructor(command: string, message: string) {
    super("js_command", `JS.${command}: ${message}`);
    this.name = "JSCommandError";
  }
}

// C0 controls and DEL: never part of a selector, class or event name a client can use
const CONTROL = /[\u0000-\u001f\u007f]/;
const ATTR_NAME = /^[A-Za-z_:][-A-Za-z0-9_:.]*$/;
const ATTR_PATTERN = /^[A-Za-z_:*][-A-Za-z0-9_:.*]*$/;
const DISPLAY = /^[a-z]+(?:-[a-z]+)*$/;
// resolves relative targets only: any absolute URL is on "another site" and refused
const NO_ORIGIN = new URL("http://lagoon.invalid/");

function selector(command: string, value: unknown, what = "selector"): string {
  if (typeof value !== "string" || value.trim() === "") throw new JSCommandError(command, `the ${what} must be a non-empty string`);
  if (value.length > 1000 || CONTROL.test(value))
    throw new JSCommandError(command, `invalid ${what} ${JSON.stringify(value.slice(0, 80))}`);
  return value;
}

function target(command: string, to: unknown): unknown {
  if (typeof to === "string") return selector(command, to);
  if (typeof to === "object" && to !== null) {
    const keys = Object.keys(to);
    if (keys.length === 1 && (keys[0] === "closest" || keys[0] === "inner")) {
      const key = keys[0];
      return { [key]: selector(command, (to as Record<string, unknown>)[key], `${key} selector`) };
    }
  }
  throw new JSCommandError(command, `"to" must be a selector, { closest: selector } or { inner: selector }`);
}

function classNames(command: string, names: unknown): string[] {
  const list = typeof names === "string" ? names.split(/\s+/) : Array.isArray(names) ? names.flatMap((n) => String(n).split(/\s+/)) : null;
  if (!list) throw new JSCommandError(command, "class names must be a string or an array of strings");
  const out = list.filter((n) => n !== "");
  if (out.length === 0) throw new JSCommandError(command, "needs at least one class name");
  if (out.some((n) => CONTROL.test(n) || n.length > 200)) throw new JSCommandError(command, "invalid class name");
  return out;
}

function transition(command: string, value: unknown): string[][] {
  if (typeof value === "string") return [classNames(command, value), [], []];
  if (Array.isArray(value) && value.length === 3) {
    return value.map((part: unknown) => {
      if (typeof part !== "string") throw new JSCommandError(command, "a transition is a string or [run, start, end] strings");
      return part.trim() === "" ? [] : classNames(command, part);
    });
  }
  throw new JSCommandError(command, "a transition is a string or [run, start, end] strings");
}

function time(command: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > 600_000) {
    throw new JSCommandError(command, "time must be a whole number of milliseconds (0 to 600000)");
  }
  return value;
}

function flag(command: string, name: string, value: unknown): boolean {
  if (typeof value !== "boolean") throw new JSCommandError(command, `${name} must be true or false`);
  return value;
}

function attrName(command: string, name: unknown): string {
  if (typeof name !== "string" || !ATTR_NAME.test(name))
    throw new JSCommandError(command, `invalid attribute name ${JSON.stringify(name)}`);
  const lower = name.toLowerCase();
  // an attribute set in the browser is as dangerous as one rendered: no script through it
  if (lower.startsWith("on") || lower === "srcdoc") throw new JSCommandError(command, `"${name}" would run script; use phx-* bindings`);
  return name;
}

function attrValue(command: string, name: string, value: unknown): string {
  if (typeof value !== "string" && typeof value !== "number") throw new JSCommandError(command, `the value of "${name}" must be a string`);
  const text = String(value);
  return URL_ATTRIBUTES.has(name.toLowerCase()) ? sanitizeUrl(text) : text;
}

function plainObject(command: string, name: string, value: unknown): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value) || Object.getPrototypeOf(value) !== Object.prototype) {
    throw new JSCommandError(command, `${name} must be a plain object`);
  }
  return value as Record<string, unknown>;
}

function eventName(command: string, value: unknown): string {
  if (typeof value !== "string" || value === "" || value.length > 200 || CONTROL.test(value)) {
    throw new JSCommandError(command, "the event name must be a non-empty string");
  }
  return value;
}

function href(command: NavigationKind, value: unknown): string {
  try {
    return checkNavigation(command, value, NO_ORIGIN);
  } catch (e) {
    throw new JSCommandError(command, `${(e as Error).message}; it must be a path of this site`);
  }
}

function unknownOptions(command: string, opts: object, allowed: readonly string[]): void {
  for (const key of Object.keys(opts)) {
    if (!allowed.includes(key)) throw new JSCommandError(command, `unknown option "${key}"; expected one of ${allowed.join(", ")}`);
  }
}

/** `to`, `transition`, `time`, `blocking` (the options most commands share), as sent. */
function common(command: string, opts: JSTransitionOptions & { display?: string }, allowed: readonly string[]): Record<string, unknown> {
  unknownOptions(command, opts, allowed);
  const args: Record<string, unknown> = {};
  if (opts.to !== undefined) args.to = target(command, opts.to);
  if (opts.transition !== undefined) args.transition = transition(command, opts.transition);
  if (opts.time !== undefined) args.time = time(command, opts.time);
  if (opts.display !== undefined) {
    if (typeof opts.display !== "string" || !DISPLAY.test(opts.display))
      throw new JSCommandError(command, "display must be a CSS display value");
    args.display = opts.display;
  }
  if (opts.blocking !== undefined) args.blocking = flag(command, "blocking", opts.blocking);
  return args;
}

const TO = ["to"] as const;
const TRANSITION = ["to", "transition", "time", "blocking"] as const;
const SHOW = ["to", "transition", "time", "display", "blocking"] as const;

let attributeOf: (js: JSCommands) => string;

/** A list of JS commands (immutable). See the module comment. */
export class JSCommands {
  readonly [JS_BRAND] = true;
  readonly ops: readonly JSOp[];
  // the list never changes, and one kept in a constant renders on every page
  #json: string | undefined;
  #attribute: string | undefined;

  static {
    // a list from another copy of this module carries the brand but not these fields
    attributeOf = (js) => (#attribute in js ? (js.#attribute ??= escapeHtml(js.toString())) : escapeHtml(String(js as unknown)));
  }

  /** @internal use `JS` and its methods */
  constructor(ops: readonly JSOp[]) {
    this.ops = Object.freeze(ops);
  }

  #add(kind: string, args: Record<string, unknown>): JSCommands {
    return new JSCommands([...this.ops, Object.freeze([kind, Object.freeze(args)]) as JSOp]);
  }

  /** Sends `event` to the server (the element's view, or `target`), as a plain binding would. */
  push(event: string, opts: JSPushOptions = {}): JSCommands {
    unknownOptions("push", opts, ["value", "target", "loading", "pageLoading"]);
    const args: Record<string, unknown> = { event: eventName("push", event) };
    if (opts.target !== undefined) {
      const t = opts.target;
      if (typeof t === "number") {
        if (!Number.isInteger(t) || t < 0) throw new JSCommandError("push", "target must be a component (myself) or a selector");
        args.target = t;
      } else args.target = selector("push", t, "target selector");
    }
    if (opts.loading !== undefined) args.loading = selector("push", opts.loading, "loading selector");
    if (opts.pageLoading !== undefined) args.page_loading = flag("push", "pageLoading", opts.pageLoading);
    if (opts.value !== undefined) args.value = plainObject("push", "value", opts.value);
    return this.#add("push", args);
  }

  /** Shows the elements (only those not visible), with an optional transition. */
  show(opts: JSShowOptions = {}): JSCommands {
    return this.#add("show", common("show", opts, SHOW));
  }

  /** Hides the elements (only those visible), with an optional transition. */
  hide(opts: JSTransitionOptions = {}): JSCommands {
    return this.#add("hide", common("hide", opts, TRANSITION));
  }

  /** Shows hidden elements and hides visible ones; `in` and `out` are the two transitions. */
  toggle(opts: JSToggleOptions = {}): JSCommands {
    const { in: ins, out: outs, ...rest } = opts;
    const args = common("toggle", rest, ["to", "time", "display", "blocking"]);
    if (ins !== undefined) args.ins = transition("toggle", ins);
    if (outs !== undefined) args.outs = transition("toggle", outs);
    return this.#add("toggle", args);
  }

  /** Adds classes that stay across server patches. */
  addClass(names: string | readonly string[], opts: JSTransitionOptions = {}): JSCommands {
    return this.#add("add_class", { names: classNames("addClass", names), ...common("addClass", opts, TRANSITION) });
  }

  removeClass(names: string | readonly string[], opts: JSTransitionOptions = {}): JSCommands {
    return this.#add("remove_class", { names: classNames("removeClass", names), ...common("removeClass", opts, TRANSITION) });
  }

  /** Adds the classes an element lacks and removes those it has. */
  toggleClass(names: string | readonly string[], opts: JSTransitionOptions = {}): JSCommands {
    return this.#add("toggle_class", { names: classNames("toggleClass", names), ...common("toggleClass", opts, TRANSITION) });
  }

  /** Applies transition classes for `time` ms, then removes them. */
  transition(classes: JSTransition, opts: JSTargetOptions & { time?: number; blocking?: boolean } = {}): JSCommands {
    return this.#add("transition", {
      transition: transition("transition", classes),
      ...common("transition", opts, ["to", "time", "blocking"]),
    });
  }

  /** Sets an attribute (kept across server patches). URL attributes are sanitized; `on*` is refused. */
  setAttribute(name: string, value: string, opts: JSTargetOptions = {}): JSCommands {
    const attr = attrName("setAttribute", name);
    return this.#add("set_attr", { attr: [attr, attrValue("setAttribute", attr, value)], ...common("setAttribute", opts, TO) });
  }

  removeAttribute(name: string, opts: JSTargetOptions = {}): JSCommands {
    return this.#add("remove_attr", { attr: attrName("removeAttribute", name), ...common("removeAttribute", opts, TO) });
  }

  /**
   * `value`: a present attribute is removed, an absent one set to `value`.
   * `[on, off]`: the attribute swaps between the two (absent counts as `off`).
   */
  toggleAttribute(name: string, value: string | readonly [string, string], opts: JSTargetOptions = {}): JSCommands {
    const attr = attrName("toggleAttribute", name);
    const values = typeof value === "string" ? [value] : Array.isArray(value) && value.length === 2 ? value : null;
    if (!values) throw new JSCommandError("toggleAttribute", "the value is a string or [on, off]");
    return this.#add("toggle_attr", {
      attr: [attr, ...values.map((v) => attrValue("toggleAttribute", attr, v))],
      ...common("toggleAttribute", opts, TO),
    });
  }

  /** Server patches leave these attributes as the browser has them (`*` is a wildcard: `data-*`). */
  ignoreAttributes(names: string | readonly string[], opts: JSTargetOptions = {}): JSCommands {
    const list = typeof names === "string" ? [names] : [...names];
    if (list.length === 0 || list.some((n) => typeof n !== "string" || !ATTR_PATTERN.test(n))) {
      throw new JSCommandError("ignoreAttributes", "needs attribute names (with * wildcards)");
    }
    return this.#add("ignore_attrs", { attrs: list, ...common("ignoreAttributes", opts, TO) });
  }

  /** Dispatches a DOM event (a CustomEvent; `"click"` a MouseEvent) on the elements. */
  dispatch(event: string, opts: JSDispatchOptions = {}): JSCommands {
    const { detail, bubbles, blocking, ...rest } = opts;
    const args: Record<string, unknown> = { event: eventName("dispatch", event), ...common("dispatch", rest, TO) };
    if (detail !== undefined) {
      if (event === "click") throw new JSCommandError("dispatch", "click events cannot carry a detail");
      const d = plainObject("dispatch", "detail", detail);
      if (blocking && Object.hasOwn(d, "done")) throw new JSCommandError("dispatch", "a blocking dispatch sets detail.done itself");
      args.detail = d;
    }
    if (bubbles !== undefined) args.bubbles = flag("dispatch", "bubbles", bubbles);
    if (blocking === true) args.blocking = true;
    else if (blocking !== undefined) flag("dispatch", "blocking", blocking);
    return this.#add("dispatch", args);
  }

  focus(opts: JSTargetOptions = {}): JSCommands {
    return this.#add("focus", common("focus", opts, TO));
  }

  /** Focuses the first interactive descendant (else the first focusable one). */
  focusFirst(opts: JSTargetOptions = {}): JSCommands {
    return this.#add("focus_first", common("focusFirst", opts, TO));
  }

  /** Remembers the element (default: the one whose binding ran) for `popFocus`. */
  pushFocus(opts: JSTargetOptions = {}): JSCommands {
    return this.#add("push_focus", common("pushFocus", opts, TO));
  }

  /** Focuses the element last remembered by `pushFocus`. */
  popFocus(): JSCommands {
    return this.#add("pop_focus", {});
  }

  /** Live navigation to another view of the live session (a page load outside it). */
  navigate(to: string, opts: JSNavigateOptions = {}): JSCommands {
    unknownOptions("navigate", opts, ["replace"]);
    return this.#add("navigate", { href: href("navigate", to), replace: flag("navigate", "replace", opts.replace ?? false) });
  }

  /** Patches the URL of this view (its handleParams runs). */
  patch(to: string, opts: JSNavigateOptions = {}): JSCommands {
    unknownOptions("patch", opts, ["replace"]);
    return this.#add("patch", { href: href("patch", to), replace: flag("patch", "replace", opts.replace ?? false) });
  }

  /** Runs the commands stored in attribute `attr` of the elements (default: this one), as if they were theirs. */
  exec(attr: string, opts: JSTargetOptions = {}): JSCommands {
    return this.#add("exec", { attr: attrName("exec", attr), ...common("exec", opts, TO) });
  }

  /** These commands followed by those of `others`. */
  concat(...others: JSCommands[]): JSCommands {
    for (const o of others) if (!isJS(o)) throw new JSCommandError("concat", "expects JS command lists");
    return new JSCommands([...this.ops, ...others.flatMap((o) => o.ops)]);
  }

  toJSON(): readonly JSOp[] {
    return this.ops;
  }

  /** The JSON the client reads (not yet HTML-escaped). */
  toString(): string {
    return (this.#json ??= JSON.stringify(this.ops));
  }
}

/** The commands as an attribute's value: their JSON, HTML-escaped. */
export function jsAttribute(js: JSCommands): string {
  return attributeOf(js);
}

/** The empty command list: start every chain here, `JS.show({ to: "#menu" })`. */
export const JS = new JSCommands([]);
export type JS = JSCommands;

export function isJS(value: unknown): value is JSCommands {
  return typeof value === "object" && value !== null && (value as JSCommands)[JS_BRAND] === true;
}
