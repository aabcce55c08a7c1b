/**
 * The view process: one live view's state and mailbox, transport-free (Phoenix's
 * channel.ex without the I/O). It runs mount, params, events, info messages and async
 * results one at a time in arrival order (an async handler finishing late cannot
 * interleave with the next message), renders after each, and hands replies and pushes to
 * its host (shell/channel.ts over a connection, or nothing for the HTTP render).
 *
 * Its parts live beside it: mailbox.ts (the queue), view-render.ts (renders), dispatch.ts (events), navigation.ts
 * (patch and redirect), lifecycle.ts (hooks), component-tree.ts and component-events.ts, async.ts and tasks.ts,
 * uploads.ts, flash.ts, spans.ts, view-handle.ts, and static.ts (the HTTP render).
 */
import { ComponentTree } from "./component-tree.js";
import { dispatchEvent } from "./dispatch.js";
import { LagoonError } from "./errors.js";
import { Lifecycle } from "./lifecycle.js";
import { FlashState } from "./flash.js";
import type { ConnectContext, Nav, Phase, ProcessOptions, Reply, ViewHost, ViewProcessCore, ViewServices } from "./internal.js";
import { SocketLink } from "./link.js";
import { Mailbox } from "./mailbox.js";
import { applyPatch, clientPatch, leaving, pendingEvents, takeNav } from "./navigation.js";
import type { ViewHandle } from "./pubsub.js";
import type { LiveRoute } from "./router.js";
import { ComponentSocketImpl, ViewSocketImpl } from "./socket.js";
import type { RenderScope } from "./render-scope.js";
import { observeMessage, observeView, SpanRecorder } from "./spans.js";
import { AsyncTasks } from "./tasks.js";
import type { Template } from "./template.js";
import type { Assigns, Params, Session } from "./types.js";
import { REPLY } from "./wire.js";
import { ProcessHandle } from "./view-handle.js";
import { ViewRender } from "./view-render.js";
import { uploadHost } from "./upload-events.js";
import { ViewUploads } from "./uploads.js";

const NOOP_HOST: ViewHost = { reply() {}, push() {}, stopped() {} };

/** Raised inside the queue once the view has ended; never reaches a user. */
class Ended extends Error {}

export class LiveViewProcess implements ViewProcessCore {
  readonly id: string;
  route: LiveRoute;
  readonly connected: boolean;
  readonly services: ViewServices;
  readonly connect: ConnectContext | undefined;
  readonly socket: ViewSocketImpl<any>;
  readonly handle: ViewHandle;
  readonly flash: FlashState;
  readonly span = new SpanRecorder();
  events: [string, unknown][] | undefined;
  readonly session: Session;
  readonly liveSession: string;
  /** Set for a nested view: its parent's handle (none when sticky) and how deep it sits. */
  readonly nested: { readonly parent: ViewHandle | undefined; readonly depth: number } | undefined;
  parentAssigns: Readonly<Assigns> | undefined;
  params: Params;
  nav: Nav | null = null;
  /** The view's URL, kept as text: a URL object is large, and an idle view would hold it. */
  href: string;
  readonly #host: ViewHost;
  readonly #link: SocketLink;
  readonly #render: ViewRender;
  #alive = true;
  readonly #mailbox = new Mailbox();
  #nextStreamRef = 0;
  // created on first use: most views never hold a component, subscription or async task
  #components: ComponentTree | undefined;
  #subscriptions: Map<string, () => void> | undefined;
  #tasks: AsyncTasks | undefined;
  #uploads: ViewUploads | undefined;
  /** Cleanups registered with socket.onEnd (presence, external resources). */
  #onEnd: (() => void)[] | undefined;
  #lifecycle: Lifecycle | undefined;

