/**
 * What JS commands leave in a test view's page, kept as the official client keeps it:
 * class, attribute and display changes are "sticky" (dom.ts putSticky) and re-applied
 * after every server patch, ignored attributes keep the browser's values, and focus moves
 * and is remembered. The test DOM is rebuilt from the wire after each diff, so elements
 * are recognised across renders by their id, or by their position under the nearest
 * ancestor with an id (what morphdom would keep).
 */
import type { HTMLElement } from "node-html-parser";

/** A DOM event a `JS.dispatch` fired, as a test can check it. */
export interface DispatchedEvent {
  readonly event: string;
  /** The element it was dispatched on (in the page as it was then). */
  readonly target: HTMLElement;
  readonly detail: Record<string, unknown>;
  readonly bubbles: boolean;
}

interface Sticky {
  display?: string;
  classes?: [adds: string[], removes: string[]];
  attrs?: [sets: [string, string][], removes: string[]];
  ignore?: string[];
}

export function isElement(node: unknown): node is HTMLElement {
  return typeof node === "object" && node !== null && (node as HTMLElement).nodeType === 1;
}

/** Element children: node-html-parser's `children` skips text nodes but not comments on every version. */
function childElements(el: HTMLElement): HTMLElement[] {
  return el.childNodes.filter(isElement);
}

/** The element's place in the page: `#id`, or `#ancestor-id/2/0` (element child indexes below it). */
export function keyOf(el: HTMLElement): string {
  const path: number[] = [];
  let node: HTMLElement = el;
  while (!node.id) {
    const parent = node.parentNode;
    if (!isElement(parent)) break;
    path.unshift(childElements(parent).indexOf(node));
    node = parent;
  }
  return [`#${node.id}`, ...path].join("/");
}

function byId(root: HTMLElement, id: string): HTMLElement | null {
  if (root.id === id) return root;
  for (const child of childElements(root)) {
    const found = byId(child, id);
    if (found) return found;
  }
  return null;
}

/** The element at `key` in `root`'s page, or null. */
export function elementAt(root: HTMLElement, key: string): HTMLElement | null {
  const [head, ...path] = key.split("/");
  let el = byId(root, head!.slice(1));
  for (const i of path) el = el ? (childElements(el)[Number(i)] ?? null) : null;
  return el;
}

export function classesOf(el: HTMLElement): string[] {
  return (el.getAttribute("class") ?? "").split(/\s+/).filter((c) => c !== "");
}

function setClasses(el: HTMLElement, list: string[]): void {
  if (list.length) el.setAttribute("class", list.join(" "));
  else el.removeAttribute("class");
}

/** The inline style's display, or undefined when it sets none. */
function inlineDisplay(el: HTMLElement): string | undefined {
  for (const decl of (el.getAttribute("style") ?? "").split(";")) {
    const [prop, value] = decl.split(":");
    if (prop?.trim().toLowerCase() === "display" && value !== undefined) return value.trim().toLowerCase();
  }
  return undefined;
}

function setDisplay(el: HTMLElement, display: string): void {
  const decls = (el.getAttribute("style") ?? "")
    .split(";")
    .map((d) => d.trim())
    .filter((d) => d !== "" && d.split(":")[0]!.trim().toLowerCase() !== "display");
  el.setAttribute("style", [...decls, `display: ${display}`].join("; "));
}

/** Without layout, visible means: no inline `display: none` and no `hidden` attribute (unless an inline display overrides it) on it or an ancestor. */
export function isVisible(el: HTMLElement): boolean {
  if (el.tagName === "INPUT" && el.getAttribute("type")?.toLowerCase() === "hidden") return false;
  for (let node: unknown = el; isElement(node); node = node.parentNode) {
    const display = inlineDisplay(node);
    if (display === "none") return false;
    if (display === undefined && node.hasAttribute("hidden")) return false;
  }
  return true;
}

const FORM_CONTROLS = new Set(["INPUT", "SELECT", "TEXTAREA", "BUTTON"]);

/** ARIA.isFocusable of the client, for a page without layout. */
function isFocusable(el: HTMLElement, interactiveOnly: boolean): boolean {
  if (!isVisible(el)) return false;
  const tag = el.tagName;
  const tabindex = el.getAttribute("tabindex");
  const ariaHidden = el.getAttribute("aria-hidden") === "true";
  if ((tag === "A" && el.getAttribute("rel") !== "ignore" && el.hasAttribute("href")) || (tag === "AREA" && el.hasAttribute("href")))
    return true;
  if (FORM_CONTROLS.has(tag) && !el.hasAttribute("disabled")) return true;
  if (tag === "IFRAME") return true;
  if (tabindex !== undefined && tabindex !== null && Number(tabindex) >= 0 && !ariaHidden) return true;
  return !interactiveOnly && tabindex !== undefined && tabindex !== null && !ariaHidden;
}

/** Matches ignore_attrs patterns as the client does (`*` is any run of characters). */
function ignored(name: string, patterns: string[]): boolean {
  return patterns.some((p) =>
    p.includes("*") ? new RegExp(`^${p.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`).test(name) : p === name,
  );
}

