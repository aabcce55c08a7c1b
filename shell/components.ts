/**
 * Live components: `defineComponent({ mount, update, events, render })`, placed in a
 * template with `component(Def, { id, ...assigns })`. The view process keeps each one's
 * state (component-tree.ts); `phx-target=${myself}` sends events to it.
 */
import { COMPONENT_REF, type ComponentRefValue } from "./refs.js";
import type { Assigns, ComponentDef } from "./types.js";

/** Declares a live component (returns `def`, typed); place it with `component(Def, { id, ...assigns })`. */
export function defineComponent<A extends Assigns = Assigns>(def: ComponentDef<A>): ComponentDef<A> {
  return def;
}

/** A live component placed in a template. */
export interface ComponentRef<A extends Assigns = Assigns> extends ComponentRefValue {
  readonly def: ComponentDef<A>;
  readonly id: string;
  readonly assigns: Partial<A>;
}

/** Places a live component in a template; `id` identifies it among the others of its kind in the view. */
export function component<A extends Assigns>(def: ComponentDef<A>, assigns: Partial<A> & { id: string | number }): ComponentRef<A> {
  const { id, ...rest } = assigns;
  if (id === undefined || id === null || id === "") throw new TypeError("component() needs an id");
  return { [COMPONENT_REF]: true, def, id: String(id), assigns: rest as unknown as Partial<A> };
}
