/**
 * Island contracts: the single source of truth for what crosses between a live view and a
 * React island. A contract names the island and holds zod schemas for its props (server to
 * island, sent as diffs), its events (island to server, each with an optional reply), its
 * commands (server to island, one at a time) and its streams (server to island, items the
 * server does not keep), and names the slots a view may fill with live HTML. Every value
 * is parsed once, where it is trusted to be right: props on the server (a component gets
 * the parsed output, transforms applied once), event payloads on the server, commands and
 * replies in the browser. Values travel as typed JSON (wire-values.ts): a schema whose
 * output has no wire form (a function, a class instance) does not compile.
 *
 *   export const Board = defineIsland("Board", {
 *     props: z.object({ cards: z.array(Card) }),
 *     events: { move: z.object({ id: z.string(), to: Column, index: z.number().int() }) },
 *     commands: { flash: z.object({ id: z.string() }) },
 *     streams: { activity: z.object({ id: z.number(), text: z.string(), at: z.date() }) },
 *     slots: ["header"],
 *   });
 *
 * This module is loaded in the browser with each island's chunk: it imports no server code.
 * The browser's copy of a contract (the Lagoon Vite plugin's, vite/browser-contract.ts) holds
 * what the browser reads: the name, events, commands and slots.
 */
import type { Load } from "./load.js";
import type { ReactNode } from "react";
import type { z } from "zod";
import { describeIssues, type Schema } from "../shell/schema.js";
import { encodeValue, type WireValue } from "./wire-values.js";

/**
 * A zod schema whose output can cross the wire (wire-values.ts): classic (`import { z } from
 * "zod"`) or mini (`import { z } from "zod/mini"`, whose share of an island's browser code is
 * a quarter of classic's). Both parse with `safeParse`.
 */
export type IslandSchema = z.core.$ZodType<WireValue> & Schema<unknown>;
/** An island event: its payload schema, or a payload schema plus the schema of the server's reply. */
export type EventSpec = IslandSchema | { readonly payload: IslandSchema; readonly reply: IslandSchema };
export type EventMap = Record<string, EventSpec>;
export type CommandMap = Record<string, IslandSchema>;
/** Streams by name: the schema of one item. */
export type StreamMap = Record<string, IslandSchema>;

/**
 * An island's contract (`defineIsland`): its name, the schemas of its props, of the events it
 * sends and the commands it receives, its streams and slots. Shared by the server (which parses
 * props and events with it) and the browser (which checks events and parses commands and
 * replies with it; its copy has no props, streams, samples, replies or fallback).
 */
export interface IslandContract<
  N extends string = string,
  P extends IslandSchema = IslandSchema,
  E extends EventMap = EventMap,
  C extends CommandMap = CommandMap,
  S extends StreamMap = StreamMap,
  L extends string = string,
> {
  /** The island's name: its module's file name, and how the page refers to it. */
  readonly name: N;
  /** The schema of its props, parsed on the server before they are sent. */
  readonly props: P;
  /** Island-to-server events by name: a payload schema, or `{ payload, reply }`. */
  readonly events: E;
  /** Server-to-island commands by name: the payload's schema. */
  readonly commands: C;
  /** Streams the view feeds the island by name: the schema of one item. */
  readonly streams: S;
  /** The named slots a view may fill (besides `children`). */
  readonly slots: readonly L[];
  /** Props to render the island with in the dev gallery (/__islands), by sample name. */
  readonly samples: Readonly<Record<string, z.input<P>>>;
  /** What the dev gallery answers events that have a reply with: a reply, or a function of the payload. */
  readonly replies: SampleReplies<E>;
  /** Text that stands in for the island where it cannot render: its server render threw, or a client-only one has not loaded. */
  readonly fallback: string | undefined;
  /** Its load mode where a render names none; "only" also keeps the server from importing its module. */
  readonly load: Load | undefined;
}

