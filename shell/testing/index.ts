/**
 * The in-process test client (like Phoenix.LiveViewTest): mounts a view from a path through
 * the same dead render, join and diff code the browser gets, rebuilds its HTML from the wire
 * with an independent reader (merge.ts), and drives it by selector the way a user would.
 *
 *   const view = await live(router, "/counter");
 *   await view.element("button", "+").click();
 *   expect(view.html()).toContain("Count: 1");
 */
import { parse, type HTMLElement } from "node-html-parser";
import { MemoryPubSub, type PubSub } from "../pubsub.js";
import type { Router } from "../router.js";
import { LiveViewProcess, type Reply, type ViewHost, type ViewServices } from "../runtime.js";
import type { ConnectInfo, Flash } from "../socket.js";
import type { Session } from "../view.js";
import { TestElement, TestForm } from "./elements.js";
import { extract, RenderedTree, type StreamOp } from "./merge.js";

export { RenderedTree, extract } from "./merge.js";
export { TestElement, TestForm } from "./elements.js";

export interface LiveOptions {
  /** The cookie session the view sees (e.g. `{ userId: 1 }`). */
  session?: Session;
  /** Share one PubSub between test views to test broadcasts. */
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
}

/** A mount or handler ended in navigation; `live()` rejects with it when mount redirects. */
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

const encodeFlash = (flash: Flash): string => Buffer.from(JSON.stringify(flash)).toString("base64url");
const decodeFlash = (token: string): Flash => JSON.parse(Buffer.from(token, "base64url").toString()) as Flash;

let nextId = 0;

export async function live(router: Router, path: string, opts: LiveOptions = {}): Promise<LiveViewTest> {
  const origin = opts.origin ?? "http://localhost";
  const url = new URL(path, origin);
  const resolved = router.resolve(url);
  if (!resolved) throw new Error(`no live route for ${url.pathname}`);
  const pubsub = opts.pubsub ?? new MemoryPubSub();
  const services: ViewServices = {
    router,
    pubsub,
    signFlash: encodeFlash,
    logError: (error, ctx) => console.error(`[lagoon test] ${ctx.view} crashed in ${ctx.phase}:`, error),
  };
  const id = `phx-test${++nextId}`;
  const base = { id, route: resolved.route, params: resolved.params, url, session: opts.session ?? {}, flash: opts.flash, services };
  const dead = await LiveViewProcess.renderStatic(base);
  if (dead.kind === "redirect") throw new Redirected("redirect", dead.to, dead.flash);
  const view = new LiveViewTest(id, dead.html, { router, pubsub, session: opts.session ?? {}, origin, options: opts });
  await view.__join(base, services);
  return view;
}

interface Ctx {
  router: Router;
  pubsub: PubSub;
  session: Session;
  origin: string;
  options: LiveOptions;
}

export class LiveViewTest {
  readonly id: string;
  /** The HTML of the first (HTTP) render. */
  readonly staticHtml: string;
  /** Every push event the server sent, in order. */
  readonly events: [string, unknown][] = [];
  /** Every message the view sent, as on the wire: replies and pushes, in order. */
  readonly messages: { kind: "reply" | "push"; event: string; payload: Record<string, unknown> }[] = [];
  title: string | undefined;
  /** Set when the view navigated away or redirected. */
  redirected: Redirected | undefined;
  /** The URL after patches. */
  path: string;
  readonly #ctx: Ctx;
  #proc!: LiveViewProcess;
  #tree: RenderedTree;
  #dom: HTMLElement;
  #streamRefs = new Map<string, string>();
  #replies = new Map<string, (reply: Reply) => void>();
  #ref = 0;
  #crashed = false;
  #touched = new Map<string, Set<string>>();

  constructor(id: string, staticHtml: string, ctx: Ctx) {
    this.id = id;
    this.staticHtml = staticHtml;
    this.#ctx = ctx;
    this.#tree = new RenderedTree(id);
    this.#dom = parse(`<div id="${id}">${staticHtml}</div>`).firstChild as HTMLElement;
    this.path = "";
  }

