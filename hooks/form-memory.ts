/**
 * Keeps what the user typed when the server refuses a form's change event.
 *
 * After a reconnect the official client re-sends each form's values (form recovery), waits
 * for the replies, then patches the page with the view's fresh render, which overwrites
 * every input with the values the server holds. When the server refuses the recovered
 * values (params failing the event's schema, an event the view lacks), it answers with a
 * `lagoon:form-refused` push event naming the event and the input; this module then puts
 * the user's values back into the matching forms. Outside recovery nothing overwrote them,
 * and restoring changes nothing.
 *
 * What the user typed is remembered per form id on every input and change event.
 */

type Values = Map<string, string[]>;

const typed = new Map<string, Values>();

function isField(el: Element): el is HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement {
  return el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement;
}

function snapshot(form: HTMLFormElement): Values {
  const values: Values = new Map();
  for (const el of Array.from(form.elements)) {
    if (!isField(el) || !el.name || el.disabled || (el instanceof HTMLInputElement && el.type === "file")) continue;
    const list = values.get(el.name) ?? [];
    if (el instanceof HTMLSelectElement) {
      for (const option of Array.from(el.selectedOptions)) list.push(option.value);
      // an empty marker keeps "nothing selected" apart from "not seen"
      if (el.multiple && list.length === 0) list.push("\u0000");
    } else if (el instanceof HTMLInputElement && (el.type === "checkbox" || el.type === "radio")) {
      if (el.checked) list.push(el.value);
    } else {
      list.push(el.value);
    }
    values.set(el.name, list);
  }
  return values;
}

function restore(form: HTMLFormElement, values: Values): void {
  const seen = new Map<string, number>();
  for (const el of Array.from(form.elements)) {
    if (!isField(el) || !el.name || el === document.activeElement) continue;
    const list = values.get(el.name);
    if (el instanceof HTMLInputElement && (el.type === "checkbox" || el.type === "radio")) {
      el.checked = (list ?? []).includes(el.value);
    } else if (el instanceof HTMLSelectElement) {
      if (!list) continue;
      for (const option of Array.from(el.options)) option.selected = list.includes(option.value);
    } else if (list && !(el instanceof HTMLInputElement && el.type === "file")) {
      const i = seen.get(el.name) ?? 0;
      seen.set(el.name, i + 1);
      if (i < list.length && el.value !== list[i]) el.value = list[i]!;
    }
  }
}

function remember(event: Event): void {
  const form = (event.target as { form?: unknown } | null)?.form;
  if (form instanceof HTMLFormElement && form.id) typed.set(form.id, snapshot(form));
}

/** Starts remembering typed values and restoring them when the server refuses a form's change. */
export function keepRefusedForms(changeBinding = "phx-change"): void {
  document.addEventListener("input", remember, true);
  document.addEventListener("change", remember, true);
  window.addEventListener("phx:lagoon:form-refused", (e) => {
    const { event, target } = ((e as CustomEvent).detail ?? {}) as { event?: unknown; target?: unknown };
    if (typeof event !== "string") return;
    for (const [id, values] of typed) {
      const form = document.getElementById(id);
      if (!(form instanceof HTMLFormElement) || form.getAttribute(changeBinding) !== event) continue;
      if (typeof target === "string" && target !== "undefined" && !values.has(target)) continue;
      restore(form, values);
    }
  });
}
