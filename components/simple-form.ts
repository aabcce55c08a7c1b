/**
 * A form with its fields and its actions row: `phx-change` and `phx-submit` take an event
 * name or JS commands; `target` sends them to a live component (`myself`). The id lets
 * the client find the form again to re-send what the user typed after a reconnect.
 */
import { html, type JS, type Template } from "../shell/index.js";
import { passThrough, type PassThrough } from "./rest.js";

/** Props of `simpleForm`. */
export interface SimpleFormProps extends Omit<PassThrough, "target"> {
  /** The form's id: the client finds the form by it to re-send it after a reconnect. */
  id: string;
  /** phx-change: an event name or JS commands; none by default. */
  change?: string | JS;
  /** phx-submit: an event name or JS commands. */
  submit: string | JS;
  /** phx-target: a live component (`myself`) or a selector; default the view. */
  target?: number | string;
  /** The buttons, in a row under the fields. */
  actions?: unknown;
}

/** A form bound to live events, with its fields and a row of actions. */
export function simpleForm(props: SimpleFormProps, content: unknown): Template {
  const { change, submit, target, actions, ...rest } = props;
  const own = { "phx-change": change ?? null, "phx-submit": submit, "phx-target": target ?? null };
  return html`<form ${passThrough(rest, own, "lagoon-form")}>
  ${content}
  ${actions === undefined ? "" : html`<div class="lagoon-form-actions">${actions}</div>`}
</form>`;
}
