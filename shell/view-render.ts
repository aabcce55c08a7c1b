/**
 * A view's renders: its template inside its layout, diffed against what the
 * client holds (diff.ts), with the components that changed, the title and the push events
 * of the message; and its nested views' containers, signed once per set of options so an
 * unchanged one is omitted from the diff.
 */
import type { ComponentRef } from "./components.js";
import type { CustomContext } from "./custom.js";
import { diffTemplate, type NodeState, type RenderContext } from "./diff.js";
import { LagoonError } from "./errors.js";
import type { ViewProcessCore } from "./internal.js";
import { LayoutMemo } from "./layout-memo.js";
import { inRenderScope, type RenderScope } from "./render-scope.js";
import { containerHtml, MAX_NESTING, nestedToken, type NestedRef } from "./nested.js";
import { assignsCopy, socketInternals } from "./socket.js";
import { internState } from "./state-intern.js";
import type { Layout, LiveRoute } from "./router.js";
import type { Template } from "./template.js";
import type { Assigns } from "./types.js";
import type { ComponentRefValue, NestedRefValue } from "./refs.js";
import { COMPONENTS, EVENTS, TITLE } from "./wire.js";

const sockets = socketInternals();

export class ViewRender {
  readonly #proc: ViewProcessCore;
  readonly #ctx: RenderHooks;
  /** The tree the client holds; undefined before the first render (and after a rejoin's reset). */
  #state: NodeState | undefined;
  #containers: Map<string, { key: string; html: string }> | undefined;
  /** The render scope, built once per route (live navigation changes it). */
  #scope: { route: LiveRoute; scope: RenderScope } | undefined;
  /** The layout as last rendered, while it can be kept (layout-memo.ts). */
  #layout: LayoutMemo | undefined;

  constructor(proc: ViewProcessCore) {
    this.#proc = proc;
    this.#ctx = new RenderHooks(proc, this);
  }

  /** The assigns the view's render (and its layout) receive. */
  assigns(): Assigns {
    const socket = this.#proc.socket;
    const assigns = assignsCopy(socket);
    assigns.flash = this.#proc.flash.current;
    assigns.streams = sockets.streams(socket);
    return assigns;
  }

  /** The view's template inside its own layout, else its live session's (a nested view has neither). */
  template(assigns: Assigns): Template {
    const inner = this.#proc.route.view.render(assigns as never);
    const layout = this.#layoutOf();
    return layout ? layout(inner, assigns as never) : inner;
  }

