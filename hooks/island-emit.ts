/**
 * An island's `emit(event, payload)`: checked against the contract before it is sent (the
 * payload travels as given, in typed JSON: the server parses it, transforms run there once),
 * and its reply decoded and parsed after. A refused event (the server answers ok, with the
 * refusal as the reply) and a failed push reject with an IslandError carrying the reason.
 */
import { describeIssues, eventName, payloadSchema, replySchema, type AnyIsland, type Emit } from "../islands/contract.js";
import { decodeValue, encodeValue, type Json } from "../islands/wire-values.js";

/** A refused emit, a bad reply, or a push that failed. */
export class IslandError extends Error {
  constructor(
    message: string,
    readonly reason: string,
    readonly issues: readonly unknown[] = [],
  ) {
    super(message);
    this.name = "IslandError";
  }
}

/** Pushes an event to the view (or the live component the island sits in) and resolves with the reply. */
export type Push = (event: string, value: unknown) => Promise<unknown>;

export function islandEmit(contract: AnyIsland, id: string, push: Push): Emit<AnyIsland> {
  const where = `island ${contract.name}#${id}`;
  return (async (event: string, payload: unknown): Promise<unknown> => {
    const spec = Object.hasOwn(contract.events, event) ? contract.events[event] : undefined;
    if (!spec) throw new IslandError(`${where}: the contract has no event "${event}"`, "unknown_event");
    const parsed = payloadSchema(spec).safeParse(payload);
    if (!parsed.success) {
      throw new IslandError(
        `${where}: invalid ${event} payload: ${describeIssues(parsed.error.issues)}`,
        "invalid_params",
        parsed.error.issues,
      );
    }
    let wire: Json;
    try {
      wire = encodeValue(payload);
    } catch (error) {
      throw new IslandError(`${where}: ${event} payload cannot cross the wire: ${(error as Error).message}`, "invalid_params");
    }
    let reply: unknown;
    try {
      reply = await push(eventName(contract, event), { id, payload: wire });
    } catch (error) {
      throw new IslandError(`${where}: ${event} failed: ${error instanceof Error ? error.message : String(error)}`, "push_failed");
    }
    const refusal = (reply as { error?: { reason?: unknown; message?: unknown; issues?: unknown } } | null)?.error;
    if (typeof refusal === "object" && refusal !== null && typeof refusal.reason === "string") {
      const message = typeof refusal.message === "string" ? refusal.message : refusal.reason;
      throw new IslandError(`${where}: ${event} refused: ${message}`, refusal.reason, Array.isArray(refusal.issues) ? refusal.issues : []);
    }
    const schema = replySchema(spec);
    if (!schema) return undefined;
    let decoded: unknown;
    try {
      decoded = decodeValue(reply as Json);
    } catch {
      throw new IslandError(`${where}: unreadable ${event} reply`, "invalid_reply");
    }
    const checked = schema.safeParse(decoded);
    if (!checked.success)
      throw new IslandError(`${where}: invalid ${event} reply: ${describeIssues(checked.error.issues)}`, "invalid_reply");
    return checked.data;
  }) as Emit<AnyIsland>;
}
