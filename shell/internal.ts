/**
 * Internal types of the live core: what a view process needs from its host and services,
 * and the surface of the process that its parts (dispatch, navigation, the sockets' link)
 * work on. Not exported by the package.
 */
import type { AsyncTasks } from "./tasks.js";
import type { ComponentTree } from "./component-tree.js";
import type { FlashState } from "./flash.js";
import type { PubSub, ViewHandle } from "./pubsub.js";
import type { LiveRoute, Router } from "./router.js";
import type { ViewSocketImpl } from "./socket.js";
import type { SpanObserver, SpanRecorder, ViewEvent } from "./spans.js";
import type { Assigns, ConnectInfo, Flash, Params, Session } from "./types.js";
import type { NavigationKind } from "./urls.js";
import type { ViewToken } from "./tokens.js";
import type { Lifecycle } from "./lifecycle.js";
import type { ViewUploads } from "./uploads.js";

export type Reply = { status: "ok" | "error"; response: Record<string, unknown> };

/**
 * Where a view's output goes. Replies answer a client push by ref; pushes are
 * server-initiated. A host that serializes may return the bytes of a frame carrying a
 * diff, which the view reports in its telemetry spans.
 */
export interface ViewHost {
  reply(ref: string, reply: Reply): number | void;
  push(event: "diff" | "redirect" | "live_redirect" | "live_patch", payload: Record<string, unknown>): number | void;
  /** The view ended on its own: "close" after a redirect or navigation, "error" after a crash. */
  stopped(reason: "close" | "error"): void;
}

/** What a view process needs from the application around it. */
export interface ViewServices {
  readonly router: Router;
  readonly pubsub: PubSub;
  /** Signs a flash so it can travel through the browser to the next mount. */
  signFlash(flash: Flash): string;
  /** Signs a nested view's token (shell/nested.ts). */
  signView(token: ViewToken): string;
  /** Observes lifecycle spans (telemetry). Optional. */
  readonly spans?: SpanObserver;
  /** Reports a crash with its stack (server log). The client only ever sees a generic error. */
  logError?(error: unknown, context: { view: string; phase: string }): void;
  /** Live components one view may hold; one more crashes the view (default 10,000). */
  readonly componentsPerView?: number;
}

/** What the browser's connection brought to a connected mount. */
export interface ConnectContext {
  readonly params: Readonly<Record<string, unknown>>;
  readonly info: ConnectInfo;
  readonly staticChanged: boolean;
}

export interface ProcessOptions {
  /** The container's DOM id (the channel topic is `lv:<id>`). */
  readonly id: string;
  readonly route: LiveRoute;
  readonly params: Params;
  readonly url: URL;
  readonly session: Session;
  readonly connected: boolean;
  readonly flash?: Flash;
  readonly services: ViewServices;
  readonly host?: ViewHost;
  /** Connected mounts: the connect params and info of the socket. */
  readonly connect?: ConnectContext;
  /** A nested view: its parent's handle (none for a sticky one); a nested view has no URL of its own. */
  readonly nested?: { readonly parent: ViewHandle | undefined; readonly depth: number };
  /** A nested view: its parent's assigns, which its `assignNew` takes keys from while it mounts. */
  readonly parentAssigns?: Readonly<Assigns>;
  /** The live session the page was rendered in (a nested view inherits its page's). */
  readonly liveSession?: string;
}

/** A navigation a handler asked for, followed once it returns. */
export interface Nav {
  readonly kind: NavigationKind;
  readonly to: string;
  readonly replace: boolean;
}

/** A message of the view's mailbox, named as its telemetry span. */
export type Phase = ViewEvent["name"];

/** The view process as its parts see it (process.ts implements it). */
export interface ViewProcessCore {
  readonly id: string;
  readonly name: string;
  /** The route the URL matched; a patch may move to another route of the same view (another action). */
  route: LiveRoute;
  readonly connected: boolean;
  readonly alive: boolean;
  readonly services: ViewServices;
  readonly socket: ViewSocketImpl<any>;
  readonly handle: ViewHandle;
  readonly connect: ConnectContext | undefined;
  readonly flash: FlashState;
  readonly span: SpanRecorder;
  /** A copy of the view's URL (parsed from `href`). */
  readonly url: URL;
  href: string;
  params: Params;
  /** Navigation asked for by the handler running now. */
  nav: Nav | null;
  /** Push events waiting for the next diff (created with the first: most views push none). */
  events: [string, unknown][] | undefined;
  /** The live components, created on first use. */
  components(): ComponentTree;
  /** The live components if any exist yet. */
  existingComponents(): ComponentTree | undefined;
  /** The lifecycle hooks, created on first use. */
  lifecycle(): Lifecycle;
  existingLifecycle(): Lifecycle | undefined;
  /** Mounted at a route (false for a nested view, which has no URL of its own). */
  readonly routed: boolean;
  readonly nested: { readonly parent: ViewHandle | undefined; readonly depth: number } | undefined;
  /** The parent's assigns while a nested view mounts (undefined after, so they are not held). */
  readonly parentAssigns: Readonly<Assigns> | undefined;
  /** The cookie session the view mounted with. */
  readonly session: Session;
  /** The live session the page was rendered in. */
  readonly liveSession: string;
  /** Runs handleParams (its hooks first) for the current URL. */
  handleParams(): Promise<void>;
  /** The async tasks, created on first use. */
  tasks(): AsyncTasks;
  existingTasks(): AsyncTasks | undefined;
  /** The uploads of the view and its components, created on first use. */
  uploads(): ViewUploads;
  existingUploads(): ViewUploads | undefined;
  /** Queues a message; `ref` is the push to answer (null for info and async). */
  enqueue(ref: string | null, phase: Phase, task: () => void | Promise<void>): Promise<void>;
  /** After a handler: follow navigation, render, and answer with `replyValue` as the hook reply. */
  finish(ref: string | null, replyValue: unknown): void | Promise<void>;
  reply(ref: string, reply: Reply): void;
  /** Renders what changed since the last render (null: nothing did). */
  render(full: boolean): Record<string, unknown> | null;
  subscribe(topic: string): void;
  unsubscribe(topic: string): void;
  onEnd(fn: () => void): void;
  nextStreamRef(): string;
}
