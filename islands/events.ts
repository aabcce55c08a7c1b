/**
 * Server handlers for island events, for a view's (or live component's) `events`:
 *
 *   events: {
 *     ...islandEvents(Tally, {
 *       add: ({ by }, socket) => socket.update("count", (n) => n + by),
 *       rename: ({ label }, socket) => { socket.assign({ label }); return { label, length: label.length }; },
 *     }),
 *   }
 *
 * Each event travels as `<Island>:<event>` with `{ id, payload }`. The payload is parsed
 * with the contract before the handler runs: an invalid one gets an `invalid_params` error
 * reply naming the field and the rule, and the handler is not called. The handler's return
 * value is the reply `emit` resolves with (typed by the contract's reply schema).
 */
import { z } from "zod";
import { event } from "../shell/view.js";
import type { ValidatedEvent, ViewSocket } from "../shell/types.js";
import { eventName, payloadSchema, type AnyIsland, type EventName, type EventPayload, type ReplyInput } from "./contract.js";

/** Which island sent the event: its DOM id, as the browser says (untrusted, like any param). */
export interface IslandSource {
  readonly id: string;
}

/** A handler returns the reply when its event has one; otherwise what it returns is ignored. */
type HandlerResult<R> = [R] extends [void] ? unknown : R | Promise<R>;

export type IslandHandlers<C extends AnyIsland, S> = {
  readonly [K in EventName<C>]: (payload: EventPayload<C, K>, socket: S, island: IslandSource) => HandlerResult<ReplyInput<C, K>>;
};

/** Annotate `socket` in a handler (`socket: ViewSocket<MyAssigns>`) to type the view's assigns. */
export function islandEvents<C extends AnyIsland, S = ViewSocket<any>>(
  contract: C,
  handlers: IslandHandlers<C, S>,
): Record<string, ValidatedEvent<S, { id: string; payload: unknown }>> {
  const out: Record<string, ValidatedEvent<S, { id: string; payload: unknown }>> = {};
  for (const [name, spec] of Object.entries(contract.events as Record<string, Parameters<typeof payloadSchema>[0]>)) {
    const handle = (handlers as Record<string, (payload: unknown, socket: S, island: IslandSource) => unknown>)[name];
    if (typeof handle !== "function") throw new TypeError(`islandEvents(${contract.name}): no handler for event "${name}"`);
    const params = z.object({ id: z.string().min(1).max(100), payload: payloadSchema(spec) });
    out[eventName(contract, name as EventName<C>)] = event(params, (p: { id: string; payload: unknown }, socket: S) =>
      handle(p.payload, socket, { id: p.id }),
    );
  }
  return out;
}
