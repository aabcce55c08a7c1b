/** Lagoon's live core: views, templates, components, streams, forms, routing, PubSub. */
export { html, raw, keep, type Template, type Raw, type Keep } from "./template.js";
export {
  JS,
  JSCommandError,
  type JSCommands,
  type JSOp,
  type JSTarget,
  type JSTransition,
  type JSTargetOptions,
  type JSTransitionOptions,
  type JSShowOptions,
  type JSToggleOptions,
  type JSPushOptions,
  type JSDispatchOptions,
  type JSNavigateOptions,
} from "./js.js";
export { attrs, type Attrs, type AttrMap, type AttrValue } from "./attrs.js";
export { dynamicTag } from "./dynamic-tag.js";
export { each, type Each } from "./keyed.js";
export { defineView, event } from "./view.js";
export { liveRender, type LiveRenderOptions } from "./nested.js";
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
  HookResult,
  LifecycleHooks,
  LifecycleStage,
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
export {
  defineForm,
  type Form,
  type FormDef,
  type FormOptions,
  type FormFields,
  type FormRow,
  type FormValues,
  type FormValue,
  type FormValueTree,
  type FormPrefill,
  type ButtonOptions,
  type FieldErrors,
} from "./forms.js";
export { LagoonError, TemplateError, EventParamsError, EventRejected, HttpError } from "./errors.js";
export { UnsafeUrlError, localPath } from "./urls.js";
export type { Schema, Infer } from "./schema.js";
export { consumeUploadedEntries, uploadedEntries } from "./uploads.js";
export type {
  Upload,
  UploadEntry,
  Uploads,
  UploadOptions,
  UploadedFile,
  ExternalUpload,
  UploadStore,
  UploadSink,
  UploadWriter,
} from "./upload-types.js";
export { liveFileInput, liveImgPreview, uploadErrors, type FileInputAttrs } from "./upload-input.js";
