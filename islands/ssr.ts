/**
 * An island's server render, which fails alone: React renders the component to HTML; when
 * it throws, the island's fallback (the `island()` option, else the contract's) stands in,
 * marked `data-island-error="server"`, the failure is logged and reported to the view's
 * telemetry as an `island_error` span (phase "server"), and the view renders on. The
 * browser then renders the island from scratch (hooks/island-root.ts).
 *
 * What the island root carries (what the browser reads):
 *   <div data-island-root data-ssr-props='…'>React's HTML</div>    rendered: hydrate with those props
 *   <div data-island-root data-island-fallback>…</div>             not React's: render anew
 */
import { renderToString } from "react-dom/server";
import { LagoonError } from "../shell/errors.js";
import { renderScope } from "../shell/render-scope.js";
import { html, raw, type Template } from "../shell/template.js";
import type { AnyIsland, Emit, IslandModule, On } from "./contract.js";
import { islandElement, staticStore } from "./host.js";

// The server render has no connection: effects (where commands are subscribed) do not run
// on the server, and events are only emitted from handlers, which never run here either.
const ssrEmit: Emit<AnyIsland> = () => Promise.reject(new LagoonError("island_not_connected", "emit during the server render"));
const ssrOn: On<AnyIsland> = () => () => {};

/** What stands in for an island that has no server HTML. */
export type Fallback = Template | string;

export interface ServerRender {
  readonly contract: AnyIsland;
  /** The island's DOM id. */
  readonly id: string;
  /** Undefined: the island renders in the browser only. */
  readonly mod: IslandModule | undefined;
  readonly props: unknown;
  /** The props as encoded in the markup (render.ts encodeProps). */
  readonly json: string;
  readonly fallback: Fallback | undefined;
}

/** The island root: React's HTML of the island, or its fallback. */
export function islandRoot(r: ServerRender): Template {
  const fallback = r.fallback ?? r.contract.fallback ?? "";
  if (!r.mod) return html`<div data-island-root data-island-fallback>${fallback}</div>`;
  let rendered: string;
  try {
    rendered = renderToString(islandElement(r.mod, { store: staticStore({ props: r.props, connected: false }), emit: ssrEmit, on: ssrOn }));
  } catch (error) {
    failed(r.contract, r.id, error);
    return html`<div data-island-root data-island-fallback data-island-error="server">${fallback}</div>`;
  }
  return html`<div data-island-root data-ssr-props='${raw(r.json)}'>${raw(rendered)}</div>`;
}

function failed(contract: AnyIsland, id: string, error: unknown): void {
  const scope = renderScope();
  console.error(`[lagoon] island ${contract.name}#${id} failed to render on the server${scope ? ` in ${scope.view}` : ""}:`, error);
  scope?.spans?.emit({
    name: "island_error",
    view: scope.view,
    route: scope.route,
    id: scope.id,
    island: contract.name,
    islandId: id,
    phase: "server",
  });
}
