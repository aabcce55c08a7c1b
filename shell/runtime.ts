/**
 * The view process: one live view's state and mailbox, transport-free. It runs mount,
 * params, events, info messages and async results one at a time in arrival order (an
 * async handler finishing late cannot interleave with the next message), renders after
 * each, and hands replies and pushes to its host (server/channel.ts, or the test client).
 */
import { ComponentSocket, type ComponentDef, type ComponentRef } from "./components.js";
import { diffTemplate, renderHtml, type ComponentRefValue, type NodeState, type RenderContext, type HtmlContext } from "./diff.js";
import { EventParamsError, EventRejected, LagoonError, TemplateError } from "./errors.js";
import { decodeEventValue } from "./params.js";
import type { PubSub, ViewHandle } from "./pubsub.js";
import type { LiveRoute, Router } from "./router.js";
import { AsyncResult, BaseSocket, ViewSocket, type Assigns, type ConnectInfo, type Flash, type ProcessLink } from "./socket.js";
import { prepare, type Template } from "./template.js";
import type { AsyncOutcome, EventSpec, Params, Session } from "./view.js";
import { COMPONENTS, EVENTS, REPLY, ROOT, STATIC, TITLE } from "./wire.js";

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
  /** Observes lifecycle spans (telemetry). Optional. */
  observe?(event: ViewEvent): void;
  /** Reports a crash with its stack (server log). The client only ever sees a generic error. */
  logError?(error: unknown, context: { view: string; phase: string }): void;
}

/**
 * A span of one view's life, for telemetry (server/telemetry.ts publishes them). Message
 * spans (handle_params, event, info, async) cover the handler, the render and the reply.
 */
export interface ViewEvent {
  readonly name: "mount" | "handle_params" | "event" | "info" | "async" | "render" | "crash";
  /** The view's name (ViewDef.name). */
  readonly view: string;
  /** The route's path pattern ("/posts/:id"): bounded, unlike URLs. */
  readonly route: string;
  /** The view's DOM id; its channel topic is `lv:<id>`. */
  readonly id: string;
  /** False for the HTTP render's mount. */
  readonly connected: boolean;
  /**
   * event: the event's name, only when the view or component defines it (client input
   * never becomes a label); crash: the phase that threw.
   */
  readonly event?: string;
  /** Milliseconds (0 for crash). */
  readonly duration: number;
  /** Bytes of the frames carrying diffs this span sent, when the host measures them. */
  readonly bytes?: number;
  /** event: the reason the event was refused (unknown_event, invalid_params, an EventRejected code). */
  readonly refused?: string;
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
}

export type StaticResult = { kind: "ok"; html: string; title: string | undefined } | { kind: "redirect"; to: string; flash: Flash };

type Nav = { kind: "patch" | "navigate" | "redirect"; to: string; replace: boolean };

interface ComponentEntry {
  readonly cid: number;
  readonly def: ComponentDef<any>;
  readonly id: string;
  readonly socket: ComponentSocket<any>;
  /** The tree the client holds for this component; undefined until first sent. */
  state: NodeState | undefined;
  lastAssigns: Assigns | undefined;
  queued: boolean;
  markedForDeletion: boolean;
}

const NOOP_HOST: ViewHost = { reply() {}, push() {}, stopped() {} };
const MAX_PATCH_REDIRECTS = 20;

/** Raised inside the queue once the view has ended; never reaches a user. */
class Ended extends Error {}

function shallowEqual(a: Assigns | undefined, b: Assigns): boolean {
  if (!a) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) if (a[k] !== b[k]) return false;
  return true;
}

let processCounter = 0;

