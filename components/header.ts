/** A page or section header: a heading (h1 by default), a subtitle, and actions beside them. */
import { dynamicTag, html, type Template } from "../shell/index.js";

/** Props of `header`. */
export interface HeaderProps {
  /** The heading's content. */
  title: unknown;
  /** A line under the heading. */
  subtitle?: unknown;
  /** Beside the heading: buttons, links. */
  actions?: unknown;
  /** The heading level, 1 to 6; default 1. */
  level?: 1 | 2 | 3 | 4 | 5 | 6;
  /** The heading's id, for aria-labelledby. */
  id?: string;
}

/** A header: its heading, a subtitle and actions. */
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
