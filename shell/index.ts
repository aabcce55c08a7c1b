/** Lagoon's live core: views, templates, components, streams, forms, routing, PubSub. */
export { html, raw, keep, type Template, type Raw, type Keep } from "./template.js";
export { defineView, event } from "./view.js";
export { defineComponent, component, type ComponentRef } from "./components.js";
export { AsyncResult } from "./async-result.js";
export type { AsyncOutcome } from "./types.js";
export type {
  Assigns,
  ComponentDef,
  ComponentRenderAssigns,
  ComponentSocket,
  ConnectInfo,
  EventHandler,
  Flash,
  NavigateOptions,
  Params,
  RedirectOptions,
  RenderAssigns,
  Session,
  Socket,
  ValidatedEvent,
  ViewDef,
  ViewSocket,
} from "./types.js";
export type { LiveStream, StreamOptions, StreamConfig } from "./streams.js";
export { live, liveSession, type LiveRoute, type LiveRouteOptions, type OnMount, type Layout } from "./router.js";
export { MemoryPubSub, type PubSub, type ViewHandle } from "./pubsub.js";
export { Presence, type PresenceEntry, type PresenceMeta, type PresenceChanged, type PresenceOptions } from "./presence.js";
export { defineForm, type Form, type FormDef, type FieldErrors } from "./forms.js";
export { LagoonError, TemplateError, EventParamsError, EventRejected, HttpError } from "./errors.js";
export { UnsafeUrlError } from "./urls.js";
export type { Schema, Infer } from "./schema.js";
