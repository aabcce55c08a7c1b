/**
 * What a test drives in a ElementHost's page: an element (click, key, focus, blur) and a
 * form (change, submit, in forms.ts), found by selector and fired with the values the
 * official client would send: phx-value-* attributes, the phx-target component, the form's
 * own inputs. Bindings holding JS commands run them all (commands.ts), not only their pushes.
 */
import type { HTMLElement } from "node-html-parser";
import { closestWith, contains, dispatchesChange, phxValues, type ElementHost } from "./bindings.js";
import { execJS, type PushArgs } from "./commands.js";
import { isVisible, keyOf } from "./client-state.js";
import { sendForm } from "./forms.js";

export type { ElementHost } from "./bindings.js";
export { TestForm, type FormInput } from "./forms.js";

const CHECKABLE = new Set(["checkbox", "radio"]);

/**
 * The `event` push of a binding on `source`, valued as view.ts extractMeta does: the
 * phx-value-* attributes, the element's value (a checkbox's only when checked), the
 * command's `value`, and last what the test passes.
 */
function eventPush(
  host: ElementHost,
  type: string | null,
  source: HTMLElement,
  args: PushArgs,
  cid: number | undefined,
  extra: Record<string, unknown>,
) {
  const value: Record<string, unknown> = phxValues(source);
  const tag = source.tagName.toLowerCase();
  if (["button", "input", "select", "textarea"].includes(tag)) {
    const checkable = tag === "input" && CHECKABLE.has((source.getAttribute("type") ?? "").toLowerCase());
    // a click has already flipped a checkbox when the binding runs
    const checked = type === "click" ? !source.hasAttribute("checked") : source.hasAttribute("checked");
    if (!checkable || checked) value.value = source.getAttribute("value") ?? (checkable ? "on" : "");
  }
  Object.assign(value, args.value, extra);
  return host.push({ type, event: args.event, value, ...(cid !== undefined ? { cid } : {}) });
}

/** Runs `source`'s `attr` binding (a JS command list or an event name) for an event of `type`. */
function fire(
  host: ElementHost,
  type: string | null,
  source: HTMLElement,
  attr: string,
  extra: Record<string, unknown> = {},
): Promise<void> {
  return execJS(host, source, source.getAttribute(attr)!, type, (src, args, cid) => eventPush(host, type, src, args, cid, extra));
}

function keyMatches(el: HTMLElement, key: string): boolean {
  const want = el.getAttribute("phx-key");
  return !want || want.toLowerCase() === key.toLowerCase();
}

/**
 * phx-mounted: the commands of each element new to the page run once, after the patch
 * that added it (or the join). As in the browser, the action that caused the patch does
 * not wait for their pushes, and a failed one is logged. Returns the keys now mounted.
 */
export function runMounted(host: ElementHost, seen: ReadonlySet<string>): Set<string> {
  const now = new Set<string>();
  for (const el of host.dom().querySelectorAll("[phx-mounted]")) {
    const key = keyOf(el);
    now.add(key);
    if (seen.has(key)) continue;
    fire(host, null, el, "phx-mounted").catch((error: unknown) => console.error(`[lagoon test] phx-mounted of ${key} failed:`, error));
  }
  return now;
}

/**
 * A key pressed where no element binding takes it: every phx-window-keydown (or keyup)
 * binding whose phx-key matches runs, as the client's window listener does.
 */
export async function windowKey(host: ElementHost, type: "keydown" | "keyup", key: string): Promise<string> {
  const attr = `phx-window-${type}`;
  const bound = host
    .dom()
    .querySelectorAll(`[${attr}]`)
    .filter((el) => keyMatches(el, key));
  await Promise.all(bound.map((el) => fire(host, type, el, attr, { key })));
  return host.html();
}

/** An element found by selector (and text), acted on as a user would: `view.element("button", "+").click()`. */
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

  /** An element matches now. */
  exists(): boolean {
    return this.#view.find(this.#selector, this.#text) !== null;
  }

  async #fire(type: string, attr: string, extra: Record<string, unknown> = {}): Promise<string> {
    const el = this.#el();
    if (!el.getAttribute(attr)) throw new Error(`${this.#selector} has no ${attr} binding`);
    await fire(this.#view, type, el, attr, extra);
    return this.#view.html();
  }

  /**
   * A click as the browser makes it: the element takes focus, phx-click-away bindings it
   * is outside of run, then the closest phx-click binding (or a live link is followed);
   * `values` are merged over the values the push would send.
   */
  async click(values: Record<string, string> = {}): Promise<string> {
    const view = this.#view;
    const el = this.#el();
    const bound = closestWith(el, "phx-click");
    const link = bound ? null : closestWith(el, "data-phx-link");
    if (!bound && !link) throw new Error(`${this.#selector} has no phx-click binding`);
    view.client.focus(bound ?? link ?? el);
    // a button whose click is JS.dispatch("change") sends its form's change, with its name and value
    const form = bound && dispatchesChange(bound.getAttribute("phx-click") ?? "") ? bound.closest("form") : null;
    if (bound && form) return sendForm(view, form, "form", "phx-change", {}, { submitter: bound });
    const away = isVisible(el)
      ? view
          .dom()
          .querySelectorAll("[phx-click-away]")
          .filter((a) => isVisible(a) && !contains(a, el))
      : [];
    const done: Promise<unknown>[] = away.map((a) => fire(view, "click", a, "phx-click-away"));
    if (bound) done.push(fire(view, "click", bound, "phx-click", values));
    else if (link) {
      const href = link.getAttribute("href") ?? "";
      if (link.getAttribute("data-phx-link") === "patch") done.push(view.patch(href));
      else view.navigate(href, link.getAttribute("data-phx-link-state") === "replace");
    }
    await Promise.all(done);
    return view.html();
  }

  /** A phx-keydown on this element (nothing when its phx-key is another key). */
  keydown(key: string, values: Record<string, string> = {}): Promise<string> {
    if (!keyMatches(this.#el(), key)) return Promise.resolve(this.#view.html());
    return this.#fire("keydown", "phx-keydown", { key, ...values });
  }

  keyup(key: string, values: Record<string, string> = {}): Promise<string> {
    if (!keyMatches(this.#el(), key)) return Promise.resolve(this.#view.html());
    return this.#fire("keyup", "phx-keyup", { key, ...values });
  }

  blur(values: Record<string, string> = {}): Promise<string> {
    return this.#fire("blur", "phx-blur", values);
  }

  focus(values: Record<string, string> = {}): Promise<string> {
    return this.#fire("focus", "phx-focus", values);
  }
}