  constructor(opts: ProcessOptions) {
    this.id = opts.id;
    this.route = opts.route;
    this.connected = opts.connected;
    this.services = opts.services;
    this.connect = opts.connect;
    this.session = opts.session;
    this.liveSession = opts.liveSession ?? opts.route.session.name;
    this.nested = opts.nested;
    this.parentAssigns = opts.parentAssigns;
    this.href = opts.url.href;
    this.params = opts.params;
    this.flash = new FlashState(opts.flash);
    this.#host = opts.host ?? NOOP_HOST;
    this.handle = new ProcessHandle(this, opts.id);
    this.#link = new SocketLink(this);
    this.socket = new ViewSocketImpl(this.#link, {});
    this.#render = new ViewRender(this);
  }

  /** A copy of the view's URL, parsed on each read: changing it changes nothing. */
  get url(): URL {
    return new URL(this.href);
  }

  get name(): string {
    return this.route.view.name ?? "view";
  }

  get alive(): boolean {
    return this.#alive;
  }

  get routed(): boolean {
    return this.nested === undefined;
  }

  /** Nested, but joined as a root (no parent): it survives live navigation within its live session. */
  get sticky(): boolean {
    return this.nested !== undefined && this.nested.parent === undefined;
  }

  lifecycle(): Lifecycle {
    return (this.#lifecycle ??= new Lifecycle());
  }

  existingLifecycle(): Lifecycle | undefined {
    return this.#lifecycle;
  }

  components(): ComponentTree {
    return (this.#components ??= new ComponentTree(
      this.name,
      (cid) => new ComponentSocketImpl(this.#link, cid),
      this.services.componentsPerView,
    ));
  }

  existingComponents(): ComponentTree | undefined {
    return this.#components;
  }

  tasks(): AsyncTasks {
    return (this.#tasks ??= new AsyncTasks());
  }

  existingTasks(): AsyncTasks | undefined {
    return this.#tasks;
  }

  uploads(): ViewUploads {
    return (this.#uploads ??= new ViewUploads(uploadHost(this)));
  }

  existingUploads(): ViewUploads | undefined {
    return this.#uploads;
  }

  nextStreamRef(): string {
    return String(this.#nextStreamRef++);
  }

  // ---------------------------------------------------------------- messages

  /** The connected mount; replies to the join with the full rendered tree, or an error. */
  join(ref: string): Promise<void> {
    return this.enqueue(ref, "mount", async () => {
      try {
        await this.#joinTask(ref);
      } catch (error) {
        this.#report(error, "mount");
        observeView(this, "crash", 0, { event: "mount" });
        this.#end();
        // a generic reason: the client reloads with jitter (5-10 s), so crashes cannot loop tightly
        this.reply(ref, { status: "error", response: { reason: "join crashed" } });
      }
    });
  }

  async #joinTask(ref: string): Promise<void> {
    await this.mountAll();
    const nav = takeNav(this);
    if (nav && nav.kind !== "patch") {
      // a mount that navigates away answers the join with where to go instead
      const { key, target } = leaving(this, nav);
      this.#end();
      return this.reply(ref, { status: "error", response: { [key]: target } });
    }
    const livePatch = nav ? await applyPatch(this, nav) : undefined;
    const rendered = this.render(true)!;
    this.reply(ref, { status: "ok", response: { rendered, ...(livePatch ? { live_patch: livePatch } : {}) } });
  }

  /** An `event` push from the client (dispatch.ts). */
  event(payload: unknown, ref: string): Promise<void> {
    return this.enqueue(ref, "event", () => dispatchEvent(this, payload, ref));
  }

  /** A `live_patch` from the client (patch link, back/forward). */
  patch(url: unknown, ref: string): Promise<void> {
    return this.enqueue(ref, "handle_params", () => clientPatch(this, url, ref));
  }

  /** Messages wait in the mailbox or are being handled. */
  get busy(): boolean {
    return this.#mailbox.busy;
  }

  /** Resolves once every message queued so far has been handled. */
  idle(): Promise<void> {
    return this.#mailbox.idle();
  }

  /** Frees everything without the view's terminate (the HTTP render, which never started a live view). */
  dispose(): void {
    this.#end();
  }

  /** Leave, disconnect or replacement: abandon pending work, free everything. Idempotent. */
  close(reason = "closed"): void {
    if (!this.#alive) return;
    this.#terminate(reason);
    this.#end();
  }

  /**
   * Queues a message (mailbox.ts). Its spans are observed once it is answered, so telemetry
   * listeners never delay a reply; the join's own span is the channel's (it times the whole join).
   */
  enqueue(ref: string | null, phase: Phase, task: () => void | Promise<void>): Promise<void> {
    return this.#mailbox.post(
      ref !== null,
      () => {
        if (!this.#alive) throw new Ended();
        const started = performance.now();
        this.span.reset();
        const handling = task();
        if (!handling) return observeMessage(this, phase, started);
        return handling.then(() => observeMessage(this, phase, started));
      },
      (error) => {
        if (!(error instanceof Ended)) this.#crash(error, phase);
      },
    );
  }

  async handleInfo(message: unknown): Promise<void> {
    const hooks = this.#lifecycle;
    if (hooks?.has("handleInfo") && (await hooks.run("handleInfo", [message, this.socket])).halted) return this.finish(null, undefined);
    const info = this.route.view.info;
    if (!info) throw new LagoonError("no_info", `${this.name} received a message but has no info handler`);
    await info(message, this.socket);
    await this.finish(null, undefined);
  }

  /** Runs the live session's onMount hooks, then mount and handleParams, stopping at the first navigation. */
  async mountAll(): Promise<void> {
    const started = performance.now();
    try {
      for (const hook of this.route.session.onMount) {
        await hook(this.params, this.session, this.socket);
        if (this.nav) return;
      }
      await this.route.view.mount?.(this.params, this.session, this.socket);
    } finally {
      this.parentAssigns = undefined;
    }
    if (this.nav) return;
    // a nested view has no URL of its own: no params to handle
    if (this.routed) await this.handleParams();
    observeView(this, "mount", performance.now() - started);
  }

  /** handleParams for the current URL: the hooks first; one that halts skips the view's. */
  async handleParams(): Promise<void> {
    const hooks = this.#lifecycle;
    if (hooks?.has("handleParams") && (await hooks.run("handleParams", [this.params, this.url, this.socket])).halted) return;
    await this.route.view.handleParams?.(this.params, this.url, this.socket);
  }

  /** Ends a message: navigation asked for, else the render of what changed with the reply. Asynchronous only for a patch. */
  finish(ref: string | null, replyValue: unknown): void | Promise<void> {
    let nav = takeNav(this);
    // a sticky view outlives live navigation (Phoenix's sticky?): it sends the page on and keeps running
    let onward: Record<string, unknown> | undefined;
    if (nav?.kind === "navigate" && this.sticky) {
      onward = leaving(this, nav).target;
      nav = null;
    }
    if (nav && nav.kind !== "patch") {
      const pending = pendingEvents(this.render(false));
      const { key, target } = leaving(this, nav);
      if (pending) this.push("diff", pending);
      if (ref !== null) this.reply(ref, { status: "ok", response: { [key]: target } });
      else this.push(key, target);
      this.#terminate(nav.kind);
      this.#end();
      this.#host.stopped("close");
      return;
    }
    if (!nav) return this.#answer(ref, replyValue, onward);
    return applyPatch(this, nav).then((patch) => {
      this.push("live_patch", patch);
      this.#answer(ref, replyValue, onward);
    });
  }

  #answer(ref: string | null, replyValue: unknown, onward: Record<string, unknown> | undefined): void {
    const diff = this.render(false);
    const out = diff ?? (replyValue !== undefined ? {} : null);
    if (out && replyValue !== undefined) out[REPLY] = replyValue;
    if (ref !== null) {
      const response: Reply["response"] = {};
      if (out) response.diff = out;
      if (onward) response.live_redirect = onward;
      this.reply(ref, { status: "ok", response });
      return;
    }
    if (out) this.push("diff", out);
    if (onward) this.push("live_redirect", onward);
  }

  reply(ref: string, reply: Reply): void {
    this.span.bytes += this.#host.reply(ref, reply) ?? 0;
  }

  push(event: Parameters<ViewHost["push"]>[0], payload: Record<string, unknown>): void {
    this.span.bytes += this.#host.push(event, payload) ?? 0;
  }

  subscribe(topic: string): void {
    if (!this.connected || !this.#alive || this.#subscriptions?.has(topic)) return;
    (this.#subscriptions ??= new Map()).set(topic, this.services.pubsub.subscribe(topic, this.handle));
  }

  unsubscribe(topic: string): void {
    this.#subscriptions?.get(topic)?.();
    this.#subscriptions?.delete(topic);
  }

  onEnd(fn: () => void): void {
    if (this.#alive) (this.#onEnd ??= []).push(fn);
    else fn();
  }

  // ---------------------------------------------------------------- rendering

  /** The assigns the view's render (and its layout) receive. */
  renderAssigns(): Assigns {
    return this.#render.assigns();
  }

  /** The view's template inside its live session's layout. */
  template(assigns: Assigns): Template {
    return this.#render.template(assigns);
  }

  /** What the view's templates see of it while they render (render-scope.ts). */
  get renderScope(): RenderScope {
    return this.#render.scope();
  }

  /** Renders what changed since the last render; `full` renders everything (join). */
  render(full: boolean): Record<string, unknown> | null {
    return this.#render.render(full);
  }

  // ---------------------------------------------------------------- ending

  #crash(error: unknown, phase: string): void {
    if (!this.#alive) return;
    this.#report(error, phase);
    observeView(this, "crash", 0, { event: phase });
    this.#terminate("error");
    this.#end();
    this.#host.stopped("error");
  }

  /** The view's own cleanup (ViewDef.terminate); its failure is logged, never propagated. */
  #terminate(reason: string): void {
    try {
      this.route.view.terminate?.(reason, this.socket);
    } catch (error) {
      this.#report(error, "terminate");
    }
  }

  #report(error: unknown, phase: string): void {
    if (this.services.logError) this.services.logError(error, { view: this.name, phase });
    else console.error(`[lagoon] ${this.name} crashed in ${phase}:`, error);
  }

  #end(): void {
    if (!this.#alive) return;
    this.#alive = false;
    for (const unsubscribe of this.#subscriptions?.values() ?? []) unsubscribe();
    this.#subscriptions = undefined;
    for (const fn of this.#onEnd ?? []) {
      try {
        fn();
      } catch (error) {
        this.#report(error, "terminate");
      }
    }
    this.#onEnd = undefined;
    this.#tasks?.cancelAll();
    this.#tasks = undefined;
    // uploads end with the view: their channels close and their temporary files go
    this.#uploads?.end();
    this.#uploads = undefined;
    this.#components = undefined;
    this.#render.reset();
  }
}