/** Any island contract, for code that takes every island. */
// `any` so that every concrete contract is assignable (its maps are narrower than the defaults)
export type AnyIsland = IslandContract<string, IslandSchema, any, any, any, any>;

type PayloadSchema<S> = S extends IslandSchema ? S : S extends { readonly payload: infer P extends IslandSchema } ? P : never;
type ReplySchema<S> = S extends IslandSchema ? never : S extends { readonly reply: infer R extends IslandSchema } ? R : never;

type EventsWithReply<E extends EventMap> = { [K in keyof E]: [ReplySchema<E[K]>] extends [never] ? never : K }[keyof E] & string;
/** Sample replies by event (only events that have a reply): a reply, or a function of the validated payload. */
export type SampleReplies<E extends EventMap> = {
  readonly [K in EventsWithReply<E>]?:
    | z.input<ReplySchema<E[K]>>
    | ((payload: z.output<PayloadSchema<E[K]>>) => z.input<ReplySchema<E[K]>>);
};

/** The props a component receives (parsed). */
export type PropsOf<C extends AnyIsland> = z.output<C["props"]>;
/** The props a view passes to `island()` (before parsing). */
export type PropsInput<C extends AnyIsland> = z.input<C["props"]>;

/** The names of an island's events. */
export type EventName<C extends AnyIsland> = keyof C["events"] & string;
/** What the island passes to `emit(event, payload)`. */
export type EventInput<C extends AnyIsland, K extends EventName<C>> = z.input<PayloadSchema<C["events"][K]>>;
/** What the server's handler receives, validated. */
export type EventPayload<C extends AnyIsland, K extends EventName<C>> = z.output<PayloadSchema<C["events"][K]>>;
/** What the server's handler returns: the reply's input, or nothing for an event without a reply. */
export type ReplyInput<C extends AnyIsland, K extends EventName<C>> = [ReplySchema<C["events"][K]>] extends [never]
  ? void
  : z.input<ReplySchema<C["events"][K]>>;
/** What `emit` resolves with: the parsed reply, or undefined for an event without a reply. */
export type EventReply<C extends AnyIsland, K extends EventName<C>> = [ReplySchema<C["events"][K]>] extends [never]
  ? void
  : z.output<ReplySchema<C["events"][K]>>;

/** The names of an island's commands. */
export type CommandName<C extends AnyIsland> = keyof C["commands"] & string;
/** What the island's command handler receives, validated. */
export type CommandPayload<C extends AnyIsland, K extends CommandName<C>> = z.output<C["commands"][K]>;

/** The names of an island's streams. */
export type StreamName<C extends AnyIsland> = keyof C["streams"] & string;
/** An item of an island's stream, as the component reads it (parsed). */
export type StreamItem<C extends AnyIsland, K extends StreamName<C>> = z.output<C["streams"][K]>;
/** The names of an island's slots. */
export type SlotName<C extends AnyIsland> = C["slots"][number];

/** Island to server: resolves with the typed reply once the server has handled the event. */
export type Emit<C extends AnyIsland> = <K extends EventName<C>>(event: K, payload: EventInput<C, K>) => Promise<EventReply<C, K>>;
/** Server to island: registers a command handler, returns its unsubscribe (a useEffect cleanup). */
export type On<C extends AnyIsland> = <K extends CommandName<C>>(
  command: K,
  handler: (payload: CommandPayload<C, K>) => void,
) => () => void;

/** What an island component receives. */
export interface IslandProps<C extends AnyIsland> {
  /** The props, as the server parsed them: typed values (Date, Map, Set, BigInt, URL) arrive as such. */
  readonly props: PropsOf<C>;
  /** The view's `children` template, live (null when the view passed none): render it where it goes. */
  readonly children: ReactNode;
  /** The view's named slot templates, live (null for one the view left empty). */
  readonly slots: { readonly [K in SlotName<C>]: ReactNode };
  /** Sends an event to the view; resolves with its reply (rejects when refused or disconnected). */
  readonly emit: Emit<C>;
  /** Handles a command from the view; returns the unsubscribe, for a useEffect cleanup. */
  readonly on: On<C>;
  /** False in the server render and while the live view is disconnected (emits then fail). */
  readonly connected: boolean;
}

