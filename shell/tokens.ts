/**
 * The tokens a live connection verifies: the view token the HTTP render embedded
 * (`data-phx-session`) and sealed flashes. Signing is the server's (server/session.ts);
 * the core only asks.
 */
import type { Flash } from "./types.js";

export interface ViewToken {
  /** The container's DOM id (topic `lv:<id>`). */
  readonly id: string;
  /** The live session the page was rendered in: navigation may not leave it. */
  readonly ls: string;
  /** The cookie session the page was rendered for. */
  readonly sid: string;
  /** Flash from the HTTP render, for the first connected mount. */
  readonly f?: Flash;
  /** A nested view (liveRender): the view's name. */
  readonly v?: string;
  /** A nested view's parent DOM id; a sticky view has none (it is joined as a root). */
  readonly p?: string;
  /** The session values liveRender passed. */
  readonly s?: Readonly<Record<string, unknown>>;
  /** A nested view's page URL when it was rendered (it joins without one). */
  readonly u?: string;
}

export interface Tokens {
  verifyView(token: unknown): ViewToken | null;
  /** An empty flash for a token that is missing, forged or expired. */
  verifyFlash(token: unknown): Flash;
}
