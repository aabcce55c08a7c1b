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
}

export interface Tokens {
  verifyView(token: unknown): ViewToken | null;
  /** An empty flash for a token that is missing, forged or expired. */
  verifyFlash(token: unknown): Flash;
}
