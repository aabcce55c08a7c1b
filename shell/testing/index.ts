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
import type { Flash } from "../socket.js";
import type { Session } from "../view.js";
import { extract, RenderedTree, type StreamOp } from "./merge.js";

export { RenderedTree, extract } from "./merge.js";

export interface LiveOptions {
  /** The cookie session the view sees (e.g. `{ userId: 1 }`). */
  session?: Session;
  /** Share one PubSub between test views to test broadcasts. */
  pubsub?: PubSub;
  /** Flash handed to the mount (as after a redirect). */
  flash?: Flash;
  /** Origin for URLs; default http://localhost. */
  origin?: string;
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

/** The error reply a push got (unknown event, invalid params...). */
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
  const view = new LiveViewTest(id, dead.html, { router, pubsub, session: opts.session ?? {}, origin });
  await view.__join(base, services);
  return view;
}

interface Ctx {
  router: Router;
  pubsub: PubSub;
  session: Session;
  origin: string;
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
    this.#proc = new LiveViewProcess({ ...base, connected: true, host });
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

/** The event name and extra values of a binding: a plain name, or a JS command list with a push. */
function binding(attr: string): { event: string; value: Record<string, unknown> } | null {
  if (!attr.startsWith("[")) return { event: attr, value: {} };
  try {
    const commands = JSON.parse(attr) as [string, { event?: string; value?: Record<string, unknown> }][];
    const push = commands.find(([kind]) => kind === "push");
    return push?.[1].event ? { event: push[1].event, value: push[1].value ?? {} } : null;
  } catch {
    return null;
  }
}

function phxValues(el: HTMLElement): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(el.attributes)) {
    if (name.startsWith("phx-value-")) out[name.slice("phx-value-".length).toLowerCase()] = value;
  }
  return out;
}

/** The cid an element's events go to: its phx-target (a cid or a selector), else none (the view). */
function targetCid(view: LiveViewTest, el: HTMLElement): number | undefined {
  const target = el.getAttribute("phx-target") ?? closestAttr(el, "phx-target");
  if (!target) return undefined;
  if (/^\d+$/.test(target)) return Number(target);
  const found = view.__dom().querySelector(target);
  const cid = found ? closestAttr(found, "data-phx-component") : null;
  return cid ? Number(cid) : undefined;
}

function closestAttr(el: HTMLElement, name: string): string | null {
  for (let node: HTMLElement | null = el; node; node = node.parentNode as HTMLElement | null) {
    const v = node.getAttribute?.(name);
    if (v !== undefined && v !== null) return v;
  }
  return null;
}

export class TestElement {
  readonly #view: LiveViewTest;
  readonly #selector: string;
  readonly #text: string | RegExp | undefined;

  constructor(view: LiveViewTest, selector: string, text?: string | RegExp) {
    this.#view = view;
    this.#selector = selector;
    this.#text = text;
  }

  #el(): HTMLElement {
    const el = this.#view.find(this.#selector, this.#text);
    if (!el)
      throw new Error(`no element matches ${this.#selector}${this.#text ? ` with text ${String(this.#text)}` : ""}\n${this.#view.html()}`);
    return el;
  }

  exists(): boolean {
    return this.#view.find(this.#selector, this.#text) !== null;
  }

  async #fire(type: string, attr: string, extra: Record<string, unknown> = {}): Promise<string> {
    const el = this.#el();
    const b = binding(el.getAttribute(attr) ?? "");
    if (!b) throw new Error(`${this.#selector} has no ${attr} binding`);
    const value: Record<string, unknown> = { ...phxValues(el), ...b.value, ...extra };
    // like the browser: elements with a value property (buttons, inputs) send it
    if (["button", "input", "select", "textarea"].includes(el.tagName.toLowerCase()) && !("value" in value)) {
      value.value = el.getAttribute("value") ?? "";
    }
    const cid = targetCid(this.#view, el);
    await this.#view.push({ type, event: b.event, value, ...(cid !== undefined ? { cid } : {}) });
    return this.#view.html();
  }

  /** A phx-click; `values` are merged over the phx-value-* attributes. */
  click(values: Record<string, string> = {}): Promise<string> {
    return this.#fire("click", "phx-click", values);
  }

  keydown(key: string, values: Record<string, string> = {}): Promise<string> {
    return this.#fire("keydown", "phx-keydown", { key, ...values });
  }

  keyup(key: string, values: Record<string, string> = {}): Promise<string> {
    return this.#fire("keyup", "phx-keyup", { key, ...values });
  }

  blur(values: Record<string, string> = {}): Promise<string> {
    return this.#fire("blur", "phx-blur", values);
  }

  focus(values: Record<string, string> = {}): Promise<string> {
    return this.#fire("focus", "phx-focus", values);
  }
}

type FormInput = { [key: string]: string | number | boolean | string[] | FormInput };

function flatten(values: FormInput, prefix = "", out: [string, string][] = []): [string, string][] {
  for (const [key, value] of Object.entries(values)) {
    const name = prefix ? `${prefix}[${key}]` : key;
    if (Array.isArray(value)) for (const v of value) out.push([`${name}[]`, String(v)]);
    else if (typeof value === "object" && value !== null) flatten(value, name, out);
    else out.push([name, String(value)]);
  }
  return out;
}

function unusedName(name: string): string {
  const m = /^(.*\[)([^\]]*)(\].*)$/.exec(name.replace(/\[\]$/, ""));
  const base = m ? `${m[1]}_unused_${m[2]}${m[3]}` : `_unused_${name.replace(/\[\]$/, "")}`;
  return name.endsWith("[]") ? base + "[]" : base;
}

export class TestForm {
  readonly #view: LiveViewTest;
  readonly #selector: string;

