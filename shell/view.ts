/** Defining a live view, and its events with a params schema. */
import { registerView } from "./nested.js";
import type { Schema } from "./schema.js";
import type { Assigns, EventHandler, ValidatedEvent, ViewDef } from "./types.js";

/** A named view is also joinable as a nested view (liveRender), on any machine running the code. */
export function defineView<A extends Assigns = Assigns>(def: ViewDef<A>): ViewDef<A> {
  registerView(def);
  return def;
}

/** Declares an event with a schema, inferring the handler's params type from it; a payload that fails it is refused. */
export function event<P, S = any>(params: Schema<P>, handle: EventHandler<S, P>): ValidatedEvent<S, P> {
  return { params, handle };
}
