/**
 * A test view: one live view of a page, joined over the page's in-memory connection. It
 * rebuilds the view's HTML from the frames (merge.ts), applies what the client's DOM patch
 * would (dom-patch.ts), and drives it by selector the way a user would; nested views of the
 * page are test views of their own (findLiveChild).
 */
import { parse, type HTMLElement } from "node-html-parser";
import { LiveConnection } from "../connection.js";
import type { Session } from "../types.js";
import { targetCid } from "./bindings.js";
import { Children } from "./children.js";
import { ClientState, type DispatchedEvent } from "./client-state.js";
import { keepIgnored, patchComponents, patchStreams } from "./dom-patch.js";
import { runMounted, TestElement, TestForm, windowKey, type ElementHost } from "./elements.js";
import { open, settle, type Env, type VisitOptions } from "./env.js";
import { Redirected, ReplyError } from "./errors.js";
import { extract, RenderedTree } from "./merge.js";
import { testUploadStore, UploadDriver, type TestFile, type UploadOutcome } from "./uploads.js";

type Frame = [string | null, string | null, string, string, Record<string, any>];
type Reply = { status: string; response: Record<string, any> };

/** A live view under test (`visit`): its HTML, and actions sent the way the browser's client sends them. See the module comment. */
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
  readonly #children: Children<LiveViewTest> = new Children((id, token, sticky) => {
    const child = new LiveViewTest(id, "", this.#env, this.#opts, this);
    void child
      .__join(undefined, token, sticky)
      .catch((error: unknown) => console.error(`[lagoon test] nested view ${id} did not join:`, error));
    return child;
  });
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
    return this.#children.compose(this.#dom);
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
    const next = this.#env.open(this.#env.router, this.redirected.to, {
      ...this.#opts,
      ...opts,
      session: opts.session ?? this.#opts.session,
      pubsub: this.#env.pubsub,
      flash: this.redirected.flash,
    });
    return next as Promise<LiveViewTest>;
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
    for (const child of this.#children.all()) child.#ended();
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
    if (!child) throw new Error(`no nested view "${id}" in ${this.id} (joined: ${this.#children.ids.join(", ") || "none"})`);
    return child;
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
    patchStreams(this.#dom, next, streams, this.#streamRefs);
    patchComponents(next, diff, this.#tree);
    keepIgnored(this.#dom, next);
    this.client.reapply(this.#dom, next);
    this.#dom = next;
    this.#children.sync(next, this.id, !this.#parent);
    // phx-mounted runs after the patch, outside the frame handler that applied it
    queueMicrotask(() => (this.#mounted = runMounted(this, this.#mounted)));
    return reply;
  }
}

function matches(text: string, pattern: string | RegExp): boolean {
  return typeof pattern === "string" ? text.includes(pattern) : pattern.test(text);
}