  /** @internal */
  async __join(base: Parameters<typeof LiveViewProcess.renderStatic>[0], services: ViewServices): Promise<void> {
    const host: ViewHost = {
      reply: (ref, reply) => {
        this.messages.push({ kind: "reply", event: "phx_reply", payload: JSON.parse(JSON.stringify(reply)) });
        const resolve = this.#replies.get(ref);
        this.#replies.delete(ref);
        resolve?.(reply);
      },
      push: (event, payload) => {
        this.messages.push({ kind: "push", event, payload: JSON.parse(JSON.stringify(payload)) });
        this.#onPush(event, payload);
      },
      stopped: (reason) => {
        if (reason === "error") this.#crashed = true;
      },
    };
    const o = this.#ctx.options;
    const connect = {
      params: { _mounts: 0, ...o.connectParams },
      info: { address: "127.0.0.1", userAgent: undefined, xHeaders: {}, ...o.connectInfo },
      staticChanged: o.staticChanged ?? false,
    };
    this.#proc = new LiveViewProcess({ ...base, connected: true, host, connect });
    this.path = base.url.pathname + base.url.search;
    const reply = await this.#call((ref) => this.#proc.join(ref));
    if (reply.status !== "ok") {
      const r = reply.response as { redirect?: { to: string; flash?: string }; live_redirect?: { to: string; flash?: string } };
      const nav = r.redirect ?? r.live_redirect;
      if (nav) throw new Redirected(r.redirect ? "redirect" : "navigate", nav.to, nav.flash ? decodeFlash(nav.flash) : {});
      throw new ReplyError(reply.response);
    }
    const response = reply.response as { rendered: Record<string, unknown>; live_patch?: { to: string } };
    this.#apply(response.rendered);
    if (response.live_patch) this.path = response.live_patch.to;
  }

  /** The diff of the last reply (undefined when it carried none). */
  get lastDiff(): unknown {
    const last = [...this.messages].reverse().find((m) => m.kind === "reply");
    return (last?.payload.response as { diff?: unknown } | undefined)?.diff;
  }

  /** The view's current HTML (the container's inner HTML). */
  html(): string {
    return this.#dom.innerHTML;
  }

  /** The process behind the view: its pid-like handle, liveness. */
  get handle() {
    return this.#proc.handle;
  }

