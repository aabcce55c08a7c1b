/**
 * When the browser loads an island's code and hydrates it: `island(C, { id, props, load })`,
 * or the contract's `load` where a render names none.
 *
 * - "eager" (the default): at once.
 * - "idle", or `{ mode: "idle", timeout }`: when the browser is idle, at the latest after
 *   `timeout` ms (default 2000).
 * - "visible", or `{ mode: "visible", rootMargin }`: when the container comes within
 *   `rootMargin` of the viewport (default "200px"; CSS margin syntax, px or %).
 * - `{ mode: "media", query }`: while the media query matches (at once if it does).
 * - "interaction": on the first pointer press, focus or key in the container; that event,
 *   and the clicks made while the code loads, are replayed once the island is hydrated.
 * - "only": rendered in the browser only (no server render), at once. Given in a render,
 *   the server still imports the module (discover.ts); given as the contract's own `load`
 *   (in a contract module of its own), the server never imports the component. Islands in
 *   `*.client.tsx` modules are always rendered in the browser only and never imported by
 *   the server (for modules that need `window` to load); any mode says when.
 *
 * The mode travels as one attribute (what hooks/island-load.ts reads): `data-load="idle"`, or
 * with its argument `data-load="idle:500"`, `data-load="visible:0px 0px 300px"`,
 * `data-load="media:(min-width: 60em)"`.
 */
import { LagoonError } from "../shell/errors.js";

/**
 * When the browser loads and hydrates an island: at once ("eager"), when the browser is idle
 * (optionally by a timeout), when it scrolls into view (optionally with a root margin), when
 * a media query matches, on the first interaction with it, or in the browser only ("only":
 * no server render).
 */
export type Load =
  | "eager"
  | "idle"
  | "visible"
  | "interaction"
  | "only"
  | { readonly mode: "idle"; readonly timeout?: number }
  | { readonly mode: "visible"; readonly rootMargin?: string }
  | { readonly mode: "media"; readonly query: string };

const NAMES = new Set(["eager", "idle", "visible", "interaction", "only"]);
const MAX_TIMEOUT_MS = 60_000;
/** One to four lengths, as IntersectionObserver's rootMargin takes them. */
const MARGIN = /^-?\d{1,5}(\.\d{1,3})?(px|%)( -?\d{1,5}(\.\d{1,3})?(px|%)){0,3}$/;
const MAX_QUERY = 300;

/** The `data-load` value of `load`; throws a LagoonError naming the island when it is not one. */
export function loadAttribute(where: string, load: Load | undefined): string {
  if (load === undefined) return "eager";
  if (typeof load === "string" && NAMES.has(load)) return load;
  const bad = (why: string) => new LagoonError("island_load", `${where}: ${why}`);
  if (typeof load !== "object" || load === null) {
    throw bad(`load must be one of eager, idle, visible, interaction, only, or { mode: "idle" | "visible" | "media", ... }`);
  }
  switch (load.mode) {
    case "idle": {
      const { timeout } = load;
      if (timeout === undefined) return "idle";
      if (!Number.isInteger(timeout) || timeout < 0 || timeout > MAX_TIMEOUT_MS) {
        throw bad(`the idle timeout must be a whole number of ms from 0 to ${MAX_TIMEOUT_MS}`);
      }
      return `idle:${timeout}`;
    }
    case "visible": {
      const { rootMargin } = load;
      if (rootMargin === undefined) return "visible";
      if (typeof rootMargin !== "string" || !MARGIN.test(rootMargin)) {
        throw bad(`rootMargin must be one to four lengths in px or % ("200px", "0px 0px 50%")`);
      }
      return `visible:${rootMargin}`;
    }
    case "media": {
      const { query } = load;
      if (typeof query !== "string" || query.trim() === "" || query.length > MAX_QUERY) {
        throw bad(`a media load needs a media query of at most ${MAX_QUERY} characters`);
      }
      return `media:${query}`;
    }
    default:
      throw bad(`unknown load mode ${JSON.stringify((load as { mode?: unknown }).mode)}`);
  }
}

/** Does the server render the island's HTML? Not for "only". */
export function rendersOnServer(load: Load | undefined): boolean {
  return load !== "only";
}
