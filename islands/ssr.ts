/**
 * An island's server render and the root it fills, which fails alone: React renders the
 * component to HTML (the one place it does, with a `useId` prefix per island); when it
 * throws, the island's fallback (the `island()` option, else the contract's) stands in,
 * marked `data-island-error="server"`, the failure is logged and reported to the view's
 * telemetry as an `island_error` span (phase "server"), and the view renders on. The
 * browser then renders the island from scratch (hooks/island-root.ts).
 *
 * The island root (what the browser reads; React owns it), in a frame LiveView never patches
 * inside (`phx-update="ignore"`; the client would still sync an ignored element's own data-*
 * attributes with the server's, so the markers sit on the root inside, where the browser's
 * own markers stay too):
 *   <div id="ID-root" data-island-frame phx-update="ignore">
 *     <div data-island-root>React's HTML</div>                            hydrate
 *     <div data-island-root data-island-fallback>…</div>                  or render anew
 *   </div>
 * In the HTTP render, the island's first state comes first inside the root (render.ts).
 */
import { renderToString } from "react-dom/server";
import { LagoonError } from "../shell/errors.js";
import { renderScope } from "../shell/render-scope.js";
import { html, raw, type Template } from "../shell/template.js";
import type { AnyIsland, Emit, IslandModule, On } from "./contract.js";
import { islandElement, staticStore, type IslandSnapshot } from "./host.js";

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
  /** What the component renders with (not connected). */
  readonly snapshot: Omit<IslandSnapshot, "connected">;
  readonly fallback: Fallback | undefined;
  /** HTML that goes first in the root: the HTTP render's state script. */
  readonly before?: string;
}

/** The island root: React's HTML of the island, or its fallback. */
export function islandRoot(r: ServerRender): Template {
  const fallback = r.fallback ?? r.contract.fallback ?? "";
  if (!r.mod) return root(r.id, r.before, fallback, "fallback");
  let rendered: string;
  const started = performance.now();
  try {
    const wiring = { id: r.id, store: staticStore({ ...r.snapshot, connected: false }), emit: ssrEmit, on: ssrOn };
    rendered = renderToString(islandElement(r.mod, wiring), { identifierPrefix: `${r.id}-` });
  } catch (error) {
    failed(r.contract, r.id, error);
    return root(r.id, r.before, fallback, "failed");
  }
  timed(r.contract, r.id, performance.now() - started);
  return root(r.id, r.before, raw(rendered), "rendered");
}

/** A slow island shows up by view and island (island_render spans; /metrics' histogram). */
function timed(contract: AnyIsland, id: string, duration: number): void {
  const scope = renderScope();
  if (!scope?.spans?.wants("island_render")) return;
  scope.spans.emit({
    name: "island_render",
    view: scope.view,
    route: scope.route,
    id: scope.id,
    island: contract.name,
    islandId: id,
    duration,
  });
}

/** The frame of an island whose HTML the browser holds: the client keeps what it has inside. */
export function heldRoot(id: string): Template {
  return frame(id, "");
}

function frame(id: string, root: unknown): Template {
  return html`<div id=${`${id}-root`} data-island-frame phx-update="ignore">${root}</div>`;
}

function root(id: string, before: string | undefined, content: unknown, kind: "rendered" | "fallback" | "failed"): Template {
  return frame(
    id,
    html`<div data-island-root data-island-fallback=${kind !== "rendered"} data-island-error=${kind === "failed" && "server"}>${raw(before ?? "")}${content}</div>`,
  );
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
