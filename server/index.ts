/** Lagoon's server: the Hono host, the live socket, sessions, PubSub adapters, telemetry. */
export { createLagoon, type Lagoon, type LagoonOptions } from "./app.js";
export type { Listening, ListenOptions } from "./listen.js";
export { Health, type HealthCheck, type Readiness } from "./health.js";
export { DEFAULT_DRAIN_TIMEOUT_MS, type DrainOptions } from "./drain.js";
export type { LagoonEnv, RequestSession } from "./request-session.js";
export type { CookieSession, SessionOptions } from "./session.js";
export { manifestAssets, devAssets, type Assets } from "./assets.js";
export { defineApp, instantiateApp, loadSecret, type App, type AppDefinition, type AppRuntime, type RunningApp } from "./define-app.js";
export { defaultDocument, type DocumentFn, type PageParts } from "./document.js";
export { DEFAULT_SOCKET_LIMITS, type SocketLimits } from "./limits.js";
export type { TrustProxy } from "./proxy.js";
export {
  rateLimit,
  MemoryRateLimitStore,
  RedisRateLimitStore,
  type RateLimiter,
  type RateLimitOptions,
  type RateLimitResult,
  type RateLimitStore,
} from "./rate-limit.js";
export { DEFAULT_SECURITY_HEADERS, type SecurityHeadersOptions } from "./security.js";
export { RedisPubSub, type RedisPubSubOptions } from "./redis-pubsub.js";
export { ClusterPubSub, relayClusterPubSub } from "./cluster-pubsub.js";
export {
  onTelemetry,
  TELEMETRY_CHANNELS,
  type ClientEvent,
  type IslandErrorEvent,
  type IslandErrorPhase,
  type IslandRenderEvent,
  type ReconnectCause,
  type TelemetryEvent,
  type TelemetryListener,
} from "./telemetry.js";
export {
  TelemetryWindow,
  type TelemetryWindowOptions,
  type WindowSnapshot,
  type SecondStats,
  type ClientSnapshot,
  type IslandErrorsSnapshot,
  type Percentiles,
} from "./telemetry-window.js";
export { createUploadStore, type FileUploadStore, type UploadStoreOptions } from "./upload-store.js";
