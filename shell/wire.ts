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

/** The client version Lagoon speaks; sent in every join reply. Keep equal to package.json's pin. */
export const LIVEVIEW_VERSION = "1.2.12";

/** A stream insert on the wire: [domId, at, limit, updateOnly]. */
export type WireStreamInsert = [string, number, number | null, boolean];
