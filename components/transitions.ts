/**
 * The kit's show and hide: JS commands with the transitions its stylesheet defines
 * (components.css: fade and rise, shortened to nothing under prefers-reduced-motion).
 * Chain them like any JS command: `showWithTransition("#menu", JS.push("opened"))`.
 */
import { JS, type JSTarget, type JSTransition } from "../shell/index.js";

/** How long the client keeps the transition classes, in ms (the stylesheet's transitions are a little shorter). */
export const TRANSITION_MS = 200;

/** Fades in. */
export const FADE_IN: JSTransition = ["lagoon-t-fade", "lagoon-t-from", "lagoon-t-to"];
/** Fades out. */
export const FADE_OUT: JSTransition = ["lagoon-t-fade", "lagoon-t-to", "lagoon-t-from"];
/** Fades in while rising into place (a dialog's panel). */
export const RISE_IN: JSTransition = ["lagoon-t-rise", "lagoon-t-from lagoon-t-low", "lagoon-t-to"];
/** Fades out while sinking. */
export const RISE_OUT: JSTransition = ["lagoon-t-rise", "lagoon-t-to", "lagoon-t-from lagoon-t-low"];

/** JS that shows `to`, rising in (after `js`). */
export function showWithTransition(to: JSTarget, js: JS = JS): JS {
  return js.show({ to, transition: RISE_IN, time: TRANSITION_MS });
}

/** JS that hides `to`, sinking out (after `js`). */
export function hideWithTransition(to: JSTarget, js: JS = JS): JS {
  return js.hide({ to, transition: RISE_OUT, time: TRANSITION_MS });
}
