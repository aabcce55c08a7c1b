/**
 * The Phoenix LiveView wire vocabulary, spelled as the official client spells it
 * (node_modules/phoenix_live_view/assets/js/phoenix_live_view/constants.ts).
 * See docs/protocol.md for the message shapes. Every module that reads or writes
 * diffs imports its keys from here.
 */

export const STATIC = "s";
export const ROOT = "r";
export const COMPONENTS = "c";
export const KEYED = "k";
export const KEYED_COUNT = "kc";
export const KEYED_MOVED = "km";
export const EVENTS = "e";
export const REPLY = "r";
export const TITLE = "t";
export const TEMPLATES = "p";
export const STREAM = "stream";

/**
 * Push events that carry island commands are named `island:<island DOM id>`, with
 * `{ island, command, payload }` (socket.pushCommand; the island hook listens for its own id).
 */
export const ISLAND_COMMAND = "island:";

/** The client version Lagoon speaks; sent in every join reply. Keep equal to package.json's pin. */
export const LIVEVIEW_VERSION = "1.2.12";

/** A rendered node or a diff of one: statics under "s", dynamics under "0".."N-1". */
export interface WireNode {
  s?: readonly string[];
  r?: 1;
  [slot: string]: WireValue | readonly string[] | undefined;
}

/** A comprehension (keyed, 1.1+ format): entries share the statics, addressed by position. */
export interface WireComprehension {
  s?: readonly string[];
  k: { kc: number; [index: string]: WireEntry | number };
  stream?: WireStream;
}

export type WireEntry = { [slot: string]: WireValue };

/** [ref, inserts [[domId, at, limit, updateOnly]], deleteDomIds, reset?] */
export type WireStream = [string, WireStreamInsert[], string[]] | [string, WireStreamInsert[], string[], true];
export type WireStreamInsert = [string, number, number | null, boolean];

/** A dynamic slot: text (already escaped HTML), a nested node, a comprehension, or a component id. */
export type WireValue = string | number | WireNode | WireComprehension;

/**
 * A whole diff as sent in a join reply, a reply's `diff`, or a `diff` push. At this
 * level "r" is a hook reply, never the root flag; "c" holds component trees by cid.
 */
export type WireDiff = { [key: string]: unknown };

/** Phoenix channel frame: [join_ref, ref, topic, event, payload]. */
export type Frame = [string | null, string | null, string, string, unknown];
