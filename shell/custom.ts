/**
 * Template values that render themselves: the extension point for layers above shell
 * (islands/render.ts builds React islands on it), so the diff engine knows nothing of them.
 *
 * A custom value sits in element content. In a connected render it gets the state it left
 * in its slot last time (undefined when the slot is new, or held a value of another key),
 * returns the content to render there (any template value) and its new state, and may add
 * client events to the render's diff: JSON in the frame, dispatched by the client after it
 * patched the DOM, before the view's own pushed events. In the HTTP render it returns its
 * content once, given a function that renders a value to HTML in that render.
 */
const CUSTOM = Symbol.for("lagoon.custom");

export interface CustomContext {
  /** Adds a client event (`[name, payload]` under "e") to the diff this render sends. */
  event(name: string, payload: unknown): void;
  /** The client's join params, in the join's render only (what the browser says it holds). */
  readonly joinParams: Readonly<Record<string, unknown>> | undefined;
}

export interface CustomValue<S = unknown> {
  readonly [CUSTOM]: true;
  /** A slot's state is handed back only to a value with the same key. */
  readonly key: string;
  live(prev: S | undefined, ctx: CustomContext): { readonly content: unknown; readonly state: S };
  dead(renderHtml: (value: unknown) => string): unknown;
}

export function custom<S>(key: string, render: Omit<CustomValue<S>, typeof CUSTOM | "key">): CustomValue<S> {
  return { [CUSTOM]: true, key, live: render.live, dead: render.dead };
}

export function isCustom(value: unknown): value is CustomValue {
  return typeof value === "object" && value !== null && (value as CustomValue)[CUSTOM] === true;
}