  constructor(view: LiveViewTest, selector: string) {
    this.#view = view;
    this.#selector = selector;
  }

  #form(): HTMLElement {
    const el = this.#view.find(this.#selector);
    if (!el) throw new Error(`no form matches ${this.#selector}\n${this.#view.html()}`);
    return el;
  }

  /** The form's current fields as the browser would serialise them. */
  #fields(form: HTMLElement): [string, string][] {
    const out: [string, string][] = [];
    for (const el of form.querySelectorAll("input, select, textarea")) {
      const name = el.getAttribute("name");
      if (!name || el.hasAttribute("disabled")) continue;
      const tag = el.tagName.toLowerCase();
      const type = (el.getAttribute("type") ?? "text").toLowerCase();
      if (tag === "input") {
        if (["submit", "button", "reset", "file", "image"].includes(type)) continue;
        if ((type === "checkbox" || type === "radio") && !el.hasAttribute("checked")) continue;
        out.push([name, el.getAttribute("value") ?? (type === "checkbox" ? "on" : "")]);
      } else if (tag === "select") {
        const options = el.querySelectorAll("option");
        const selected = options.filter((o) => o.hasAttribute("selected"));
        const chosen = selected.length ? selected : options.slice(0, 1);
        for (const o of el.hasAttribute("multiple") ? selected : chosen) out.push([name, o.getAttribute("value") ?? o.textContent]);
      } else {
        out.push([name, el.textContent]);
      }
    }
    return out;
  }

  #encode(form: HTMLElement, values: FormInput, unused: boolean): { value: string; names: string[] } {
    const given = flatten(values);
    const givenNames = new Set(given.map(([n]) => n));
    const fields = this.#fields(form).filter(([n]) => !givenNames.has(n));
    const all = [...fields, ...given];
    const touched = this.#view.__touched(this.#selector);
    const params = new URLSearchParams();
    for (const [name, value] of all) {
      if (unused && !touched.has(name)) params.append(unusedName(name), "");
      params.append(name, value);
    }
    return { value: params.toString(), names: given.map(([n]) => n) };
  }

  async #send(attr: string, values: FormInput, target: string | undefined, change: boolean): Promise<string> {
    const form = this.#form();
    const b = binding(form.getAttribute(attr) ?? "");
    if (!b) throw new Error(`${this.#selector} has no ${attr} binding`);
    const touched = this.#view.__touched(this.#selector);
    for (const [name] of flatten(values)) touched.add(name);
    const { value, names } = this.#encode(form, values, change);
    const meta: Record<string, unknown> = { ...phxValues(form) };
    if (change) meta._target = target ?? names[names.length - 1] ?? "undefined";
    const cid = targetCid(this.#view, form);
    await this.#view.push({
      type: "form",
      event: b.event,
      value,
      meta,
      ...(change ? { uploads: {} } : {}),
      ...(cid !== undefined ? { cid } : {}),
    });
    return this.#view.html();
  }

  /** A phx-change as if the user typed `values` (marking those fields touched). */
  change(values: FormInput = {}, target?: string): Promise<string> {
    return this.#send("phx-change", values, target, true);
  }

  /** A phx-submit with the form's fields overridden by `values`. */
  submit(values: FormInput = {}): Promise<string> {
    return this.#send("phx-submit", values, undefined, false);
  }
}
