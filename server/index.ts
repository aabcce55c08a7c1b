/** Lagoon's server: the Hono host, the live socket, sessions. */
export { Lagoon, createLagoon, type LagoonOptions, type Listening } from "./app.js";
export { manifestAssets, devAssets, CLIENT_ENTRY, type Assets } from "./assets.js";
export { listenWithVite, type DevServerOptions, type DevListening } from "./dev.js";
export { defaultDocument, type DocumentFn, type PageParts } from "./document.js";
export { Sessions, SESSION_COOKIE, FLASH_COOKIE, type CookieSession, type ViewToken } from "./session.js";
export { Signer } from "./signing.js";
export { Channel, type ChannelContext, type ChannelLimits } from "./channel.js";
export { createLiveSocket, attachLiveSocket, CLOSE, type LiveSocketServer, type LiveSocketOptions } from "./ws.js";
export { DEFAULT_SOCKET_LIMITS, type SocketLimits } from "./limits.js";
export type { Conn } from "./transport.js";
export { RedisPubSub, type RedisPubSubOptions } from "./redis-pubsub.js";
export { ClusterPubSub, relayClusterPubSub } from "./cluster-pubsub.js";
export {
  Telemetry,
  onTelemetry,
  TELEMETRY_EVENTS,
  TELEMETRY_CHANNELS,
  type TelemetryEvent,
  type TelemetryListener,
  type ConnectionEvent,
} from "./telemetry.js";
export { LagoonMetrics, type MetricsOptions } from "./metrics.js";
export {
  TelemetryWindow,
  type TelemetryWindowOptions,
  type WindowSnapshot,
  type SecondStats,
  type EventStats,
} from "./telemetry-window.js";