  get alive(): boolean {
    return this.#proc.alive && !this.#crashed;
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

  /** Sends a hook event (`this.pushEvent` in a hook); resolves with the reply value. */
  async hook(event: string, value: unknown, target?: number): Promise<unknown> {
    const reply = await this.push({ type: "hook", event, value, ...(target !== undefined ? { cid: target } : {}) });
    return reply;
  }

  /** Sends a raw `event` payload, as the client would; resolves with the hook reply (or null). */
  async push(payload: Record<string, unknown>): Promise<unknown> {
    const reply = await this.#call((ref) => this.#proc.event(payload, ref));
    return this.#afterReply(reply);
  }

  /** Follows a patch link (or back/forward) to `path` on this view. */
  async patch(path: string): Promise<string> {
    const url = new URL(path, this.#ctx.origin + this.path).toString();
    const reply = await this.#call((ref) => this.#proc.patch(url, ref));
    if (reply.status === "ok" && (reply.response as { link_redirect?: boolean }).link_redirect) {
      this.redirected = new Redirected("navigate", path, {});
      return this.html();
    }
    this.#afterReply(reply);
    if (!this.redirected)
      this.path = new URL(path, this.#ctx.origin + this.path).pathname + new URL(path, this.#ctx.origin + this.path).search;
    return this.html();
  }

  /** Waits until every queued message (info, async results) has been handled. */
  async flush(): Promise<void> {
    for (let i = 0; i < 5; i++) {
      await this.#proc.idle();
      await new Promise((r) => setImmediate(r));
    }
  }

  /** Sends an info message to the view and waits for it to be handled. */
  async send(message: unknown): Promise<string> {
    this.#proc.handle.send(message);
    await this.flush();
    return this.html();
  }

  /** Mounts the page the view navigated to (carrying its flash), like the browser would. */
  async follow(opts: Omit<LiveOptions, "flash" | "pubsub"> = {}): Promise<LiveViewTest> {
    if (!this.redirected) throw new Error("the view did not navigate");
    this.close();
    return live(this.#ctx.router, this.redirected.to, {
      session: opts.session ?? this.#ctx.session,
      pubsub: this.#ctx.pubsub,
      origin: this.#ctx.origin,
      flash: this.redirected.flash,
    });
  }

  /** Leaves the view (as navigation away or a closed tab would). */
  close(): void {
    this.#proc.close("leave");
  }

  /** @internal touched field names per form, for `_unused_` markers */
  __touched(form: string): Set<string> {
    let set = this.#touched.get(form);
    if (!set) this.#touched.set(form, (set = new Set()));
    return set;
  }

  /** @internal */
  __dom(): HTMLElement {
    return this.#dom;
  }

  #call(send: (ref: string) => Promise<void>): Promise<Reply> {
    if (!this.#proc.alive) return Promise.reject(new Error("the view is not alive"));
    const ref = String(++this.#ref);
    return new Promise<Reply>((resolve, reject) => {
      this.#replies.set(ref, resolve);
      send(ref).then(() => {
        if (this.#replies.has(ref)) {
          this.#replies.delete(ref);
          reject(new Error(this.#crashed ? "the view crashed" : "no reply"));
        }
      }, reject);
    });
  }

  #afterReply(reply: Reply): unknown {
    if (reply.status !== "ok") throw new ReplyError(reply.response);
    const r = reply.response as {
      diff?: Record<string, unknown>;
      redirect?: { to: string; flash?: string };
      live_redirect?: { to: string; flash?: string };
      live_patch?: { to: string };
    };
    let hookReply: unknown = null;
    if (r.diff) hookReply = this.#apply(r.diff);
    const refusal = (hookReply as { error?: { reason?: unknown } } | null)?.error;
    if (typeof refusal === "object" && refusal !== null && typeof refusal.reason === "string") {
      throw new ReplyError(refusal as Record<string, unknown>);
    }
    if (r.redirect) this.redirected = new Redirected("redirect", r.redirect.to, r.redirect.flash ? decodeFlash(r.redirect.flash) : {});
    if (r.live_redirect)
      this.redirected = new Redirected("navigate", r.live_redirect.to, r.live_redirect.flash ? decodeFlash(r.live_redirect.flash) : {});
    return hookReply;
  }

  #onPush(event: string, payload: Record<string, unknown>): void {
    if (event === "diff") this.#apply(payload);
    else if (event === "live_patch") this.path = String(payload.to);
    else if (event === "redirect" || event === "live_redirect") {
      const flash = typeof payload.flash === "string" ? decodeFlash(payload.flash) : {};
      this.redirected = new Redirected(event === "redirect" ? "redirect" : "navigate", String(payload.to), flash);
    }
  }

  /** Merges a diff, re-renders the HTML and applies stream and ignore semantics to the DOM. */
  #apply(wire: Record<string, unknown>): unknown {
    // the wire is JSON: round-trip it so nothing shares objects with the server's state
    const { diff, title, reply, events } = extract(JSON.parse(JSON.stringify(wire)));
    if (title !== undefined) this.title = title;
    this.events.push(...events);
    this.#tree.merge(diff);
    const { html, streams } = this.#tree.toHtml();
    const next = parse(`<div id="${this.id}">${html}</div>`).firstChild as HTMLElement;
    this.#patchStreams(next, streams);
    this.#patchComponents(next, diff);
    this.#keepIgnored(next);
    this.#dom = next;
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
      let children = old ? old.childNodes.filter((n): n is HTMLElement => n instanceof Object && "id" in n && !!(n as HTMLElement).id) : [];
      children = children.filter((c) => !deletes.has(c.id) && !resets.has(this.#streamRefs.get(c.id) ?? ""));
      const fresh = container.childNodes.filter((n): n is HTMLElement => n instanceof Object && "id" in n && !!(n as HTMLElement).id);
      for (const el of fresh) {
        const ins = insertOf.get(el.id);
        const at = children.findIndex((c) => c.id === el.id);
        if (at >= 0) children[at] = el;
        else if (ins?.updateOnly) continue;
        else {
          const pos = ins?.at ?? -1;
          if (pos === -1) children.push(el);
          else children.splice(pos, 0, el);
        }
        if (ins) this.#streamRefs.set(el.id, ins.ref);
        if (ins?.limit !== null && ins?.limit !== undefined) {
          children = ins.limit >= 0 ? children.slice(0, ins.limit) : children.slice(ins.limit);
        }
      }
      container.set_content(children.map((c) => c.outerHTML).join(""));
    }
  }

  /**
   * Like the client, a component that changed is patched where it stands, also inside a
   * stream item the server no longer renders.
   */
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

function matches(text: string, pattern: string | RegExp): boolean {
  return typeof pattern === "string" ? text.includes(pattern) : pattern.test(text);
}
