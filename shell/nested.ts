/**
 * Nested live views (Phoenix's live_render): a child view with its own state and
 * lifecycle, rendered inside a parent's template and joined by the client on a topic of
 * its own, over the parent's connection. A sticky one is joined as a root and survives
 * live navigation within its live session (it usually sits in a layout).
 *
 * The container carries everything the client needs: the HTTP render holds the child's
 * HTML (and, when sticky, its token); a connected render holds an empty container whose
 * token the client joins with. Tokens name the child view; views are found by name: the
 * one the app's router rendered under that name, else any named view defined in the process,
 * so a child rendered on one machine can join on another running the same code.
 */
import { NESTED_REF, type NestedRefValue } from "./refs.js";
import { LagoonError } from "./errors.js";
import { escapeHtml } from "./escape.js";
import type { LiveRoute, LiveSessionDef } from "./router.js";
import type { ViewToken } from "./tokens.js";
import type { Session, ViewDef } from "./types.js";

/** Options of `liveRender`: the child's id, the session it mounts with, and its container. */
export interface LiveRenderOptions {
  /** The child's DOM id and topic (`lv:<id>`): unique in the page. */
  readonly id: string;
  /** Values merged over the cookie session for the child's mount; JSON, signed into the token. */
  readonly session?: Readonly<Record<string, unknown>>;
  /** Joined as a root: survives live navigation within the live session (default false). */
  readonly sticky?: boolean;
  /** The container element: its tag (default `div`) and attributes. */
  readonly container?: readonly [tag: string, attrs?: Readonly<Record<string, string>>];
}

export interface NestedRef extends NestedRefValue {
  readonly view: ViewDef<any>;
  readonly opts: LiveRenderOptions;
}

const ID = /^[A-Za-z][A-Za-z0-9_:.-]{0,63}$/;
const TAG = /^[a-z][a-z0-9-]{0,31}$/;
const ATTR = /^[a-zA-Z_:][a-zA-Z0-9_:.-]{0,63}$/;
/** Attributes the container's own markup owns. */
const RESERVED = /^(id|data-phx-.*)$/i;
const SESSION_BYTES = 2048;
/** Views nested inside nested views, at most: a view that renders itself would never end. */
export const MAX_NESTING = 8;

// one registry per process, even when the package is loaded twice (sources and build)
const VIEWS_KEY = Symbol.for("lagoon.nestedViews");
const views: Map<string, ViewDef<any>> = ((globalThis as Record<symbol, unknown>)[VIEWS_KEY] ??= new Map()) as Map<string, ViewDef<any>>;

/** Makes a view joinable as a nested view by its name (defineView does it for named views). */
export function registerView(view: ViewDef<any>): void {
  if (view.name) views.set(view.name, view);
}

export function nestedView(name: string): ViewDef<any> | undefined {
  return views.get(name);
}

/**
 * Renders `view` as a nested live view: `${liveRender(Clock, { id: "clock" })}` in the
 * parent's template. The view needs a `name` (it is joined by it).
 */
export function liveRender(view: ViewDef<any>, opts: LiveRenderOptions): NestedRef {
  if (!view || typeof view.render !== "function") throw new LagoonError("bad_nested", "liveRender: the first argument must be a view");
  if (!view.name)
    throw new LagoonError("bad_nested", "liveRender: the view needs a name (defineView({ name, ... })): it is joined by name");
  if (typeof opts?.id !== "string" || !ID.test(opts.id)) {
    throw new LagoonError(
      "bad_nested",
      `liveRender(${view.name}): id must be a letter then up to 63 of [A-Za-z0-9_:.-], got ${String(opts?.id)}`,
    );
  }
  if (opts.session !== undefined) {
    const json = JSON.stringify(opts.session);
    if (typeof opts.session !== "object" || opts.session === null || Array.isArray(opts.session) || json.length > SESSION_BYTES) {
      throw new LagoonError("bad_nested", `liveRender(${view.name}): session must be a JSON object under ${SESSION_BYTES} bytes`);
    }
  }
  if (opts.container) {
    const [tag, attrs = {}] = opts.container;
    if (!TAG.test(tag)) throw new LagoonError("bad_nested", `liveRender(${view.name}): container tag "${tag}" is not a tag name`);
    for (const name of Object.keys(attrs)) {
      if (!ATTR.test(name) || RESERVED.test(name) || /^on/i.test(name)) {
        throw new LagoonError("bad_nested", `liveRender(${view.name}): container attribute "${name}" is not allowed`);
      }
    }
  }
  registerView(view);
  return { [NESTED_REF]: true, view, opts };
}

/** What a parent renders its child containers with. */
export interface NestedParent {
  /** The parent's DOM id. */
  readonly id: string;
  readonly liveSession: string;
  readonly sid: string;
  readonly href: string;
}

/** The child's token: it names the view, the parent (unless sticky), the extra session and the page. */
export function nestedToken(ref: NestedRef, parent: NestedParent): ViewToken {
  const { id, session, sticky } = ref.opts;
  return {
    id,
    ls: parent.liveSession,
    sid: parent.sid,
    v: ref.view.name!,
    ...(sticky ? {} : { p: parent.id }),
    ...(session ? { s: JSON.parse(JSON.stringify(session)) as Record<string, unknown> } : {}),
    u: parent.href,
  };
}

/**
 * The container: `data-phx-parent-id` ties a child to its parent (the client joins it
 * after the parent); a sticky one has `data-phx-sticky` instead and is joined as a root.
 */
export function containerHtml(ref: NestedRef, parentId: string, token: string, inner: string): string {
  const [tag, attrs = {}] = ref.opts.container ?? ["div"];
  let open = `<${tag} id="${escapeHtml(ref.opts.id)}" data-phx-session="${escapeHtml(token)}" data-phx-static=""`;
  open += ref.opts.sticky ? " data-phx-sticky" : ` data-phx-parent-id="${escapeHtml(parentId)}"`;
  for (const [name, value] of Object.entries(attrs)) open += ` ${name}="${escapeHtml(String(value))}"`;
  return `${open}>${inner}</${tag}>`;
}

const NESTED_SESSION: LiveSessionDef = { name: "", onMount: [] };
const routes = new WeakMap<ViewDef<any>, LiveRoute>();

/** A nested view's route: no URL, no live session hooks, no layout (it renders inside its parent's). */
export function nestedRoute(view: ViewDef<any>): LiveRoute {
  let route = routes.get(view);
  if (!route) routes.set(view, (route = { path: `(nested ${view.name})`, view, session: NESTED_SESSION, pattern: /$^/, keys: [] }));
  return route;
}

/** The child's mount session: the cookie session, with what liveRender passed over it. */
export function nestedSession(cookie: Session, token: ViewToken): Session {
  return token.s ? { ...cookie, ...token.s, sid: cookie.sid } : cookie;
}
