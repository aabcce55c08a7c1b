/**
 * What a test drives in a ElementHost's page: an element (click, key, focus, blur) and a
 * form (change, submit, in forms.ts), found by selector and fired with the values the
 * official client would send: phx-value-* attributes, the phx-target component, the form's
 * own inputs.
 */
import type { HTMLElement } from "node-html-parser";
import { binding, dispatchesChange, phxValues, targetCid, type ElementHost } from "./bindings.js";
import { sendForm } from "./forms.js";

export type { ElementHost } from "./bindings.js";
export { TestForm, type FormInput } from "./forms.js";

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

  exists(): boolean {
    return this.#view.find(this.#selector, this.#text) !== null;
  }

  async #fire(type: string, attr: string, extra: Record<string, unknown> = {}): Promise<string> {
    const el = this.#el();
    const b = binding(el.getAttribute(attr) ?? "");
    if (!b) throw new Error(`${this.#selector} has no ${attr} binding`);
    const value: Record<string, unknown> = { ...phxValues(el), ...b.value, ...extra };
    // like the browser: elements with a value property (buttons, inputs) send it
    if (["button", "input", "select", "textarea"].includes(el.tagName.toLowerCase()) && !("value" in value)) {
      value.value = el.getAttribute("value") ?? "";
    }
    const cid = targetCid(this.#view, el);
    await this.#view.push({ type, event: b.event, value, ...(cid !== undefined ? { cid } : {}) });
    return this.#view.html();
  }

  /**
   * A phx-click; `values` are merged over the phx-value-* attributes. A button whose click
   * is `JS.dispatch("change")` sends its form's change instead, with its name and value.
   */
  click(values: Record<string, string> = {}): Promise<string> {
    const el = this.#el();
    if (dispatchesChange(el.getAttribute("phx-click") ?? "")) {
      const form = el.closest("form");
      if (!form) throw new Error(`${this.#selector} dispatches a change outside a form`);
      return sendForm(this.#view, form, "form", "phx-change", {}, { submitter: el });
    }
    return this.#fire("click", "phx-click", values);
  }

  keydown(key: string, values: Record<string, string> = {}): Promise<string> {
    return this.#fire("keydown", "phx-keydown", { key, ...values });
  }

  keyup(key: string, values: Record<string, string> = {}): Promise<string> {
    return this.#fire("keyup", "phx-keyup", { key, ...values });
  }

  blur(values: Record<string, string> = {}): Promise<string> {
    return this.#fire("blur", "phx-blur", values);
  }

  focus(values: Record<string, string> = {}): Promise<string> {
    return this.#fire("focus", "phx-focus", values);
  }
}
