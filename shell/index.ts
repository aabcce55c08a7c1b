/** Lagoon's live core: views, templates, diffs, components, streams, routing. Transport-free. */
export { html, raw, keep, isTemplate, type Template, type Raw, type Keep } from "./template.js";
export { escapeHtml, safeJson, sanitizeUrl } from "./escape.js";
export {
  defineView,
  event,
  type ViewDef,
  type Params,
  type Session,
  type RenderAssigns,
  type EventHandler,
  type ValidatedEvent,
  type AsyncOutcome,
} from "./view.js";
export { ViewSocket, BaseSocket, AsyncResult, type Assigns, type Flash, type NavigateOptions, type CommandTarget } from "./socket.js";
export { defineComponent, component, ComponentSocket, type ComponentDef, type ComponentRef } from "./components.js";
export { LiveStream, type StreamOptions, type StreamConfig } from "./streams.js";
export { live, liveSession, Router, type LiveRoute, type LiveSessionDef, type OnMount, type Layout, type Resolved } from "./router.js";
export { MemoryPubSub, type PubSub, type ViewHandle } from "./pubsub.js";
export { LiveViewProcess, type ViewHost, type ViewServices, type ViewEvent, type Reply, type StaticResult } from "./runtime.js";
export { decodeForm, type FormParams, type FormValue } from "./params.js";
export { LagoonError, TemplateError, EventParamsError, EventRejected, HttpError } from "./errors.js";
export type { Schema, Infer } from "./schema.js";
export { defineForm, type Form, type FormDef, type FieldErrors, type ObjectSchema } from "./forms.js";
export { Presence, type PresenceEntry, type PresenceMeta, type PresenceChanged, type PresenceOptions } from "./presence.js";