export class ClientState {
  readonly #sticky = new Map<string, Sticky>();
  readonly #focusStack: string[] = [];
  #focused: string | null = null;
  /** Every `JS.dispatch`, in order. */
  readonly dispatched: DispatchedEvent[] = [];

  #entry(el: HTMLElement): Sticky {
    const key = keyOf(el);
    let s = this.#sticky.get(key);
    if (!s) this.#sticky.set(key, (s = {}));
    return s;
  }

  /** The sticky class adds and removes of `el` so far. */
  stickyClasses(el: HTMLElement): [adds: readonly string[], removes: readonly string[]] {
    return this.#sticky.get(keyOf(el))?.classes ?? [[], []];
  }

  /** JS.addOrRemoveClasses without a transition: sticky adds and removes. */
  classes(el: HTMLElement, adds: string[], removes: string[]): void {
    const s = this.#entry(el);
    const [prevAdds, prevRemoves] = s.classes ?? [[], []];
    const has = classesOf(el);
    const keepAdds = adds.filter((n) => !prevAdds.includes(n) && !has.includes(n));
    const keepRemoves = removes.filter((n) => !prevRemoves.includes(n) && has.includes(n));
    s.classes = [
      prevAdds.filter((n) => !removes.includes(n)).concat(keepAdds),
      prevRemoves.filter((n) => !adds.includes(n)).concat(keepRemoves),
    ];
    applyClasses(el, s.classes);
  }

  /** JS.setOrRemoveAttrs: sticky sets and removes. */
  attrs(el: HTMLElement, sets: [string, string][], removes: string[]): void {
    const s = this.#entry(el);
    const [prevSets, prevRemoves] = s.attrs ?? [[], []];
    const altered = sets.map(([a]) => a).concat(removes);
    s.attrs = [
      prevSets.filter(([a]) => !altered.includes(a)).concat(sets),
      prevRemoves.filter((a) => !altered.includes(a)).concat(removes),
    ];
    applyAttrs(el, s.attrs);
  }

  display(el: HTMLElement, display: string): void {
    this.#entry(el).display = display;
    setDisplay(el, display);
  }

  ignoreAttrs(el: HTMLElement, patterns: string[]): void {
    this.#entry(el).ignore = patterns;
  }

  /** ARIA.attemptFocus: focuses `el` if it can take focus; true if it has it. */
  focus(el: HTMLElement, interactiveOnly = false): boolean {
    if (!isFocusable(el, interactiveOnly)) return false;
    this.#focused = keyOf(el);
    return true;
  }

  /** ARIA.focusFirstInteractive, else ARIA.focusFirst. */
  focusFirst(el: HTMLElement): void {
    const first = (node: HTMLElement, interactiveOnly: boolean): boolean =>
      childElements(node).some((child) => this.focus(child, interactiveOnly) || first(child, interactiveOnly));
    if (!first(el, true)) first(el, false);
  }

  pushFocus(el: HTMLElement): void {
    this.#focusStack.push(keyOf(el));
  }

  popFocus(root: HTMLElement): void {
    const key = this.#focusStack.pop();
    const el = key === undefined ? null : elementAt(root, key);
    // the client calls el.focus(): whatever the element, it gets focus if it can
    if (el) this.focus(el);
  }

  /** The focused element in `root`'s page, or null (the body). */
  focused(root: HTMLElement): HTMLElement | null {
    return this.#focused === null ? null : elementAt(root, this.#focused);
  }

  /**
   * After a server patch built `next` from scratch: ignored attributes keep their values
   * from `prev`, then every sticky change is applied again. State of elements that are
   * gone is dropped, as the client drops it with the element.
   */
  reapply(prev: HTMLElement, next: HTMLElement): void {
    for (const [key, s] of this.#sticky) {
      const el = elementAt(next, key);
      if (!el) {
        this.#sticky.delete(key);
        continue;
      }
      const old = s.ignore ? elementAt(prev, key) : null;
      if (old && s.ignore) {
        for (const name of Object.keys(el.attributes)) if (ignored(name, s.ignore) && !old.hasAttribute(name)) el.removeAttribute(name);
        for (const [name, value] of Object.entries(old.attributes)) if (ignored(name, s.ignore)) el.setAttribute(name, value);
      }
      if (s.attrs) applyAttrs(el, s.attrs);
      if (s.classes) applyClasses(el, s.classes);
      if (s.display !== undefined) setDisplay(el, s.display);
    }
  }
}

function applyClasses(el: HTMLElement, [adds, removes]: [string[], string[]]): void {
  const list = classesOf(el).filter((c) => !removes.includes(c));
  for (const c of adds) if (!list.includes(c)) list.push(c);
  setClasses(el, list);
}

function applyAttrs(el: HTMLElement, [sets, removes]: [[string, string][], string[]]): void {
  for (const a of removes) el.removeAttribute(a);
  for (const [a, v] of sets) el.setAttribute(a, v);
}
