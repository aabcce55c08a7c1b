import { html, type Form, type Template } from "lagoon";

/**
 * A labelled input with its error, wired for screen readers. Passwords are never rendered
 * back into the page: the browser keeps what the user typed.
 */
export function field(form: Form<unknown>, name: string, label: string, type = "text", extra: { autocomplete?: string } = {}): Template {
  const id = form.inputId(name);
  const error = form.error(name);
  return html`<div class="field">
  <label for=${id}>${label}</label>
  <input id=${id} name=${form.inputName(name)} type=${type} value=${type === "password" ? false : (form.values[name] ?? "")} autocomplete=${extra.autocomplete ?? false} aria-invalid=${error ? "true" : false} aria-describedby=${error ? `${id}_error` : false}>
  ${error ? html`<p class="error" id=${`${id}_error`}>${error}</p>` : ""}
</div>`;
}