export class LiveViewProcess {
  readonly id: string;
  readonly route: LiveRoute;
  readonly connected: boolean;
  readonly #services: ViewServices;
  readonly #host: ViewHost;
  readonly #session: Session;
  readonly #socket: ViewSocket<any>;
  readonly #handle: ViewHandle;
  readonly #connect: ConnectContext | undefined;
  #url: URL;
  #params: Params;
  #alive = true;
  #queue: Promise<unknown> = Promise.resolve();
  #state: NodeState | undefined;
  #flash: Flash;
  #flashChanged = false;
  #events: [string, unknown][] = [];
  #nav: Nav | null = null;
  #nextCid = 1;
  #nextStreamRef = 0;
  // created on first use: most views never hold a component, subscription or async task,
  // and an empty Map costs ~190 bytes per view
  #components: Map<number, ComponentEntry> | undefined;
  #byDef: Map<ComponentDef<any>, Map<string, ComponentEntry>> | undefined;
  #renderQueue: ComponentEntry[] = [];
  #subscriptions: Map<string, () => void> | undefined;
  #asyncs: Map<string, AbortController> | undefined;
  /** Cleanups registered with socket.onEnd (presence, external resources); created on first use. */
  #onEnd: (() => void)[] | undefined;
  readonly #ctx: RenderContext;
  /** Telemetry of the message being handled: its event name, render time, diff bytes sent. */
  #spanEvent: string | undefined;
  #spanRefused: string | undefined;
  #refusedForm: { event: string; target: string | undefined } | undefined;
  #spanRender: number | undefined;
  /** Components placed by the render under way, by definition: two with one id is an error. */
  #placed: Map<ComponentDef<any>, Set<string>> | undefined;
  #spanBytes = 0;

