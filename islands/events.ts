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
 * Each event travels as `<Island>:<event>` with `{ id, payload }`, the payload as typed JSON
 * (wire-values.ts). It is decoded and parsed with the contract before the handler runs (the
 * one parse: the browser only checks it): an invalid one gets an `invalid_params` error
 * reply naming the field and the rule, and the handler is not called. The handler's return
 * value is the reply `emit` resolves with (typed by the contract's reply schema), sent as
 * typed JSON; an event without a reply schema replies nothing.
 */
import { z } from "zod";
import { LagoonError } from "../shell/errors.js";
import { event } from "../shell/view.js";
import type { ValidatedEvent, ViewSocket } from "../shell/types.js";
import { eventName, payloadSchema, replySchema, type AnyIsland, type EventName, type EventPayload, type ReplyInput } from "./contract.js";
import { decodeValue, encodeValue, WireError, type Json } from "./wire-values.js";

/** A payload as the browser sent it: typed JSON, decoded (a malformed tag is an issue, not a crash). */
const Decoded = z.unknown().transform((value, ctx) => {
  try {
    return decodeValue(value as Json);
  } catch (error) {
    ctx.issues.push({ code: "custom", message: error instanceof Error ? error.message : "malformed value", input: value });
    return z.NEVER;
  }
});

/** Which island sent the event: its DOM id, as the browser says (untrusted, like any param). */
export interface IslandSource {
  readonly id: string;
}

/** A handler returns the reply when its event has one; otherwise what it returns is ignored. */
type HandlerResult<R> = [R] extends [void] ? unknown : R | Promise<R>;

/** A handler for each of the contract's events: the validated payload, the view's socket, which island sent it. */
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
    const params = z.object({ id: z.string().min(1).max(100), payload: Decoded.pipe(payloadSchema(spec)) });
    const where = `islandEvents(${contract.name}) ${name}`;
    const replies = replySchema(spec) !== undefined;
    out[eventName(contract, name as EventName<C>)] = event<{ id: string; payload: unknown }, S>(params, (p, socket) => {
      const result = handle(p.payload, socket, { id: p.id });
      if (!replies) return result instanceof Promise ? result.then(() => undefined) : undefined;
      return result instanceof Promise ? result.then((r) => encodeReply(where, r)) : encodeReply(where, result);
    });
  }
  return out;
}

function encodeReply(where: string, reply: unknown): Json {
  try {
    return encodeValue(reply);
  } catch (error) {
    if (error instanceof WireError) throw new LagoonError("island_reply", `${where}: the reply cannot cross the wire: ${error.message}`);
    throw error;
  }
}