/** An island's React component. */
export type IslandComponent<C extends AnyIsland> = (island: IslandProps<C>) => ReactNode;

/**
 * What an island's module exports (discover.ts finds it by its file name): the component as default
 * and its contract. Nothing else, so the module stays a React Fast Refresh boundary (the
 * contract is re-exported from its own module, the same object across hot updates).
 */
export interface IslandModule {
  readonly contract: AnyIsland;
  readonly default: IslandComponent<any>;
}

const NAME = /^[A-Z][A-Za-z0-9]*$/;
const MEMBER = /^[A-Za-z][A-Za-z0-9_-]*$/;

function isSchema(value: unknown): value is IslandSchema {
  return typeof value === "object" && value !== null && typeof (value as { safeParse?: unknown }).safeParse === "function";
}

/** What `defineIsland` takes besides the name. */
interface IslandSpec<P extends IslandSchema, E extends EventMap, C extends CommandMap, S extends StreamMap, L extends string> {
  readonly props: P;
  readonly events?: E;
  readonly commands?: C;
  readonly samples?: Record<string, z.input<NoInfer<P>>>;
  readonly replies?: SampleReplies<NoInfer<E>>;
  readonly fallback?: string;
  readonly streams?: S;
  readonly slots?: readonly L[];
  /**
   * Its load mode where `island()` names none (load.ts). "only" makes it client-only: the
   * server never imports its component's module, only this contract's (which must then have
   * a module of its own), as for a `*.client.tsx` module.
   */
  readonly load?: Load;
}

/**
 * Defines an island's contract (in `<Name>.contract.ts` beside its component): its PascalCase
 * name and zod (or zod/mini) schemas; the samples, replies and fallback serve the dev gallery
 * and failures. Names and schemas are checked here, so a bad contract throws where it is
 * written: on the server, which imports every contract as it starts (the browser's copy is
 * not checked again, see `islandContract`).
 *
 *   export const Stepper = defineIsland("Stepper", { props: z.object({ count: z.number() }), events: { step: z.number() } });
 */
export function defineIsland<
  const N extends string,
  P extends IslandSchema,
  E extends EventMap = Record<never, never>,
  C extends CommandMap = Record<never, never>,
  S extends StreamMap = Record<never, never>,
  const L extends string = never,
>(name: N, spec: IslandSpec<P, E, C, S, L>): IslandContract<N, P, E, C, S, L> {
  const where = `defineIsland("${name}")`;
  if (!NAME.test(name)) throw new TypeError(`${where}: the name must be a PascalCase identifier`);
  if (!isSchema(spec.props)) throw new TypeError(`${where}: props must be a zod schema`);
  const events: EventMap = spec.events ?? {};
  for (const [event, s] of Object.entries(events)) {
    if (!MEMBER.test(event)) throw new TypeError(`${where}: event name "${event}" must be an identifier`);
    if (!isSchema(s) && !(isSchema((s as { payload?: unknown }).payload) && isSchema((s as { reply?: unknown }).reply))) {
      throw new TypeError(`${where}: event "${event}" must be a zod schema or { payload, reply } schemas`);
    }
  }
  for (const [command, s] of Object.entries(spec.commands ?? {})) {
    if (!MEMBER.test(command)) throw new TypeError(`${where}: command name "${command}" must be an identifier`);
    if (!isSchema(s)) throw new TypeError(`${where}: command "${command}" must be a zod schema`);
  }
  for (const event of Object.keys(spec.replies ?? {})) {
    if (!Object.hasOwn(events, event) || !replySchema(events[event]!))
      throw new TypeError(`${where}: a sample reply for "${event}", which has no reply`);
  }
  if (spec.fallback !== undefined && typeof spec.fallback !== "string") throw new TypeError(`${where}: the fallback must be text`);
  for (const [stream, s] of Object.entries(spec.streams ?? {})) {
    if (!MEMBER.test(stream)) throw new TypeError(`${where}: stream name "${stream}" must be an identifier`);
    if (!isSchema(s)) throw new TypeError(`${where}: stream "${stream}" must be a zod schema (of one item)`);
  }
  for (const slot of spec.slots ?? []) {
    if (typeof slot !== "string" || !MEMBER.test(slot) || slot === "children") {
      throw new TypeError(`${where}: slot name "${String(slot)}" must be an identifier other than "children"`);
    }
  }
  return islandContract(name, spec);
}

