/**
 * What an island sends over the wire, render after render (server side). A slot holding an
 * island remembers the props input it last rendered and the props as the client holds them
 * (encoded): when the input is unchanged (same values, by identity) nothing is parsed,
 * encoded or sent; otherwise the changed parts are parsed and encoded (props-parse.ts and
 * the encoder memoize the rest) and only their diff is sent. Streams aimed at the island
 * send their inserts and deletes as operations, once.
 *
 * The first state of an island (HTTP render, a new slot) is its whole props and its
 * streams' items. The HTTP render writes it into the page with its digest; at the join the
 * browser names the digests it holds, and an island whose state is unchanged sends nothing.
 */
import { createHash } from "node:crypto";
import { LagoonError } from "../shell/errors.js";
import { safeJson } from "../shell/escape.js";
import type { LiveStream } from "../shell/streams.js";
import type { AnyIsland, IslandSchema } from "./contract.js";
import { describeIssues } from "./contract.js";
import type { StateMessage, StreamInsertOp, StreamOps } from "./island-state.js";
import { diffWire } from "./props-diff.js";
import { parseProps, type Previous } from "./props-parse.js";
import { encodeValue, WireError, type Json } from "./wire-values.js";

/** What the slot keeps between renders. */
export interface IslandSlotState {
  readonly input: unknown;
  /** The parsed props (the component's, for a server render). */
  readonly props: unknown;
  /** The props as the client holds them. */
  readonly wire: Json;
}

// encoded JSON by parsed object: shared by every island (parsed outputs are never mutated)
const encoded = new WeakMap<object, Json>();

function encode(where: string, what: string, value: unknown): Json {
  try {
    return encodeValue(value, encoded);
  } catch (error) {
    if (error instanceof WireError) throw new LagoonError("island_props", `${where}: ${what} cannot cross the wire: ${error.message}`);
    throw error;
  }
}

function parse(schema: IslandSchema, input: unknown, where: string, what: string, prev?: Previous): unknown {
  const r = parseProps(schema, input, prev);
  if (r.ok) return r.value;
  const whole = schema.safeParse(input);
  const issues = whole.success ? "(no issue reported)" : describeIssues(whole.error.issues, `(${what})`);
  throw new LagoonError("island_props", `${where}: ${what} do not match the contract: ${issues}`);
}

/** Same input: the same object, or plain objects whose members are the same values. */
function sameInput(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null || Array.isArray(a) || Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => Object.hasOwn(b, k) && (a as Record<string, unknown>)[k] === (b as Record<string, unknown>)[k]);
}

/** The props of a render: nothing new (`undefined`) when the input is the one `prev` rendered. */
export function propsState(
  contract: AnyIsland,
  where: string,
  input: unknown,
  prev: IslandSlotState | undefined,
): IslandSlotState | undefined {
  if (prev && sameInput(prev.input, input)) return undefined;
  const props = parse(contract.props, input, where, "props", prev && { input: prev.input, output: prev.props });
  return { input, props, wire: encode(where, "props", props) };
}

/** What the streams aimed at an island did since the last render, and the items a server render shows. */
export interface StreamsRender {
  readonly ops: Record<string, StreamOps> | undefined;
  readonly items: Record<string, unknown[]>;
}

/**
 * The pending operations of the island's streams (they are sent with this render, then
 * dropped, as for any stream). `reset`: the client's items go first (a join: what the page
 * held before is replaced by what this mount inserted, as the client does for streams).
 */
export function streamsRender(
  contract: AnyIsland,
  where: string,
  streams: Readonly<Record<string, LiveStream<any>>> | undefined,
  reset: boolean,
): StreamsRender {
  let ops: Record<string, StreamOps> | undefined;
  const items: Record<string, unknown[]> = {};
  for (const name of Object.keys(contract.streams)) {
    const stream = streams?.[name];
    items[name] = [];
    if (!stream) continue;
    const what = `stream ${name} item`;
    const pending = stream.map((item) => item);
    const inserts: StreamInsertOp[] = pending.inserts.map((i) => {
      const item = parse(contract.streams[name] as IslandSchema, i.item, where, what);
      items[name]!.push(item);
      return [i.domId, i.at, i.limit, i.updateOnly, encode(where, what, item)];
    });
    if (reset || pending.reset || inserts.length || pending.deletes.length) {
      (ops ??= {})[name] = [reset || pending.reset, inserts, pending.deletes.slice()];
    }
  }
  for (const name of Object.keys(streams ?? {})) {
    if (!Object.hasOwn(contract.streams, name))
      throw new LagoonError("island_stream", `${where}: the contract declares no stream "${name}"`);
  }
  return { ops, items };
}

/** The first state of an island: all its props and its streams' items. */
export function firstMessage(wire: Json, streams: StreamsRender): StateMessage {
  return streams.ops ? { P: wire, s: streams.ops } : { P: wire };
}

/** The message's JSON for the page, and its digest (what the browser names at the join). */
export function pageState(message: StateMessage): { json: string; digest: string } {
  const json = safeJson(message);
  return { json, digest: digest(json) };
}

export function digest(json: string): string {
  return createHash("sha256").update(json).digest("base64url").slice(0, 22);
}

const MAX_CLAIMS = 1000;

/**
 * What the browser said at the join about island `id` (the `_islands` join param): the
 * digest of the state its page holds, "" when it holds the island's HTML but not a known
 * state (a rejoin), or undefined when it does not hold the island.
 */
export function claimOf(joinParams: Readonly<Record<string, unknown>> | undefined, id: string): string | undefined {
  const claims = joinParams?._islands;
  if (typeof claims !== "object" || claims === null || Array.isArray(claims)) return undefined;
  if (Object.keys(claims).length > MAX_CLAIMS || !Object.hasOwn(claims, id)) return undefined;
  const claim = (claims as Record<string, unknown>)[id];
  return typeof claim === "string" && claim.length <= 64 ? claim : undefined;
}

/** The message a later render sends: the props diff and the stream operations, or undefined when nothing changed. */
export function updateMessage(prev: IslandSlotState, next: IslandSlotState | undefined, streams: StreamsRender): StateMessage | undefined {
  const ops = next ? diffWire(prev.wire, next.wire) : [];
  if (!ops.length && !streams.ops) return undefined;
  return { ...(ops.length ? { p: ops } : {}), ...(streams.ops ? { s: streams.ops } : {}) };
}
