/** What a test view's actions reject with: a navigation away, or a refused event. */
import type { Flash } from "../types.js";

/** A mount or handler ended in navigation; `visit()` rejects with it when mount redirects. */
export class Redirected extends Error {
  constructor(
    readonly kind: "redirect" | "navigate" | "patch",
    readonly to: string,
    readonly flash: Flash,
  ) {
    super(`${kind} to ${to}`);
    this.name = "Redirected";
  }
}

/**
 * A refused event (unknown event or component, invalid params, an EventRejected): the
 * server answered with `{ error: { reason, message } }`, which `response` holds. The view
 * lives on, as in the browser.
 */
export class ReplyError extends Error {
  constructor(readonly response: Record<string, unknown>) {
    super(String(response.message ?? response.reason ?? "error reply"));
    this.name = "ReplyError";
  }
}