  constructor(opts: ProcessOptions) {
    this.id = opts.id;
    this.route = opts.route;
    this.connected = opts.connected;
    this.#services = opts.services;
    this.#host = opts.host ?? NOOP_HOST;
    this.#session = opts.session;
    this.#url = opts.url;
    this.#params = opts.params;
    this.#flash = { ...(opts.flash ?? {}) };
    this.#connect = opts.connect;
    this.#handle = new LiveViewProcess.#Handle(this, `${opts.id}#${++processCounter}`);
    this.#socket = new ViewSocket(new LiveViewProcess.#Link(this, "v:"), {});
    const proc = this;
    // a method, not an arrow in a property: see #Handle on named closures
    this.#ctx = {
      component(ref) {
        return proc.#component(ref as ComponentRef);
      },
    };
  }

  get name(): string {
    return this.route.view.name ?? "view";
  }

  get alive(): boolean {
    return this.#alive;
  }

  get handle(): ViewHandle {
    return this.#handle;
  }

  get url(): URL {
    return this.#url;
  }

  /** Number of live components held (tests, telemetry). */
  get componentCount(): number {
    return this.#components?.size ?? 0;
  }

  // ---------------------------------------------------------------- entry points

  /** The HTTP (dead) render: mount with connected === false and render to HTML. */
  static async renderStatic(opts: Omit<ProcessOptions, "connected" | "host">): Promise<StaticResult> {
    const proc = new LiveViewProcess({ ...opts, connected: false });
    try {
      await proc.#mountAll();
      const nav = proc.#nav;
      if (nav) return { kind: "redirect", to: nav.to, flash: proc.#flash };
      const assigns = proc.#renderAssigns();
      const html = renderHtml(proc.#template(assigns), proc.#htmlContext());
      const title = assigns.pageTitle === undefined || assigns.pageTitle === null ? undefined : String(assigns.pageTitle);
      return { kind: "ok", html, title };
    } catch (error) {
      proc.#observe("crash", 0, "mount");
      throw error;
    } finally {
      proc.#end();
    }
  }

  /** The connected mount; replies to the join with the full rendered tree, or an error. */
  join(ref: string): Promise<void> {
    return this.#enqueue(ref, "mount", async () => {
      try {
        await this.#joinTask(ref);
      } catch (error) {
        this.#report(error, "mount");
        this.#observe("crash", 0, "mount");
        this.#end();
        // a generic reason: the client reloads with jitter (5-10 s), so crashes cannot loop tightly
        this.#reply(ref, { status: "error", response: { reason: "join crashed" } });
      }
    });
  }

  async #joinTask(ref: string): Promise<void> {
    await this.#mountAll();
    let livePatch: Record<string, unknown> | undefined;
    const nav = this.#takeNav();
    if (nav?.kind === "patch") {
      livePatch = await this.#applyPatch(nav);
    } else if (nav) {
      const flash = this.#flashToken();
      const target = { to: nav.to, ...(flash ? { flash } : {}) };
      const response =
        nav.kind === "redirect" ? { redirect: target } : { live_redirect: { ...target, kind: nav.replace ? "replace" : "push" } };
      this.#end();
      this.#reply(ref, { status: "error", response });
      return;
    }
    const rendered = this.#render(true)!;
    this.#reply(ref, { status: "ok", response: { rendered, ...(livePatch ? { live_patch: livePatch } : {}) } });
  }

  /**
   * An `event` push from the client (click, form, key, focus, hook). A refused event (no
   * such event or component, params failing the schema, an EventRejected) is answered
   * `ok` all the same, with `{ error: { reason, message } }` as the reply: the official
   * client releases the element the user touched only on an ok reply, and a hook's or
   * island's pushEvent resolves with that reply.
   */
  event(payload: unknown, ref: string): Promise<void> {
    return this.#enqueue(ref, "event", async () => {
      const p = payload as { type?: unknown; event?: unknown; value?: unknown; cid?: unknown; meta?: unknown } | null;
      if (typeof p !== "object" || p === null || typeof p.event !== "string" || typeof p.type !== "string") {
        return this.#refuse(ref, "bad_event", "event payload needs string type and event");
      }
      const name = p.event;
      // a refused form change must not cost the user what they typed (hooks/form-memory.ts)
      this.#refusedForm = p.type === "form" ? { event: name.slice(0, 256), target: formTarget(p.meta) } : undefined;
      let target: ComponentEntry | undefined;
      if (p.cid !== undefined) {
        target = typeof p.cid === "number" ? this.#components?.get(p.cid) : undefined;
        if (!target) return this.#refuse(ref, "unknown_component", `no component ${String(p.cid).slice(0, 32)}`);
      }
      const params = decodeEventValue(p.type, p.value, p.meta);
      if (params === undefined) return this.#refuse(ref, "bad_event", "unreadable event value");

      let result: unknown;
      if (name === "lv:clear-flash") {
        this.#spanEvent = name;
        const key = (params as Record<string, unknown>).key;
        this.#clearFlash(typeof key === "string" ? key : undefined);
      } else {
        const events = (target ? target.def.events : this.route.view.events) as Record<string, EventSpec<any>> | undefined;
        const spec = events && Object.hasOwn(events, name) ? events[name] : undefined;
        if (!spec) {
          const owner = target ? `component ${target.def.name ?? target.cid}` : this.name;
          return this.#refuse(ref, "unknown_event", `${owner} has no event "${name.slice(0, 64)}"`);
        }
        this.#spanEvent = name;
        const socket = target ? target.socket : this.#socket;
        try {
          if (typeof spec === "function") {
            result = await spec(params, socket);
          } else {
            const parsed = spec.params.safeParse(params);
            if (!parsed.success) {
              const err = new EventParamsError(this.name, name, parsed.error.issues);
              return this.#refuse(ref, err.code, err.message, err.issues.map((i) => ({ path: i.path.map(String), message: i.message })));
            }
            result = await spec.handle(parsed.data, socket);
          }
        } catch (error) {
          if (!(error instanceof EventRejected)) throw error;
          if (target) this.#touch(target);
          return this.#refuse(ref, error.code, error.message);
        }
        if (target) this.#touch(target);
      }
      // only hooks read replies; a returned socket (from a chained call) is not one
      const reply = p.type === "hook" && !(result instanceof BaseSocket) ? result : undefined;
      await this.#finish(ref, reply);
    });
  }

  /**
   * Answers a refused event: ok, with the refusal as the reply (see `event`), plus whatever
   * the handler changed before it refused.
   */
  async #refuse(ref: string, reason: string, message: string, issues?: unknown[]): Promise<void> {
    this.#spanRefused = reason;
    if (this.#refusedForm) this.#events.push([FORM_REFUSED, this.#refusedForm]);
    await this.#finish(ref, { error: issues ? { reason, message, issues } : { reason, message } });
  }

  /** A `live_patch` from the client (patch link, back/forward): handleParams on this view, or link_redirect. */
  patch(url: unknown, ref: string): Promise<void> {
    return this.#enqueue(ref, "handle_params", async () => {
      let next: URL;
      try {
        next = new URL(String(url), this.#url);
      } catch {
        return this.#reply(ref, errorReply("bad_url", "unreadable url"));
      }
      const resolved = next.origin === this.#url.origin ? this.#services.router.resolve(next) : null;
      if (!resolved || resolved.route.view !== this.route.view || resolved.route.session !== this.route.session) {
        return this.#reply(ref, { status: "ok", response: { link_redirect: true } });
      }
      this.#clearFlash();
      this.#url = next;
      this.#params = resolved.params;
      await this.route.view.handleParams?.(this.#params, next, this.#socket);
      await this.#finish(ref, undefined);
    });
  }

  /** The client saw these components leave the DOM. */
  cidsWillDestroy(cids: unknown, ref: string): Promise<void> {
    return this.#enqueue(ref, "event", async () => {
      this.#spanEvent = "cids_will_destroy";
      for (const cid of asCids(cids)) {
        const entry = this.#components?.get(cid);
        if (entry) entry.markedForDeletion = true;
      }
      this.#reply(ref, { status: "ok", response: {} });
    });
  }

  /** Components still gone after will_destroy: forget them and tell the client which ones. */
  cidsDestroyed(cids: unknown, ref: string): Promise<void> {
    return this.#enqueue(ref, "event", async () => {
      this.#spanEvent = "cids_destroyed";
      const deleted: number[] = [];
      for (const cid of asCids(cids)) {
        const entry = this.#components?.get(cid);
        if (!entry || !entry.markedForDeletion) continue;
        this.#components!.delete(cid);
        this.#byDef?.get(entry.def)?.delete(entry.id);
        this.#cancelAsyncsOf(`c${cid}:`);
        deleted.push(cid);
      }
      this.#reply(ref, { status: "ok", response: { cids: deleted } });
    });
  }

  /** Resolves once every message queued so far has been handled. */
  idle(): Promise<void> {
    return this.#queue.then(() => undefined);
  }

  /** Leave, disconnect or replacement: abandon pending work, free everything. Idempotent. */
  close(reason = "closed"): void {
    if (!this.#alive) return;
    this.#terminate(reason);
    this.#end();
  }

  // ---------------------------------------------------------------- queue

  /**
   * Queues a message. Its spans are observed once it is answered, so telemetry listeners
   * never delay a reply; the join's own span is the host's (it times the whole join).
   */
  #enqueue(ref: string | null, phase: ViewEvent["name"], task: () => Promise<void>): Promise<void> {
    const run = this.#queue.then(async () => {
      if (!this.#alive) throw new Ended();
      const started = performance.now();
      this.#spanEvent = undefined;
      this.#spanRefused = undefined;
      this.#spanRender = undefined;
      this.#spanBytes = 0;
      await task();
      const duration = performance.now() - started;
      if (this.#spanRender !== undefined) this.#observe("render", this.#spanRender);
      if (phase !== "mount") this.#observe(phase, duration, this.#spanEvent, this.#spanBytes, this.#spanRefused);
    });
    this.#queue = run.catch((error: unknown) => {
      if (error instanceof Ended) return;
      this.#crash(error, phase);
    });
    return this.#queue as Promise<void>;
  }

  #observe(name: ViewEvent["name"], duration: number, event?: string, bytes?: number, refused?: string): void {
    const observe = this.#services.observe;
    if (!observe) return;
    const span: { -readonly [K in keyof ViewEvent]: ViewEvent[K] } = {
      name,
      view: this.name,
      route: this.route.path,
      id: this.id,
      connected: this.connected,
      duration,
    };
    if (event !== undefined) span.event = event;
    if (bytes) span.bytes = bytes;
    if (refused !== undefined) span.refused = refused;
    observe.call(this.#services, span);
  }

  #reply(ref: string, reply: Reply): void {
    this.#spanBytes += this.#host.reply(ref, reply) ?? 0;
  }

  #push(event: Parameters<ViewHost["push"]>[0], payload: Record<string, unknown>): void {
    this.#spanBytes += this.#host.push(event, payload) ?? 0;
  }

  #crash(error: unknown, phase: string): void {
    if (!this.#alive) return;
    this.#report(error, phase);
    this.#observe("crash", 0, phase);
    this.#terminate("error");
    this.#end();
    this.#host.stopped("error");
  }

  /** The view's own cleanup (ViewDef.terminate); its failure is logged, never propagated. */
  #terminate(reason: string): void {
    try {
      this.route.view.terminate?.(reason, this.#socket);
    } catch (error) {
      this.#report(error, "terminate");
    }
  }

  #report(error: unknown, phase: string): void {
    if (this.#services.logError) this.#services.logError(error, { view: this.name, phase });
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
    for (const ctrl of this.#asyncs?.values() ?? []) ctrl.abort();
    this.#asyncs = undefined;
    this.#components = undefined;
    this.#byDef = undefined;
    this.#renderQueue = [];
    this.#state = undefined;
  }

  // ---------------------------------------------------------------- lifecycle

  async #mountAll(): Promise<void> {
    const started = performance.now();
    for (const hook of this.route.session.onMount) {
      await hook(this.#params, this.#session, this.#socket);
      if (this.#nav) return;
    }
    await this.route.view.mount?.(this.#params, this.#session, this.#socket);
    if (this.#nav) return;
    await this.route.view.handleParams?.(this.#params, this.#url, this.#socket);
    this.#observe("mount", performance.now() - started);
  }

  async #handleInfo(message: unknown): Promise<void> {
    const info = this.route.view.info;
    if (!info) throw new LagoonError("no_info", `${this.name} received a message but has no info handler`);
    await info(message, this.#socket);
    await this.#finish(null, undefined);
  }

  #takeNav(): Nav | null {
    const nav = this.#nav;
    this.#nav = null;
    return nav;
  }

  /** Applies a server-side patch: new URL, handleParams (which may patch again, bounded). */
  async #applyPatch(nav: Nav): Promise<Record<string, unknown>> {
    let current: Nav | null = nav;
    let hops = 0;
    let last = nav;
    while (current && current.kind === "patch") {
      if (++hops > MAX_PATCH_REDIRECTS) throw new LagoonError("patch_loop", `${this.name}: too many patches; check handleParams`);
      const next = new URL(current.to, this.#url);
      const resolved = this.#services.router.resolve(next);
      if (!resolved || resolved.route.view !== this.route.view) {
        throw new LagoonError("bad_patch", `${this.name}: pushPatch("${current.to}") must point to this same view; use pushNavigate`);
      }
      this.#url = next;
      this.#params = resolved.params;
      last = current;
      await this.route.view.handleParams?.(this.#params, next, this.#socket);
      current = this.#nav?.kind === "patch" ? this.#takeNav() : null;
    }
    return { to: this.#url.pathname + this.#url.search, kind: last.replace ? "replace" : "push" };
  }

  /**
   * After a handler: follow navigation, render, and answer. With a ref the output is a
   * reply; without one (info, async) it is pushed.
   */
  async #finish(ref: string | null, replyValue: unknown): Promise<void> {
    const nav = this.#takeNav();
    if (nav && nav.kind !== "patch") {
      const pending = this.#render(false);
      const flash = this.#flashToken();
      const target: Record<string, unknown> = { to: nav.to, ...(flash ? { flash } : {}) };
      if (nav.kind === "navigate") target.kind = nav.replace ? "replace" : "push";
      const key = nav.kind === "redirect" ? "redirect" : "live_redirect";
      // pending push events still reach the browser before it leaves
      if (pending?.[EVENTS]) this.#push("diff", { [EVENTS]: pending[EVENTS] });
      if (ref !== null) this.#reply(ref, { status: "ok", response: { [key]: target } });
      else this.#push(key, target);
      this.#terminate(nav.kind);
      this.#end();
      this.#host.stopped("close");
      return;
    }
    if (nav) {
      const livePatch = await this.#applyPatch(nav);
      this.#push("live_patch", livePatch);
    }
    const diff = this.#render(false);
    const out = diff ?? (replyValue !== undefined ? {} : null);
    if (out && replyValue !== undefined) out[REPLY] = replyValue;
    if (ref !== null) this.#reply(ref, { status: "ok", response: out ? { diff: out } : {} });
    else if (out) this.#push("diff", out);
  }

  // ---------------------------------------------------------------- rendering

  #renderAssigns(): Assigns {
    const a = this.#socket.assigns as Assigns;
    return Object.assign(Object.create(null), a, { flash: this.#flash, streams: this.#socket.__streams });
  }

  #template(assigns: Assigns): Template {
    const inner = this.route.view.render(assigns as never);
    const layout = this.route.session.layout;
    return layout ? layout(inner, assigns as never) : inner;
  }

  /** Renders what changed since the last render; `full` renders everything (join). */
  #render(full: boolean): Record<string, unknown> | null {
    const started = performance.now();
    const socket = this.#socket;
    const diff: Record<string, unknown> = {};
    this.#placed = undefined;
    if (full || socket.changed || this.#flashChanged) {
      const assigns = this.#renderAssigns();
      const { diff: d, state } = diffTemplate(this.#template(assigns), full ? undefined : this.#state, this.#ctx);
      this.#state = state;
      if (d) Object.assign(diff, d);
      if ((full && assigns.pageTitle != null) || socket.__changed.has("pageTitle")) {
        diff[TITLE] = assigns.pageTitle == null ? "" : String(assigns.pageTitle);
      }
      socket.__changed.clear();
      for (const s of Object.values(socket.__streams)) s.flush();
      this.#flashChanged = false;
    }
    const components = this.#renderComponents();
    if (components) diff[COMPONENTS] = components;
    if (this.#events.length) {
      diff[EVENTS] = this.#events;
      this.#events = [];
    }
    if (!full && Object.keys(diff).length === 0) return null;
    // only renders that produced something: their rate is the render frequency
    this.#spanRender = (this.#spanRender ?? 0) + performance.now() - started;
    return diff;
  }

  #renderComponents(): Record<string, unknown> | undefined {
    let out: Record<string, unknown> | undefined;
    // fingerprint -> cid whose full statics are in this message: later ones borrow them ("s": cid)
    const shared = new Map<number, number>();
    while (this.#renderQueue.length) {
      const entry = this.#renderQueue.shift()!;
      entry.queued = false;
      if (!this.#components?.has(entry.cid)) continue;
      if (entry.state && !entry.socket.changed) continue;
      const template = entry.def.render(componentAssigns(entry));
      const p = prepare(template.strings);
      if (!p.singleRoot) {
        throw new TemplateError(`component ${entry.def.name ?? entry.cid} must render exactly one root element`);
      }
      const { diff, state } = diffTemplate(template, entry.state, this.#ctx);
      entry.state = state;
      entry.socket.__changed.clear();
      for (const s of Object.values(entry.socket.__streams)) s.flush();
      if (!diff) continue;
      if (diff[STATIC]) {
        diff[ROOT] = 1;
        const owner = shared.get(p.fp);
        if (owner === undefined) shared.set(p.fp, entry.cid);
        else diff[STATIC] = owner;
      }
      (out ??= {})[entry.cid] = diff;
    }
    return out;
  }

  #component(ref: ComponentRef): number {
    this.#place(ref);
    const entry = this.#resolveComponent(ref);
    entry.markedForDeletion = false;
    if (entry.state === undefined || entry.socket.changed) this.#touch(entry);
    return entry.cid;
  }

  #resolveComponent(ref: ComponentRef): ComponentEntry {
    const byDef = (this.#byDef ??= new Map());
    let byId = byDef.get(ref.def);
    if (!byId) byDef.set(ref.def, (byId = new Map()));
    let entry = byId.get(ref.id);
    if (!entry) {
      const cid = this.#nextCid++;
      const socket = new ComponentSocket(new LiveViewProcess.#Link(this, `c${cid}:`), cid, (message) => this.#handle.send(message));
      entry = { cid, def: ref.def, id: ref.id, socket, state: undefined, lastAssigns: undefined, queued: false, markedForDeletion: false };
      byId.set(ref.id, entry);
      (this.#components ??= new Map()).set(cid, entry);
      const mounted = ref.def.mount?.(socket);
      if (mounted instanceof Promise)
        throw new LagoonError("async_component", "component mount must be synchronous; use startAsync for slow work");
    }
    if (!shallowEqual(entry.lastAssigns, ref.assigns)) {
      entry.lastAssigns = ref.assigns;
      const updated = ref.def.update ? ref.def.update(ref.assigns, entry.socket) : entry.socket.assign(ref.assigns);
      if (updated instanceof Promise) throw new LagoonError("async_component", "component update must be synchronous");
    }
    return entry;
  }

  /** Two live components of one kind with one id in a render would share a state: refused, as Phoenix does. */
  #place(ref: ComponentRef): void {
    const placed = (this.#placed ??= new Map());
    let ids = placed.get(ref.def);
    if (!ids) placed.set(ref.def, (ids = new Set()));
    if (ids.has(ref.id)) {
      throw new TemplateError(
        `${this.name}: two live components ${ref.def.name ?? "(unnamed)"} with id "${ref.id}" in one render; give each a unique id`,
      );
    }
    ids.add(ref.id);
  }

  /** Queues a component for the next render pass. */
  #touch(entry: ComponentEntry): void {
    if (!entry.queued) {
      entry.queued = true;
      this.#renderQueue.push(entry);
    }
  }

  #htmlContext(): HtmlContext {
    const proc = this;
    const ctx: HtmlContext = {
      componentHtml(value: ComponentRefValue) {
        proc.#place(value as ComponentRef);
        const entry = proc.#resolveComponent(value as ComponentRef);
        return renderHtml(entry.def.render(componentAssigns(entry)), ctx);
      },
    };
    return ctx;
  }

  // ---------------------------------------------------------------- socket link

  #clearFlash(kind?: string): void {
    if (kind === undefined) {
      if (Object.keys(this.#flash).length === 0) return;
      this.#flash = {};
    } else {
      if (!(kind in this.#flash)) return;
      const { [kind]: _removed, ...rest } = this.#flash;
      this.#flash = rest;
    }
    this.#flashChanged = true;
  }

  #flashToken(): string | undefined {
    return Object.keys(this.#flash).length ? this.#services.signFlash(this.#flash) : undefined;
  }

  #cancelAsyncsOf(prefix: string): void {
    const asyncs = this.#asyncs;
    if (!asyncs) return;
    for (const [key, ctrl] of asyncs) {
      if (key.startsWith(prefix)) {
        ctrl.abort();
        asyncs.delete(key);
      }
    }
  }

  // The handle and the sockets' links are class instances, not object literals of getters
  // and closures, which cost every view process about 2 KB and its construction ~10x the
  // time (measured with bench/memory.ts and the HTTP bench). One reason: tsx compiles with
  // esbuild's keepNames, which gives every arrow function stored under a name its own
  // `name` property, turning that closure's properties into a 256-byte dictionary;
  // methods and anonymous callbacks are left alone. Declared inside the class so that they
  // may read its private fields.

  static readonly #Handle = class implements ViewHandle {
    constructor(
      readonly proc: LiveViewProcess,
      readonly id: string,
    ) {}

    get alive(): boolean {
      return this.proc.#alive;
    }

    send(message: unknown): boolean {
      const proc = this.proc;
      if (!proc.#alive) return false;
      void proc.#enqueue(null, "info", () => proc.#handleInfo(message));
      return true;
    }
  };

  static readonly #Link = class implements ProcessLink {
    constructor(
      readonly proc: LiveViewProcess,
      /** Keys of this socket's async tasks: "v:" for the view, "c<cid>:" for a component. */
      readonly asyncPrefix: string,
    ) {}

    get connected(): boolean {
      return this.proc.connected;
    }

    get handle(): ViewHandle {
      return this.proc.#handle;
    }

    get url(): URL {
      return this.proc.#url;
    }

    get connectParams(): Readonly<Record<string, unknown>> | undefined {
      return this.proc.#connect?.params;
    }

    get connectInfo(): ConnectInfo | undefined {
      return this.proc.#connect?.info;
    }

    get staticChanged(): boolean {
      return this.proc.#connect?.staticChanged ?? false;
    }

    putFlash(kind: string, message: string): void {
      this.proc.#flash = { ...this.proc.#flash, [kind]: String(message) };
      this.proc.#flashChanged = true;
    }

    clearFlash(kind?: string): void {
      this.proc.#clearFlash(kind);
    }

    pushEvent(name: string, payload: unknown): void {
      this.proc.#events.push([name, payload]);
    }

    navigate(kind: Nav["kind"], to: string, replace: boolean): void {
      this.proc.#nav = { kind, to, replace };
    }

    subscribe(topic: string): void {
      const proc = this.proc;
      if (!proc.connected || !proc.#alive || proc.#subscriptions?.has(topic)) return;
      (proc.#subscriptions ??= new Map()).set(topic, proc.#services.pubsub.subscribe(topic, proc.#handle));
    }

    onEnd(fn: () => void): void {
      if (this.proc.#alive) (this.proc.#onEnd ??= []).push(fn);
      else fn();
    }

    unsubscribe(topic: string): void {
      this.proc.#subscriptions?.get(topic)?.();
      this.proc.#subscriptions?.delete(topic);
    }

    broadcast(topic: string, message: unknown, from: boolean): void {
      this.proc.#services.pubsub.broadcast(topic, message, from ? this.proc.#handle : undefined);
    }

    sendUpdate(def: ComponentDef<any>, id: string, assigns: Assigns): void {
      const proc = this.proc;
      if (!proc.#alive) return;
      void proc.#enqueue(null, "info", async () => {
        const entry = proc.#byDef?.get(def)?.get(String(id));
        if (!entry) return;
        const updated = def.update ? def.update(assigns, entry.socket) : entry.socket.assign(assigns);
        if (updated instanceof Promise) await updated;
        proc.#touch(entry);
        await proc.#finish(null, undefined);
      });
    }

    startAsync(owner: BaseSocket<any>, name: string, fn: (signal: AbortSignal) => Promise<unknown>): void {
      const proc = this.proc;
      // async work starts only on connected views: the HTTP render shows the loading state
      if (!proc.connected || !proc.#alive) return;
      const key = this.asyncPrefix + name;
      const asyncs = (proc.#asyncs ??= new Map());
      asyncs.get(key)?.abort();
      const ctrl = new AbortController();
      asyncs.set(key, ctrl);
      const settle = (outcome: AsyncOutcome) => {
        if (ctrl.signal.aborted || !proc.#alive) return;
        void proc.#enqueue(null, "async", async () => {
          if (ctrl.signal.aborted || proc.#asyncs?.get(key) !== ctrl) return;
          proc.#asyncs.delete(key);
          await proc.#applyAsync(owner, name, outcome);
        });
      };
      Promise.resolve()
        .then(() => fn(ctrl.signal))
        .then(
          (value) => settle({ ok: true, value }),
          (error: unknown) => settle({ ok: false, error }),
        );
    }

    cancelAsync(owner: BaseSocket<any>, name: string, reason?: unknown): void {
      const proc = this.proc;
      const key = this.asyncPrefix + name;
      const ctrl = proc.#asyncs?.get(key);
      if (!ctrl) return;
      ctrl.abort(reason);
      proc.#asyncs!.delete(key);
      // as in Phoenix: the cancellation is the work's outcome (handleAsync / a failed AsyncResult)
      const error = reason ?? new Error("cancelled");
      void proc.#enqueue(null, "async", () => proc.#applyAsync(owner, name, { ok: false, error }));
    }

    streamRef(): string {
      return String(this.proc.#nextStreamRef++);
    }
  };

  async #applyAsync(owner: BaseSocket<any>, name: string, outcome: AsyncOutcome): Promise<void> {
    const entry = owner instanceof ComponentSocket ? this.#components?.get(owner.__cid) : undefined;
    if (owner instanceof ComponentSocket && !entry) return;
    if (name.startsWith("__assign:")) {
      const keys = name.slice("__assign:".length).split(",");
      for (const key of keys) {
        const previous = owner.assigns[key] as AsyncResult<unknown> | undefined;
        if (outcome.ok) {
          const value = outcome.value as Record<string, unknown> | null;
          if (typeof value !== "object" || value === null || !(key in value)) {
            owner.assign(key, AsyncResult.failed(new LagoonError("async_missing_key", `assignAsync result has no key "${key}"`), previous));
          } else owner.assign(key, AsyncResult.ok(value[key]));
        } else owner.assign(key, AsyncResult.failed(outcome.error, previous));
      }
    } else if (entry) {
      await entry.def.handleAsync?.(name, outcome, entry.socket);
    } else {
      await this.route.view.handleAsync?.(name, outcome, this.#socket);
    }
    if (entry) this.#touch(entry);
    await this.#finish(null, undefined);
  }
}

/**
 * The push event answering a refused form event, `{ event, target }`: the browser runtime
 * puts back what the user typed, which a reconnect's form recovery would otherwise lose.
 */
const FORM_REFUSED = "lagoon:form-refused";

function formTarget(meta: unknown): string | undefined {
  const target = (meta as { _target?: unknown } | null)?._target;
  return typeof target === "string" ? target.slice(0, 256) : undefined;
}

/** What a component's render gets: its assigns, `myself` and its streams. */
function componentAssigns(entry: ComponentEntry): Assigns {
  return Object.assign(Object.create(null), entry.socket.assigns, { myself: entry.cid, streams: entry.socket.__streams });
}

function errorReply(reason: string, message: string, extra: Record<string, unknown> = {}): Reply {
  return { status: "error", response: { reason, message, ...extra } };
}

function asCids(cids: unknown): number[] {
  return Array.isArray(cids) ? cids.filter((c): c is number => Number.isInteger(c)).slice(0, 10_000) : [];
}
