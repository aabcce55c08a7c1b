/** A page or section header: a heading (h1 by default), a subtitle, and actions beside them. */
import { dynamicTag, html, type Template } from "../shell/index.js";

export interface HeaderProps {
  title: unknown;
  subtitle?: unknown;
  actions?: unknown;
  /** The heading level, 1 to 6; default 1. */
  level?: 1 | 2 | 3 | 4 | 5 | 6;
  /** The heading's id, for aria-labelledby. */
  id?: string;
}

export function header(props: HeaderProps): Template {
  const { title, subtitle, actions, level = 1, id } = props;
  return html`<header class="lagoon-header">
  <div>
    ${dynamicTag(`h${level}`, { id }, title)}
    ${subtitle === undefined ? "" : html`<p class="lagoon-subtitle">${subtitle}</p>`}
  </div>
  ${actions === undefined ? "" : html`<div class="lagoon-header-actions">${actions}</div>`}
</header>`;
}
