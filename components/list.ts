/** A list of titled values (a record's details) as a description list. */
import { html, type Template } from "../shell/index.js";

/** One entry of a `list`. */
export interface ListItem {
  /** The term (`<dt>`). */
  title: unknown;
  /** Its value (`<dd>`). */
  content: unknown;
}

/** A description list of titled values. */
export function list(items: readonly ListItem[]): Template {
  return html`<dl class="lagoon-list">${items.map((item) => html`<div class="lagoon-list-item"><dt>${item.title}</dt><dd>${item.content}</dd></div>`)}</dl>`;
}
