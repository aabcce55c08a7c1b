/**
 * Booting the official Phoenix LiveView client the way a Lagoon page needs it: the page's
 * CSRF token and the browser's time zone as connect params, Lagoon's hooks beside the
 * app's own, reconnects and rejoins with jitter, what the user typed kept when the server
 * refuses a recovered form, and browser signals reported to the server (signals.ts).
 * Pages without a live view run it as a "dead view".
 */
import { Socket } from "phoenix";
import { LiveSocket, type HooksOptions } from "phoenix_live_view";
import { jitteredBackoff, REJOIN_STEPS, RECONNECT_STEPS } from "./backoff.js";
import { keepRefusedForms } from "./form-memory.js";
import { islandClaims } from "./island-claims.js";
import { IslandHook } from "./island.js";
import { signals } from "./signals.js";
import type { Uploader } from "./uploader.js";
import { uploaders } from "./uploaders.js";

/** Lagoon's client hooks, registered on the LiveSocket by name (phx-hook="Name"). */
export const hooks: HooksOptions = { Island: IslandHook };

/** Options of `createLiveSocket`; every one is optional. */
export interface LiveSocketOptions {
  /** The app's own hooks, beside Lagoon's `Island`. */
  readonly hooks?: HooksOptions;
  /** More connect params for the views' `socket.connectParams`. */
  readonly params?: Record<string, unknown>;
  /** The live socket's endpoint; default "/live" (createLagoon's `socketPath`). */
  readonly path?: string;
  /** The app's own uploaders for direct uploads, beside Lagoon's `S3`. */
  readonly uploaders?: Readonly<Record<string, Uploader>>;
  /** Anything else the LiveSocket takes (dom, metadata, reconnectAfterMs, rejoinAfterMs, ...). */
  readonly liveSocket?: Record<string, unknown>;
  /** false: measure nothing and report nothing to the server (browser signals). */
  readonly signals?: boolean;
}

/** Creates and connects the page's LiveSocket; also `window.liveSocket` (liveSocket.enableDebug() in the console). */
export function createLiveSocket(opts: LiveSocketOptions = {}): LiveSocket {
  const csrfToken = document.querySelector<HTMLMetaElement>("meta[name='csrf-token']")?.content ?? "";
  const liveSocket = new LiveSocket(opts.path ?? "/live", Socket, {
    // passed through to the phoenix Socket: after a restart, clients must not all come back at
    // once; an app's own `liveSocket.reconnectAfterMs` / `rejoinAfterMs` replace them
    reconnectAfterMs: jitteredBackoff(RECONNECT_STEPS),
    rejoinAfterMs: jitteredBackoff(REJOIN_STEPS),
    ...opts.liveSocket,
    // per view at each join (and for the socket itself, without a view): the islands its page holds
    params: (view?: Element) => ({
      _csrf_token: csrfToken,
      timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      ...opts.params,
      ...(view ? { _islands: islandClaims(view) } : {}),
    }),
    hooks: { ...hooks, ...opts.hooks },
    uploaders: { ...uploaders, ...opts.uploaders },
    // the phoenix Socket's encode option: signals see each outgoing push, then encode it as usual
    ...(opts.signals === false ? {} : { encode: signals.encode }),
  });
  if (opts.signals !== false) signals.attach(liveSocket.getSocket());
  keepRefusedForms();
  liveSocket.connect();
  (window as unknown as { liveSocket: LiveSocket }).liveSocket = liveSocket;
  return liveSocket;
}
