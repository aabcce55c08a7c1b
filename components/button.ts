/**
 * A button, or a link styled as one when it is given somewhere to go (`navigate`,
 * `patch`, `href`): what it does decides the element, so assistive technology announces
 * it right. Without `type` a button keeps the HTML default (submit, inside a form).
 */
import { html, type Template } from "../shell/index.js";
import { link, type LinkTarget } from "./link.js";
import { classList, passThrough, type PassThrough } from "./rest.js";

/** The button's look: the main action, another action, or a destructive one. */
export type ButtonVariant = "primary" | "secondary" | "danger";

/** Props of `button`; a link target (`navigate`, `patch`, `href`) makes it a link. */
export interface ButtonProps extends PassThrough, LinkTarget {
  /** Without it, the HTML default: submit, inside a form. */
  type?: "button" | "submit" | "reset";
  /** Default "primary". */
  variant?: ButtonVariant;
  /** Sent as `name=value` when this button submits its form. */
  value?: string;
}

/** A button, or a link styled as one when it is given somewhere to go. */
export function button(props: ButtonProps, content: unknown): Template {
  const { navigate, patch, href, replace, type, variant = "primary", ...rest } = props;
  const classes = ["lagoon-button", `lagoon-button-${variant}`];
  if (navigate !== undefined || patch !== undefined || href !== undefined) {
    return link({ navigate, patch, href, replace, ...rest, class: classList(classes, rest.class ?? null) }, content);
  }
  return html`<button ${passThrough(rest, { type: type ?? null }, classes)}>${content}</button>`;
}
