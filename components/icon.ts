/**
 * A few line icons as inline SVG (drawn for this kit), so the kit needs no icon font or
 * CSS plugin. Decorative by default (hidden from assistive technology); with `label` the
 * icon is an image with that name.
 */
import { html, raw, type Template } from "../shell/index.js";

const SHAPES = {
  "x-mark": '<path d="M6 6l12 12M18 6L6 18"/>',
  check: '<path d="M5 12.5l4.5 4.5L19 7"/>',
  info: '<circle cx="12" cy="12" r="9"/><path d="M12 11v6M12 7.5v.01"/>',
  warning: '<circle cx="12" cy="12" r="9"/><path d="M12 7v6M12 16.5v.01"/>',
  "chevron-down": '<path d="M6 9l6 6 6-6"/>',
  trash: '<path d="M4 7h16M10 11v6M14 11v6M6 7l1 13h10l1-13M9 7V4h6v3"/>',
} as const;

/** The kit's icons. */
export type IconName = keyof typeof SHAPES;

/** Options of `icon`. */
export interface IconOptions {
  /** Classes added to its `lagoon-icon`. */
  class?: string;
  /** The icon's accessible name; without it the icon is decorative. */
  label?: string;
}

/** An icon as inline SVG, 1em and in the text's color; decorative unless given a `label`. */
export function icon(name: IconName, opts: IconOptions = {}): Template {
  if (!Object.hasOwn(SHAPES, name)) throw new TypeError(`icon: no icon "${String(name)}"`);
  const shape = SHAPES[name];
  const cls = opts.class ? `lagoon-icon ${opts.class}` : "lagoon-icon";
  return html`<svg class=${cls} viewBox="0 0 24 24" width="1em" height="1em" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" focusable="false" role=${opts.label ? "img" : false} aria-label=${opts.label ?? false} aria-hidden=${opts.label ? false : "true"}>${raw(shape)}</svg>`;
}
