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
 * What the user typed is remembered per form id on every input and change event; the code
 * that puts it back (form-restore.ts) is fetched with the first one, long before a refusal
 * can need it, and runs as the refusal arrives, before the page is painted again.
 */
import { isField } from "./form-fields.js";

type Values = Map<string, string[]>;

const typed = new Map<string, Values>();
let restoring: Promise<typeof import("./form-restore.js") | undefined> | undefined;

/** The restoring code, fetched once (and again after a fetch that failed). */
function restorer(): Promise<typeof import("./form-restore.js") | undefined> {
  return (restoring ??= import("./form-restore.js").catch(() => (restoring = undefined)));
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

function remember(event: Event): void {
  const form = (event.target as { form?: unknown } | null)?.form;
  if (!(form instanceof HTMLFormElement) || !form.id) return;
  typed.set(form.id, snapshot(form));
  void restorer();
}

/** Starts remembering typed values and restoring them when the server refuses a form's change. */
export function keepRefusedForms(changeBinding = "phx-change"): void {
  document.addEventListener("input", remember, true);
  document.addEventListener("change", remember, true);
  window.addEventListener("phx:lagoon:form-refused", (e) => {
    // nothing typed, nothing to put back
    if (typed.size > 0) void restorer().then((code) => code?.restoreRefused((e as CustomEvent).detail, typed, changeBinding));
  });
}
