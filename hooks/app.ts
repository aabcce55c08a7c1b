/**
 * The browser bundle: boots the official Phoenix LiveView client with the page's CSRF
 * token and Lagoon's hooks. Pages without a live view run it as a "dead view" (no socket).
 */
// development: React Fast Refresh for islands (an empty module in the production build)
import "@vitejs/plugin-react/preamble";
import "./app.css";
import { Socket } from "phoenix";
import { LiveSocket } from "phoenix_live_view";
import { jitteredBackoff, REJOIN_STEPS, RECONNECT_STEPS } from "./backoff.js";
import { keepRefusedForms } from "./form-memory.js";
import { hooks } from "./index.js";

const csrfToken = document.querySelector<HTMLMetaElement>("meta[name='csrf-token']")?.content ?? "";

const liveSocket = new LiveSocket("/live", Socket, {
  // the view's socket.connectParams: the browser's time zone, so times render in it
  params: { _csrf_token: csrfToken, timezone: Intl.DateTimeFormat().resolvedOptions().timeZone },
  hooks,
  // passed through to the phoenix Socket: after a restart, clients must not all come back at once
  reconnectAfterMs: jitteredBackoff(RECONNECT_STEPS),
  rejoinAfterMs: jitteredBackoff(REJOIN_STEPS),
});

keepRefusedForms();
liveSocket.connect();

// handy in the console (liveSocket.enableDebug()), and read by browser tests
(window as unknown as { liveSocket: LiveSocket }).liveSocket = liveSocket;
