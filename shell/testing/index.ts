/**
 * The in-process test client (like Phoenix.LiveViewTest): renders a page over the same
 * HTTP render the server uses, then joins it through the real live connection
 * (shell/connection.ts) over an in-memory transport, so a test and a browser take one
 * path from frame to diff. It rebuilds the page's HTML from the frames with a reader of
 * its own (merge.ts) and drives it by selector the way a user would.
 *
 *   const view = await visit(routes, "/counter");
 *   await view.element("button", "+").click();
 *   expect(view.find("h1")?.textContent).toBe("Count: 1");
 */
import { parse, type HTMLElement } from "node-html-parser";
import { LiveConnection } from "../connection.js";
import type { ViewServices } from "../internal.js";
import { MemoryPubSub, type PubSub } from "../pubsub.js";
import { Router, type LiveRoute } from "../router.js";
import { renderStatic } from "../static.js";
import type { Tokens, ViewToken } from "../tokens.js";
import type { ConnectInfo, Flash, Session } from "../types.js";
import { ClientState, type DispatchedEvent } from "./client-state.js";
import { runMounted, TestElement, TestForm, windowKey, type ElementHost } from "./elements.js";
import type { UploadStore } from "../upload-types.js";
import { targetCid } from "./bindings.js";
import { extract, RenderedTree, type StreamOp } from "./merge.js";
import { testUploadStore, UploadDriver, type TestFile, type UploadOutcome } from "./uploads.js";

export { RenderedTree, extract } from "./merge.js";
export { TestElement, TestForm } from "./elements.js";
export type { DispatchedEvent } from "./client-state.js";
export type { TestFile, UploadOutcome } from "./uploads.js";

export interface VisitOptions {
  /** The cookie session the view sees (e.g. `{ userId: 1 }`). */
  session?: Session;
  /** Share one PubSub between test views to test broadcasts (views of one router share one by default). */
  pubsub?: PubSub;
  /** Flash handed to the mount (as after a redirect). */
  flash?: Flash;
  /** Origin for URLs; default http://localhost. */
  origin?: string;
  /** The params the browser bundle connects with (`socket.connectParams`), e.g. `{ timezone: "Europe/Paris" }`. */
  connectParams?: Record<string, unknown>;
  /** The connection's peer address, user agent and x-* headers (`socket.connectInfo`). */
  connectInfo?: Partial<ConnectInfo>;
  /** The page's tracked assets are not the running build's (`socket.staticChanged`). */
  staticChanged?: boolean;
  /** Where uploads' temporary files go (default: a directory of the OS temporary directory). */
  uploads?: UploadStore;
}

/** A mount or handler ended in navigation; `visit()` rejects with it when mount redirects. */
export class Redirected extends Error {
  constructor(
    readonly kind: "redirect" | "navigate" | "patch",
    readonly to: string,
    readonly flash: Flash,
  ) {
    super(`${kind} to ${to}`);
    this.name = "Redirected";
  }
}

/**
 * A refused event (unknown event or component, invalid params, an EventRejected): the
 * server answered with `{ error: { reason, message } }`, which `response` holds. The view
 * lives on, as in the browser.
 */
export class ReplyError extends Error {
  constructor(readonly response: Record<string, unknown>) {
    super(String(response.message ?? response.reason ?? "error reply"));
    this.name = "ReplyError";
  }
}

type Frame = [string | null, string | null, string, string, Record<string, any>];
type Reply = { status: string; response: Record<string, any> };

/** Tokens that never leave the process: signing is a lookup. */
class TestTokens implements Tokens {
  readonly #views = new Map<string, ViewToken>();
  readonly #flashes = new Map<string, Flash>();
  #next = 0;

  signView(token: ViewToken): string {
    const key = `view-${++this.#next}`;
    this.#views.set(key, token);
    return key;
  }