  #layoutOf(): Layout | undefined {
    const { route, routed } = this.#proc;
    const own = routed ? route.view.layout : undefined;
    return (own === undefined ? route.session.layout : own) || undefined;
  }

  /** The template diffed against `prev`: a kept layout visits its inner only (layout-memo.ts). */
  #diff(assigns: Assigns, prev: NodeState | undefined): { diff: Record<string, unknown> | null; state: NodeState } {
    const proc = this.#proc;
    const inner = proc.route.view.render(assigns as never);
    const layout = this.#layoutOf();
    if (!layout) return diffTemplate(inner, prev, this.#ctx);
    const changed = sockets.changed(proc.socket);
    const kept = this.#layout;
    if (prev && kept?.fits(layout, (key) => changed.has(key) || (key === "flash" && proc.flash.changed))) {
      return kept.diff(prev, inner, this.#ctx);
    }
    const { template, memo } = LayoutMemo.render(layout, inner, assigns);
    this.#layout = memo;
    return diffTemplate(template, prev, this.#ctx);
  }

  /** What the view's templates see of it while they render (render-scope.ts). */
  scope(): RenderScope {
    const proc = this.#proc;
    if (this.#scope?.route !== proc.route) {
      const scope = { view: proc.name, route: proc.route.path, id: proc.id, connected: proc.connected, spans: proc.services.spans };
      this.#scope = { route: proc.route, scope };
    }
    return this.#scope.scope;
  }

  /** Renders what changed since the last render; `full` renders everything (join). */
  render(full: boolean): Record<string, unknown> | null {
    return inRenderScope(this.scope(), () => this.#render(full));
  }

  #render(full: boolean): Record<string, unknown> | null {
    const proc = this.#proc;
    const started = performance.now();
    const socket = proc.socket;
    // made when something goes in: a render that changed nothing allocates none
    let diff: Record<string, unknown> | undefined;
    const components = proc.existingComponents();
    components?.beginRender();
    const ctx = this.#ctx;
    ctx.joinRender = full;
    if (full || socket.changed || proc.flash.changed) {
      const assigns = this.assigns();
      const { diff: d, state } = this.#diff(assigns, full ? undefined : this.#state);
      // a join's state is mostly what other views of the page hold: held once (state-intern.ts)
      this.#state = full ? internState(state) : state;
      // the template's diff is this render's own object: the rest goes into it (copying its
      // index keys would take V8's slow path)
      if (d) diff = d;
      if ((full && assigns.pageTitle != null) || sockets.changed(socket).has("pageTitle")) {
        (diff ??= {})[TITLE] = assigns.pageTitle == null ? "" : String(assigns.pageTitle);
      }
      sockets.rendered(socket);
      proc.flash.changed = false;
    }
    // the view's render may have placed the first component
    const changed = (components ?? proc.existingComponents())?.render(this.#ctx);
    if (changed) (diff ??= {})[COMPONENTS] = changed;
    ctx.joinRender = false;
    const added = ctx.takeEvents();
    const pushed = proc.events;
    proc.events = undefined;
    if (added || pushed) (diff ??= {})[EVENTS] = [...(added ?? []), ...(pushed ?? [])];
    if (!full && !diff) return null;
    proc.span.rendered(performance.now() - started);
    proc.existingLifecycle()?.afterRender(socket);
    return diff ?? {};
  }

  /** A nested view's container for the connected render: empty, with the token the client joins with. */
  container(ref: NestedRef): string {
    const proc = this.#proc;
    if ((proc.nested?.depth ?? 0) >= MAX_NESTING) {
      throw new LagoonError("nesting_too_deep", `${proc.name}: nested views nest at most ${MAX_NESTING} deep`);
    }
    const { id } = ref.opts;
    const key = `${ref.view.name}\0${JSON.stringify([ref.opts.session, ref.opts.sticky, ref.opts.container])}`;
    const containers = (this.#containers ??= new Map());
    const known = containers.get(id);
    if (known?.key === key) return known.html;
    proc.services.router.rendered(ref.view);
    const parent = { id: proc.id, liveSession: proc.liveSession, sid: String(proc.session.sid ?? ""), href: proc.href };
    const html = containerHtml(ref, proc.id, proc.services.signView(nestedToken(ref, parent)), "");
    containers.set(id, { key, html });
    return html;
  }

  /** The view ended: nothing to diff against any more. */
  reset(): void {
    this.#state = undefined;
    this.#containers = undefined;
    this.#layout = undefined;
  }
}

/**
 * What diff.ts and custom values (custom.ts) reach of a view while it renders. Methods on
 * a prototype: one small object per view, where closures would cost each idle view a
 * context and a function apiece.
 */
class RenderHooks implements RenderContext, CustomContext {
  /** The join's render: custom values see the client's join params. */
  joinRender = false;
  /** Client events custom values add during a render; they go before the view's own. */
  #events: [string, unknown][] | undefined;
  readonly #proc: ViewProcessCore;
  readonly #render: ViewRender;

  constructor(proc: ViewProcessCore, render: ViewRender) {
    this.#proc = proc;
    this.#render = render;
  }

  component(ref: ComponentRefValue): number {
    return this.#proc.components().place(ref as ComponentRef);
  }

  nested(ref: NestedRefValue): string {
    return this.#render.container(ref as NestedRef);
  }

  get custom(): CustomContext {
    return this;
  }

  event(name: string, payload: unknown): void {
    (this.#events ??= []).push([name, payload]);
  }

  get joinParams(): Readonly<Record<string, unknown>> | undefined {
    return this.joinRender ? this.#proc.connect?.params : undefined;
  }

  /** The events added since the last call, if any. */
  takeEvents(): [string, unknown][] | undefined {
    const events = this.#events;
    this.#events = undefined;
    return events;
  }
}
