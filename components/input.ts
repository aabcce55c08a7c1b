/**
 * A labelled form control with its errors: every input type, select, textarea and
 * checkbox. Given a `form` (from defineForm) and a `field`, it takes the name, id, value
 * and errors from the form, which holds errors only for fields the user has used (or
 * after a submit), so a pristine form shows none. Errors are linked to the control with
 * aria-describedby and mark it aria-invalid. A control needs a label (or an aria-label).
 */
import { html, TemplateError, type Form, type Template } from "../shell/index.js";
import { passThrough, type PassThrough } from "./rest.js";

/** What `input` renders: an `<input>` of that type, or a checkbox, a select, a textarea. */
export type InputType =
  | "text"
  | "email"
  | "password"
  | "number"
  | "search"
  | "tel"
  | "url"
  | "date"
  | "datetime-local"
  | "time"
  | "month"
  | "week"
  | "color"
  | "range"
  | "file"
  | "radio"
  | "hidden"
  | "checkbox"
  | "select"
  | "textarea";

/** An option of a select: its text, or `[label, value]`. */
export type SelectOption = string | readonly [label: string, value: string];

/** Props of `input`: a `form` and a `field`, or a `name` of its own. */
export interface InputProps extends PassThrough {
  /** The form the field belongs to: name, id, value and errors come from it. */
  form?: Form<any>;
  /** A field of `form` by path (`email`, `author.name`, `links.0.url`). */
  field?: string;
  /** Default "text". */
  type?: InputType;
  /** The label's content; without one, give an `aria-label` or `aria-labelledby`. */
  label?: unknown;
  /** The value shown; with a form, default the form's value for the field. */
  value?: string | number | readonly string[];
  /** Shown as given; with a form, default the form's errors for the field. */
  errors?: readonly string[];
  /** Help text under the control, linked with aria-describedby. */
  hint?: string;
  /** select: its options. */
  options?: readonly SelectOption[];
  /** select: a first, empty option ("Choose one"). */
  prompt?: string;
  /** select: several values (the name gets `[]`). */
  multiple?: boolean;
  /** checkbox and radio. */
  checked?: boolean;
}

/** `user[email]` -> `user_email`, a usable id for a name. */
function idFor(name: string): string {
  return name
    .replace(/\[\]$/, "")
    .replace(/[[\]]+/g, "_")
    .replace(/_+$/, "");
}

function optionParts(o: SelectOption): [string, string] {
  return typeof o === "string" ? [o, o] : [o[0], o[1]];
}

/** A labelled form control with its hint and errors; see the module comment. */
export function input(props: InputProps): Template {
  const {
    form,
    field,
    type = "text",
    label,
    value: given,
    errors: givenErrors,
    hint,
    options = [],
    prompt,
    multiple = false,
    checked,
    id: givenId,
    name: givenName,
    ...rest
  } = props;
  const fromForm = form !== undefined && field !== undefined;
  if (form !== undefined && field === undefined) throw new TemplateError("input: a form needs a field");
  const baseName = givenName ?? (fromForm ? form.inputName(field) : undefined);
  if (!baseName) throw new TemplateError("input: pass a name, or a form and a field");
  const id = givenId ?? (fromForm ? form.inputId(field) : idFor(baseName));
  const name = multiple ? `${baseName}[]` : baseName;
  // a nested path (`author.name`, `links.0.url`) is text; a top-level field may be a list
  const value = given ?? (fromForm ? (field.includes(".") ? form.value(field) : form.values[field]) : undefined);
  const errors = givenErrors ?? (fromForm ? (form.errors[field] ?? []) : []);

  if (type === "hidden") return html`<input ${passThrough(rest, { type, id, name, value: value === undefined ? null : String(value) })}>`;
  if (label === undefined && !rest["aria-label"] && !rest["aria-labelledby"]) {
    throw new TemplateError(`input "${baseName}": give it a label (or an aria-label), so it has an accessible name`);
  }

  const describedBy = [hint ? `${id}-hint` : "", errors.length ? `${id}-error` : ""].filter((s) => s !== "").join(" ");
  const own = { id, name, "aria-invalid": errors.length ? "true" : null, "aria-describedby": describedBy || null };
  const after = html`${hint ? html`<p class="lagoon-hint" id=${`${id}-hint`}>${hint}</p>` : ""}${
    errors.length
      ? html`<div class="lagoon-errors" id=${`${id}-error`}>${errors.map((e) => html`<p class="lagoon-error">${e}</p>`)}</div>`
      : ""
  }`;

  switch (type) {
    case "checkbox": {
      const on = checked ?? (value === "true" || value === "on");
      // the hidden "false" is sent when the box is unchecked; a checked box's "true" comes after it and wins
      return html`<div class="lagoon-field lagoon-field-check">
  <input type="hidden" name=${name} value="false" disabled=${rest.disabled ?? false}>
  <label for=${id}><input ${passThrough(rest, { ...own, type, value: "true", checked: on })}> ${label}</label>
  ${after}
</div>`;
    }
    case "radio":
      return html`<div class="lagoon-field lagoon-field-check">
  <label for=${id}><input ${passThrough(rest, { ...own, type, value: value === undefined ? null : String(value), checked: checked ?? false })}> ${label}</label>
  ${after}
</div>`;
    case "select": {
      const chosen = new Set(Array.isArray(value) ? value.map(String) : value === undefined ? [] : [String(value)]);
      return html`<div class="lagoon-field">
  <label for=${id}>${label}</label>
  <select ${passThrough(rest, { ...own, multiple })}>${prompt === undefined ? "" : html`<option value="">${prompt}</option>`}${options.map(
    (o) => {
      const [text, v] = optionParts(o);
      return html`<option value=${v} selected=${chosen.has(v)}>${text}</option>`;
    },
  )}</select>
  ${after}
</div>`;
    }
    case "textarea":
      // the parser drops one newline right after <textarea>: this one, so a value's own first newline stays
      return html`<div class="lagoon-field">
  <label for=${id}>${label}</label>
  <textarea ${passThrough(rest, own)}>
${value === undefined ? "" : String(value)}</textarea>
  ${after}
</div>`;
    default: {
      // a password or file input never gets a value back from the server
      const shown = type === "password" || type === "file" || value === undefined ? null : String(value);
      return html`<div class="lagoon-field">
  <label for=${id}>${label}</label>
  <input ${passThrough(rest, { ...own, type, value: shown })}>
  ${after}
</div>`;
    }
  }
}