  verifyView(token: unknown): ViewToken | null {
    return typeof token === "string" ? (this.#views.get(token) ?? null) : null;
  }

  signFlash(flash: Flash): string {
    const key = `flash-${++this.#next}`;
    this.#flashes.set(key, flash);
    return key;
  }

  verifyFlash(token: unknown): Flash {
    return typeof token === "string" ? (this.#flashes.get(token) ?? {}) : {};
  }
}

interface Env {
  readonly router: Router;
  readonly pubsub: PubSub;
  readonly tokens: TestTokens;
  readonly services: ViewServices;
}

// one environment per router, so views of one app share their PubSub as in a server
const envs = new WeakMap<Router, Env>();
/** Every open test connection: their mailboxes are settled after each action. */
const open = new Set<LiveConnection>();

function envFor(router: Router, pubsub: PubSub | undefined): Env {
  const shared = envs.get(router);
  if (shared && (!pubsub || pubsub === shared.pubsub)) return shared;
  const tokens = new TestTokens();
  const bus = pubsub ?? new MemoryPubSub();
  const env: Env = {
    router,
    pubsub: bus,
    tokens,
    services: {
      router,
      pubsub: bus,
      signFlash: (flash) => tokens.signFlash(flash),
      signView: (token) => tokens.signView(token),
      logError: (error, ctx) => console.error(`[lagoon test] ${ctx.view} crashed in ${ctx.phase}:`, error),
    },
  };
  if (!shared) envs.set(router, env);
  return env;
}

const routers = new WeakMap<object, Router>();

/** The Router of `routes`, the same for the same routes, so their views share one environment. */
function routerOf(routes: Router | Iterable<LiveRoute | LiveRoute[]>): Router {
  if (routes instanceof Router) return routes;
  let router = routers.get(routes);
  if (!router) routers.set(routes, (router = new Router(routes)));
  return router;
}

let nextId = 0;

/** Renders `path` as the HTTP request would, then joins it like the browser. */
export async function visit(
  routes: Router | Iterable<LiveRoute | LiveRoute[]>,
  path: string,
  opts: VisitOptions = {},
): Promise<LiveViewTest> {
  const router = routerOf(routes);
  const env = envFor(router, opts.pubsub);
  const origin = opts.origin ?? "http://localhost";
  const url = new URL(path, origin);
  const resolved = router.resolve(url);
  if (!resolved) throw new Error(`no live route for ${url.pathname}`);
  const session = { sid: "test-session", _csrf_token: "test-csrf", ...opts.session };
  const id = `phx-test${++nextId}`;
  const flash = opts.flash ?? {};
  const dead = await renderStatic({ id, route: resolved.route, params: resolved.params, url, session, flash, services: env.services });
  if (dead.kind === "redirect") throw new Redirected("redirect", dead.to, dead.flash);
  const token = env.tokens.signView({
    id,
    ls: resolved.route.session.name,
    sid: session.sid,
    ...(Object.keys(flash).length ? { f: flash } : {}),
  });
  const view = new LiveViewTest(id, dead.html, env, { ...opts, session, origin });
  await view.__join(url, token);
  return view;
}

export class LiveViewTest implements ElementHost {
  readonly id: string;
  /** The HTML of the first (HTTP) render. */
  readonly staticHtml: string;
  /** Every push event the server sent, in order. */
  readonly events: [string, unknown][] = [];
  /** Every frame the server sent this view, in order: replies and pushes. */
  readonly messages: { kind: "reply" | "push"; event: string; payload: Record<string, any> }[] = [];
  title: string | undefined;
  /** Set when the view navigated away or redirected. */
  redirected: Redirected | undefined;
  /** The URL (path and query) after patches. */
  path = "";
  /** What JS commands changed in the page, kept across renders as the client keeps it. */
  readonly client = new ClientState();
  readonly #env: Env;
  readonly #opts: VisitOptions & { session: Session; origin: string };
  readonly #topic: string;
  /** The page's one connection, shared with its nested views, and its views by topic. */
  readonly #page: { readonly connection: LiveConnection; readonly views: Map<string, LiveViewTest> };
  readonly #parent: LiveViewTest | undefined;
  /** Nested views joined from this view's containers (stickies too, for the page's main view), by DOM id. */
  readonly #children = new Map<string, LiveViewTest>();
  readonly #tree: RenderedTree;
  #dom: HTMLElement;
  #joinRef = "";
  #ref = 0;
  #replies = new Map<string, (reply: Reply) => void>();
  #streamRefs = new Map<string, string>();
  #touched = new Map<string, Set<string>>();
  #alive = false;
  #crashed = false;
  #mounted = new Set<string>();
  #uploads: UploadDriver | undefined;

  constructor(id: string, staticHtml: string, env: Env, opts: VisitOptions & { session: Session; origin: string }, parent?: LiveViewTest) {
    this.id = id;
    this.staticHtml = staticHtml;
    this.#env = env;
    this.#opts = opts;
    this.#topic = `lv:${id}`;
    this.#tree = new RenderedTree(id);
    this.#dom = parse(`<div id="${id}">${staticHtml}</div>`).firstChild as HTMLElement;
    this.#parent = parent;
    if (parent) {
      this.#page = parent.#page;
    } else {
      const views = new Map<string, LiveViewTest>();
      const connection = new LiveConnection({
        conn: { send: (text) => this.#route(JSON.parse(text) as Frame), close: () => this.#ended() },
        session: opts.session as Session & { sid: string },
        csrfOk: true,
        router: env.router,
        tokens: env.tokens,
        services: env.services,
        // the server's default frame limit, so uploads are chunked as they would be
        limits: { maxViews: 64, maxFrame: 64 * 1024 },
        info: { address: "127.0.0.1", userAgent: undefined, xHeaders: {}, ...opts.connectInfo },
        trackedStatic: opts.staticChanged ? ["/__lagoon-test/current-build.js"] : undefined,
        uploads: opts.uploads ?? testUploadStore(),
      });
      this.#page = { connection, views };
    }
    this.#page.views.set(this.#topic, this);
  }

  get #connection(): LiveConnection {
    return this.#page.connection;
  }

  #route(frame: Frame): void {
    // upload channels (lvu:) belong to whichever view of the page opened them
    if (frame[2].startsWith("lvu:")) for (const view of [...this.#page.views.values()]) view.#receive(frame);
    const view = this.#page.views.get(frame[2]);
    if (view) view.#receive(frame);
  }

  /** @internal the join, as the browser sends it after the HTTP render */
  async __join(url: URL | undefined, token: string, sticky = false): Promise<void> {
    open.add(this.#connection);
    this.#alive = true;
    const ref = String(++this.#ref);
    this.#joinRef = ref;
    if (url) this.path = url.pathname + url.search;
    const params = {
      _csrf_token: "test-csrf",
      _mounts: 0,
      ...(this.#opts.staticChanged ? { _track_static: ["http://localhost/__lagoon-test/old-build.js"] } : {}),
      ...this.#opts.connectParams,
    };
    // a nested view joins without a URL, as the official client does
    const where = url ? { url: url.toString() } : { sticky };
    const reply = await this.#call(ref, "phx_join", { ...where, params, session: token, static: null });
    if (reply.status !== "ok") {
      this.#ended();
      const r = reply.response as { redirect?: { to: string; flash?: string }; live_redirect?: { to: string; flash?: string } };
      const nav = r.redirect ?? r.live_redirect;
      if (nav) throw new Redirected(r.redirect ? "redirect" : "navigate", nav.to, this.#env.tokens.verifyFlash(nav.flash));
      throw new ReplyError(reply.response);
    }
    this.#apply(reply.response.rendered);
    if (reply.response.live_patch) this.path = reply.response.live_patch.to;
    await settle();
  }

  /** The diff of the last reply (undefined when it carried none). */
  get lastDiff(): unknown {
    const last = [...this.messages].reverse().find((m) => m.kind === "reply");
    return last?.payload.response?.diff;
  }

  /** The view's current HTML (the container's inner HTML), its nested views' HTML inside their containers. */
  html(): string {
    if (this.#children.size === 0) return this.#dom.innerHTML;
    const page = parse(this.#dom.outerHTML).firstChild as HTMLElement;
    for (const [id, child] of this.#children) page.querySelector(`[id="${id}"]`)?.set_content(child.html());
    return page.innerHTML;
  }

  get alive(): boolean {
    return this.#alive && !this.#crashed;
  }

  /** True after a crash tore the view down (the browser would rejoin). */
  get crashed(): boolean {
    return this.#crashed;
  }

  /** First element matching `selector` (and containing `text`, if given), or null. */
  find(selector: string, text?: string | RegExp): HTMLElement | null {
    for (const el of this.#dom.querySelectorAll(selector)) {
      if (text === undefined || matches(el.textContent, text)) return el;
    }
    return null;
  }

  has(selector: string, text?: string | RegExp): boolean {
    return this.find(selector, text) !== null;
  }

  element(selector: string, text?: string | RegExp): TestElement {
    return new TestElement(this, selector, text);
  }

  form(selector: string): TestForm {
    return new TestForm(this, selector);
  }

  /** A key pressed with no element binding to take it: runs the matching phx-window-keydown bindings. */
  keydown(key: string): Promise<string> {
    return windowKey(this, "keydown", key);
  }

  keyup(key: string): Promise<string> {
    return windowKey(this, "keyup", key);
  }

  /** The element JS commands (or a click) last focused, if it is still in the page. */
  focused(): HTMLElement | null {
    return this.client.focused(this.#dom);
  }

  /** Every event a `JS.dispatch` fired, in order. */
  get dispatched(): readonly DispatchedEvent[] {
    return this.client.dispatched;
  }

  /** `JS.navigate`, or a navigate link: the view leaves for `href`; `follow()` mounts it. */
  navigate(href: string, _replace = false): void {
    this.redirected = new Redirected("navigate", href, {});
  }

  /** Sends a hook event (`this.pushEvent` in a hook); resolves with the reply value. */
  hook(event: string, value: unknown, target?: number): Promise<unknown> {
    return this.push({ type: "hook", event, value, ...(target !== undefined ? { cid: target } : {}) });
  }

  /**
   * Sends a raw `event` payload, as the client would; resolves with the hook reply (or
   * null) once the reply and what it set off through `send` or PubSub are handled.
   */
  async push(payload: Record<string, unknown>): Promise<unknown> {
    const reply = await this.#call(String(++this.#ref), "event", payload);
    const result = this.#afterReply(reply);
    await settle();
    return result;
  }

  /**
   * Chooses `files` for the file input of upload `name` (its form's phx-change declares
   * them), then uploads them as the official client does: a preflight, the bytes in chunks
   * over the same connection, progress after each chunk; each file up to `percent` (100).
   * Submit the form after it, as a user would. Files refused in the form are not uploaded.
   */
  async upload(name: string, files: readonly TestFile[], opts: { percent?: number } = {}): Promise<UploadOutcome> {
    return this.#uploader().upload(name, files, opts.percent ?? 100);
  }

  /** Only chooses `files` (the form change): the entries are validated, nothing is uploaded. */
  async selectFiles(name: string, files: readonly TestFile[]): Promise<string> {
    await this.#uploader().select(name, files);
    return this.html();
  }

  #uploader(): UploadDriver {
    return (this.#uploads ??= new UploadDriver({
      dom: () => this.#dom,
      html: () => this.html(),
      nextRef: () => String(++this.#ref),
      call: async (event, payload) => {
        const reply = await this.#call(String(++this.#ref), event, payload);
        if (reply.status === "ok" && reply.response.diff) this.#apply(reply.response.diff);
        await settle();
        return reply;
      },
      change: (form, target, uploads) => {
        const id = form.getAttribute("id");
        if (!id) throw new Error(`the form of file input "${target}" needs an id`);
        return new TestForm(this, `[id="${id}"]`).__uploads(target, uploads);
      },
      cid: (el) => targetCid(this, el),
      sendText: (frame) => this.#connection.handle(JSON.stringify(frame)),
      sendBinary: (bytes) => this.#connection.handleBinary(bytes),
      flush: settle,
    }));
  }

  /** Follows a patch link (or back/forward) to `path` on this view. */
  async patch(path: string): Promise<string> {
    const url = new URL(path, this.#opts.origin + this.path);
    const reply = await this.#call(String(++this.#ref), "live_patch", { url: url.toString() });
    if (reply.status === "ok" && reply.response.link_redirect) {
      this.redirected = new Redirected("navigate", path, {});
      return this.html();
    }
    this.#afterReply(reply);
    if (!this.redirected) this.path = url.pathname + url.search;
    await settle();
    return this.html();
  }

  /**
   * Waits until every message queued so far (and what they set off) is handled: what
   * `send`, PubSub and sendUpdate deliver is already awaited by each action, so this is for
   * async work (startAsync, assignAsync) and timers.
   */
  async flush(): Promise<void> {
    await settle();
  }

  /** Sends an info message to the view and waits for it to be handled. */
  async send(message: unknown): Promise<string> {
    this.#connection.handleOf(this.#topic)?.send(message);
    await settle();
    return this.html();
  }

  /** The view's pid-like handle (to send it info messages), while it is joined. */
  /** The view's live action (`live(path, View, action)`), following patches. */
  get liveAction(): string | undefined {
    return this.#connection.liveActionOf(this.#topic);
  }

  get handle() {
    const handle = this.#connection.handleOf(this.#topic);
    if (!handle) throw new Error("the view is not joined");
    return handle;
  }

  /** Mounts the page the view navigated to (carrying its flash), like the browser would. */
  async follow(opts: Omit<VisitOptions, "flash" | "pubsub"> = {}): Promise<LiveViewTest> {
    if (!this.redirected) throw new Error("the view did not navigate");
    this.close();
    return visit(this.#env.router, this.redirected.to, {
      ...this.#opts,
      ...opts,
      session: opts.session ?? this.#opts.session,
      pubsub: this.#env.pubsub,
      flash: this.redirected.flash,
    });
  }

  /** Leaves the view (as navigation away or a closed tab would). */
  close(): void {
    if (!this.#alive) return;
    this.#connection.handle(JSON.stringify([this.#joinRef, String(++this.#ref), this.#topic, "phx_leave", {}]));
    this.#ended();
  }

  touched(form: string): Set<string> {
    let set = this.#touched.get(form);
    if (!set) this.#touched.set(form, (set = new Set()));
    return set;
  }

  dom(): HTMLElement {
    return this.#dom;
  }

  #ended(): void {
    this.#alive = false;
    this.#uploads?.ended();
    this.#page.views.delete(this.#topic);
    for (const child of this.#children.values()) child.#ended();
    this.#children.clear();
    if (this.#parent) return;
    this.#connection.close();
    open.delete(this.#connection);
  }

  /**
   * A nested view rendered in this view, by DOM id, once joined (stickies are found
   * through the page's main view). Like Phoenix's find_live_child.
   */
  findLiveChild(id: string): LiveViewTest {
    const child = this.#children.get(id);
    if (!child) throw new Error(`no nested view "${id}" in ${this.id} (joined: ${[...this.#children.keys()].join(", ") || "none"})`);
    return child;
  }

  /** Joins the nested views the page now shows and leaves those it no longer does, as the client does after a patch. */
  #syncChildren(): void {
    const seen = new Set<string>();
    for (const el of this.#dom.querySelectorAll("[data-phx-session]")) {
      const sticky = el.hasAttribute("data-phx-sticky");
      const mine = sticky ? !this.#parent : el.getAttribute("data-phx-parent-id") === this.id;
      const token = el.getAttribute("data-phx-session") ?? "";
      if (!mine || !el.id || !token) continue;
      seen.add(el.id);
      if (this.#children.get(el.id)?.alive) continue;
      const child = new LiveViewTest(el.id, "", this.#env, this.#opts, this);
      this.#children.set(el.id, child);
      void child
        .__join(undefined, token, sticky)
        .catch((error: unknown) => console.error(`[lagoon test] nested view ${el.id} did not join:`, error));
    }
    for (const [id, child] of this.#children) {
      if (seen.has(id)) continue;
      this.#children.delete(id);
      child.close();
    }
  }

  #call(ref: string, event: string, payload: Record<string, unknown>): Promise<Reply> {
    if (!this.#alive) return Promise.reject(new Error(this.#crashed ? "the view crashed" : "the view is not alive"));
    return new Promise<Reply>((resolve, reject) => {
      this.#replies.set(ref, resolve);
      this.#connection.handle(JSON.stringify([this.#joinRef || ref, ref, this.#topic, event, payload]));
      // a reply arrives once the view's mailbox reaches the message; a crash answers nothing
      void this.#connection.idle().then(() => {
        if (!this.#replies.has(ref)) return;
        this.#replies.delete(ref);
        reject(new Error(this.#crashed ? "the view crashed" : "no reply"));
      });
    });
  }

  #receive([, ref, topic, event, payload]: Frame): void {
    if (topic.startsWith("lvu:")) return this.#uploads?.receive(ref, topic, event, payload as Reply);
    if (topic !== this.#topic) return;
    if (event === "phx_reply") {
      this.messages.push({ kind: "reply", event, payload });
      const resolve = ref === null ? undefined : this.#replies.get(ref);
      if (ref !== null) this.#replies.delete(ref);
      resolve?.(payload as Reply);
      return;
    }
    this.messages.push({ kind: "push", event, payload });
    switch (event) {
      case "diff":
        this.#apply(payload);
        return;
      case "live_patch":
        this.path = String(payload.to);
        return;
      case "redirect":
      case "live_redirect":
        this.redirected = new Redirected(
          event === "redirect" ? "redirect" : "navigate",
          String(payload.to),
          this.#env.tokens.verifyFlash(payload.flash),
        );
        return;
      case "phx_error":
        this.#crashed = true;
        this.#ended();
        return;
      case "phx_close":
        this.#ended();
        return;
    }
  }

  #afterReply(reply: Reply): unknown {
    if (reply.status !== "ok") throw new ReplyError(reply.response);
    const r = reply.response as {
      diff?: Record<string, unknown>;
      redirect?: { to: string; flash?: string };
      live_redirect?: { to: string; flash?: string };
    };
    let hookReply: unknown = null;
    if (r.diff) hookReply = this.#apply(r.diff);
    const refusal = (hookReply as { error?: { reason?: unknown } } | null)?.error;
    if (typeof refusal === "object" && refusal !== null && typeof refusal.reason === "string") {
      throw new ReplyError(refusal as Record<string, unknown>);
    }
    const nav = r.redirect ?? r.live_redirect;
    if (nav) this.redirected = new Redirected(r.redirect ? "redirect" : "navigate", nav.to, this.#env.tokens.verifyFlash(nav.flash));
    return hookReply;
  }

  /** Merges a diff, re-renders the HTML and applies stream and ignore semantics to the DOM. */
  #apply(wire: Record<string, unknown>): unknown {
    const { diff, title, reply, events } = extract(structuredClone(wire));
    if (title !== undefined) this.title = title;
    this.events.push(...events);
    this.#tree.merge(diff);
    const { html, streams } = this.#tree.toHtml();
    const next = parse(`<div id="${this.id}">${html}</div>`).firstChild as HTMLElement;
    this.#patchStreams(next, streams);
    this.#patchComponents(next, diff);
    this.#keepIgnored(next);
    this.client.reapply(this.#dom, next);
    this.#dom = next;
    this.#syncChildren();
    // phx-mounted runs after the patch, outside the frame handler that applied it
    queueMicrotask(() => (this.#mounted = runMounted(this, this.#mounted)));
    return reply;
  }

  #patchStreams(next: HTMLElement, ops: StreamOp[]): void {
    const insertOf = new Map<string, { ref: string; at: number; limit: number | null; updateOnly: boolean }>();
    const deletes = new Set<string>();
    const resets = new Set<string>();
    for (const op of ops) {
      if (op.reset) resets.add(op.ref);
      for (const id of op.deletes) deletes.add(id);
      for (const [id, at, limit, updateOnly] of op.inserts) insertOf.set(id, { ref: op.ref, at, limit, updateOnly });
    }
    for (const container of next.querySelectorAll('[phx-update="stream"]')) {
      const old = container.id ? this.#dom.querySelector(`[id="${container.id}"]`) : null;
      let children = old ? elementsWithId(old) : [];
      children = children.filter((c) => !deletes.has(c.id) && !resets.has(this.#streamRefs.get(c.id) ?? ""));
      for (const el of elementsWithId(container)) {
        const ins = insertOf.get(el.id);
        const at = children.findIndex((c) => c.id === el.id);
        if (at >= 0) children[at] = el;
        else if (ins?.updateOnly) continue;
        else if ((ins?.at ?? -1) === -1) children.push(el);
        else children.splice(ins!.at, 0, el);
        if (ins) this.#streamRefs.set(el.id, ins.ref);
        if (ins?.limit !== null && ins?.limit !== undefined) {
          children = ins.limit >= 0 ? children.slice(0, ins.limit) : children.slice(ins.limit);
        }
      }
      container.set_content(children.map((c) => c.outerHTML).join(""));
    }
  }

  /** Like the client, a component that changed is patched where it stands, also inside a stream item the server no longer renders. */
  #patchComponents(next: HTMLElement, diff: Record<string, unknown>): void {
    const changed = diff.c && typeof diff.c === "object" ? Object.keys(diff.c).map(Number) : [];
    for (const cid of changed) {
      const el = next.querySelector(`[data-phx-component="${cid}"]`);
      if (el) el.replaceWith(this.#tree.componentHtml(cid));
    }
  }

  #keepIgnored(next: HTMLElement): void {
    for (const el of next.querySelectorAll('[phx-update="ignore"]')) {
      const old = el.id ? this.#dom.querySelector(`[id="${el.id}"]`) : null;
      if (old) el.set_content(old.innerHTML);
    }
  }
}

/** Lets every open test view's mailbox run dry, including what one view's messages set off in another. */
async function settle(): Promise<void> {
  for (let round = 0; round < 20; round++) {
    await Promise.all([...open].map((c) => c.idle()));
    await new Promise((resolve) => setImmediate(resolve));
    if ([...open].every((c) => c.settled())) return;
  }
}

function elementsWithId(parent: HTMLElement): HTMLElement[] {
  return parent.childNodes.filter((n): n is HTMLElement => n instanceof Object && "id" in n && !!(n as HTMLElement).id);
}

function matches(text: string, pattern: string | RegExp): boolean {
  return typeof pattern === "string" ? text.includes(pattern) : pattern.test(text);
}
