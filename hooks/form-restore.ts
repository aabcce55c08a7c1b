/**
 * Putting typed values back into forms the server refused (form-memory.ts remembers them, and
 * fetches this module with the first thing typed): the forms bound to the refused change
 * event get the values their fields had, but the one with focus.
 */
import { isField } from "./form-fields.js";

type Values = ReadonlyMap<string, readonly string[]>;

/** A `lagoon:form-refused` push event's `detail` (`{ event, target }`): restores the forms it names from `typed`, by form id. */
export function restoreRefused(detail: unknown, typed: ReadonlyMap<string, Values>, changeBinding: string): void {
  const { event, target } = (detail ?? {}) as { event?: unknown; target?: unknown };
  if (typeof event !== "string") return;
  for (const [id, values] of typed) {
    const form = document.getElementById(id);
    if (!(form instanceof HTMLFormElement) || form.getAttribute(changeBinding) !== event) continue;
    if (typeof target === "string" && target !== "undefined" && !values.has(target)) continue;
    restore(form, values);
  }
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