/**
 * `defineIsland` without its checks: what the browser build calls in its place (the Lagoon
 * Vite plugin rewrites the import, vite/browser-contract.ts), as the server checked the same
 * contract when it imported it. Apps call `defineIsland`.
 */
export function islandContract<
  N extends string,
  P extends IslandSchema,
  E extends EventMap,
  C extends CommandMap,
  S extends StreamMap,
  L extends string,
>(name: N, spec: IslandSpec<P, E, C, S, L>): IslandContract<N, P, E, C, S, L> {
  return Object.freeze({
    name,
    props: spec.props,
    events: spec.events ?? ({} as E),
    commands: spec.commands ?? ({} as C),
    samples: Object.freeze({ ...spec.samples }),
    replies: Object.freeze({ ...spec.replies }) as SampleReplies<E>,
    fallback: spec.fallback,
    load: spec.load,
    streams: spec.streams ?? ({} as S),
    slots: Object.freeze([...(spec.slots ?? [])]),
  });
}

/** The schema an event's payload must pass. */
export function payloadSchema(spec: EventSpec): IslandSchema {
  return isSchema(spec) ? spec : spec.payload;
}

/** The schema of an event's reply, if it has one. */
export function replySchema(spec: EventSpec): IslandSchema | undefined {
  return isSchema(spec) ? undefined : spec.reply;
}

/**
 * The key an island is found by, on the server and in the browser: its name without case,
 * dashes or underscores, so `TelemetryCharts` is `telemetry-charts.tsx` (discover.ts).
 */
export function islandKey(name: string): string {
  return name.replace(/[-_]/g, "").toLowerCase();
}

/** The live view event an island event travels as: `<Island>:<event>`, with `{ id, payload }`. */
export function eventName(contract: AnyIsland, event: string): string {
  return `${contract.name}:${event}`;
}

/**
 * The push event that carries commands to the island with DOM id `id`:
 * `island:<id>` with `{ island, command, payload }` (pushCommand; the hook listens for its own id).
 */
export function commandEvent(id: string): string {
  return `island:${id}`;
}

/** What a command push event carries (socket.pushCommand). */
export interface CommandValue {
  readonly island: string;
  readonly command: string;
  readonly payload: unknown;
}

/**
 * Sends a typed command to the island with DOM id `id` in `socket`'s view: its
 * `on(command, handler)` handlers get the payload, parsed by the contract in the browser.
 * Rides on a push event, as typed JSON; a payload the contract refuses throws here, where
 * the mistake is.
 */
export function pushCommand<C extends AnyIsland, K extends CommandName<C>>(
  socket: { pushEvent(name: string, payload: unknown): unknown },
  island: C,
  id: string,
  command: K,
  payload: z.input<C["commands"][K]>,
): void {
  const schema = Object.hasOwn(island.commands, command) ? (island.commands[command] as IslandSchema) : undefined;
  if (!schema) throw new TypeError(`pushCommand(${island.name}): the contract has no command "${command}"`);
  const checked = schema.safeParse(payload);
  if (!checked.success) {
    throw new TypeError(`pushCommand(${island.name}#${id}): invalid ${command} payload: ${describeIssues(checked.error.issues)}`);
  }
  socket.pushEvent(commandEvent(id), { island: island.name, command, payload: encodeValue(payload) });
}

export { describeIssues };
