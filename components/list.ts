/** A list of titled values (a record's details) as a description list. */
import { html, type Template } from "../shell/index.js";

export interface ListItem {
  title: unknown;
  content: unknown;
}

export function list(items: readonly ListItem[]): Template {
  return html`<dl class="lagoon-list">${items.map((item) => html`<div class="lagoon-list-item"><dt>${item.title}</dt><dd>${item.content}</dd></div>`)}</dl>`;
}
