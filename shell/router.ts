import type { Template } from "./template.js";
import type { Assigns, Params, RenderAssigns, Session, ViewDef, ViewSocket } from "./types.js";
import { queryParams } from "./params.js";
import { isJS, type JSCommands } from "./js.js";

/**
 * Runs before a view's mount, for every view of a live session, in the HTTP render and on
 * connect. Load shared assigns (the current user) here; call `socket.redirect(...)` to halt
 * the mount (anonymous users to /login, say).
 */
export type OnMount = (params: Params, session: Session, socket: ViewSocket<any>) => void | Promise<void>;

/** Wraps every view of a live session; re-rendered live with the view (flash, nav bar). */
export type Layout = (inner: Template, assigns: RenderAssigns<Assigns>) => Template;

export interface LiveSessionDef {
  readonly name: string;
  readonly onMount: readonly OnMount[];
  readonly layout?: Layout;
}

/** A live route as `live()` builds it; createLagoon's `routes` take them. */
export interface LiveRoute {
  readonly path: string;
  readonly view: ViewDef<any>;
  /** The route's action (`live("/posts/:id/edit", PostLive, "edit")`): the view's `socket.liveAction`. */
  readonly action?: string;
  readonly session: LiveSessionDef;
  /** Attributes of the view's container element (Phoenix's `live/4` `container:` option). */
  readonly container?: Readonly<Record<string, string>>;
  readonly pattern: RegExp;
  readonly keys: readonly string[];
}

const DEFAULT_SESSION: LiveSessionDef = { name: "default", onMount: [] };

function compile(path: string): { pattern: RegExp; keys: string[] } {
  if (!path.startsWith("/")) throw new TypeError(`route path must start with "/": ${path}`);
  const keys: string[] = [];
  const source = path
    .split("/")
    .map((seg) => {
      if (seg.startsWith(":")) {
        keys.push(seg.slice(1));
        return "([^/]+)";
      }
      if (seg === "*") {
        keys.push("*");
        return "(.*)";
      }
      return seg.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    })
    .join("/");
  return { pattern: new RegExp(`^${source}/?$`), keys };
}

/** Options of `live()`. */
export interface LiveRouteOptions {
  /**
   * Attributes for the `<div>` that holds the view, e.g. `{ "phx-remove": ... }` (a JS command
   * the client runs on the container when live navigation removes it). Plain attribute
   * names only; Lagoon's own `id` and `data-phx-*` cannot be set. A JS command list is sent as
   * the JSON the client reads, as in a template.
   */
  container?: Record<string, string | JSCommands>;
}

const CONTAINER_ATTR = /^[a-zA-Z_:][-a-zA-Z0-9_:.]*$/;

/**
 * A live route: `live("/posts/:id", PostView)`, or `live("/posts/:id/edit", PostView, "edit")`
 * to name an action one view branches on (`socket.liveAction`, updated on patch), with
 * options after it or in its place. Outside a liveSession it joins the default session.
 */
export function live(path: string, view: ViewDef<any>, action?: string | LiveRouteOptions, options: LiveRouteOptions = {}): LiveRoute {
  const opts = typeof action === "object" ? action : options;
  const { pattern, keys } = compile(path);
  const route: LiveRoute = { path, view, session: DEFAULT_SESSION, pattern, keys, ...(typeof action === "string" ? { action } : {}) };
  if (!opts.container) return route;
  const container: Record<string, string> = {};
  for (const [name, value] of Object.entries(opts.container)) {
    if (!CONTAINER_ATTR.test(name) || name === "id" || name.startsWith("data-phx-")) {
      throw new TypeError(`live("${path}"): "${name}" cannot be a container attribute`);
    }
    if (typeof value !== "string" && !isJS(value))
      throw new TypeError(`live("${path}"): container attribute "${name}" must be a string or JS commands`);
    container[name] = String(value);
  }
  return { ...route, container: Object.freeze(container) };
}

/**
 * Groups routes that share onMount hooks and a layout. Live navigation stays inside a
 * session; crossing into another one is a full page load (so HTTP auth runs again).
 */
export function liveSession(opts: { name: string; onMount?: OnMount | OnMount[]; layout?: Layout }, routes: LiveRoute[]): LiveRoute[] {
  const session: LiveSessionDef = {
    name: opts.name,
    onMount: opts.onMount === undefined ? [] : Array.isArray(opts.onMount) ? opts.onMount : [opts.onMount],
    layout: opts.layout,
  };
  return routes.map((r) => ({ ...r, session }));
}

export interface Resolved {
  readonly route: LiveRoute;
  /** Path params merged over query params. */
  readonly params: Params;
}

export class Router {
  readonly routes: readonly LiveRoute[];
  /** Nested views this router's pages rendered, by name: an app's own, before any other of that name. */
  readonly #nested = new Map<string, ViewDef<any>>();

  constructor(routes: Iterable<LiveRoute | LiveRoute[]>) {
    const flat: LiveRoute[] = [];
    for (const r of routes) Array.isArray(r) ? flat.push(...r) : flat.push(r);
    this.routes = flat;
  }

  /** A nested view a page of this router rendered (liveRender), joinable by its name. */
  rendered(view: ViewDef<any>): void {
    if (view.name && this.#nested.get(view.name) !== view) this.#nested.set(view.name, view);
  }

  nested(name: string): ViewDef<any> | undefined {
    return this.#nested.get(name);
  }

  resolve(url: URL): Resolved | null {
    for (const route of this.routes) {
      const m = route.pattern.exec(url.pathname);
      if (!m) continue;
      const params: Params = queryParams(url);
      for (let i = 0; i < route.keys.length; i++) {
        try {
          params[route.keys[i]!] = decodeURIComponent(m[i + 1]!);
        } catch {
          return null; // malformed percent-encoding: no route
        }
      }
      return { route, params };
    }
    return null;
  }
}
