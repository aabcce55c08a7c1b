/**
 * `island(Contract, { id, props, load, streams, children, slots })`: a React island inside an
 * `html` template, rendered on the server, with the module registered for it (registry.ts).
 * Server-only (react-dom/server): live views import it through lagoon/islands; the browser
 * never loads this module.
 *
 * It lives in islands/, not shell/ or server/: shell stays free of React and of any
 * transport. An island is a custom template value (shell/custom.ts): its slot remembers the
 * props the client holds, and each render sends only what changed, as a state message on
 * the island's event (island-wire.ts, island-state.ts). The markup (what hooks/island.ts
 * reads; data-load as load.ts writes it):
 *
 *   <div id="ID" phx-hook="Island" data-island="Name" data-load="eager">
 *     <div id="ID-root" data-island-frame phx-update="ignore"><div data-island-root>...React's HTML...</div></div>
 *     <div id="ID-park" hidden phx-update="ignore"></div>
 *     <template id="ID-slot-header" data-phx-portal="...">...the view's live slot...</template>
 *   </div>
 *
 * React owns the root (`phx-update="ignore"`: the client never patches inside it). Its HTML
 * is a `keep()` slot: rendered by React once per container (the HTTP render; a new island in
 * a live render), never again nor re-sent. At the join, the browser names the islands whose
 * HTML it holds (from the HTTP render, or a rejoin): their root is not rendered again, and
 * an island whose state the page holds already sends nothing. The HTTP render puts the first
 * state in the root, in a script the hook reads and removes before React hydrates.
 *
 * An island rendered in the browser only (load "only", a `*.client.tsx` module, a contract
 * whose `load` is "only"), or whose server render threw, has its fallback in a root marked
 * `data-island-fallback` (ssr.ts).
 */
import type { z } from "zod";
import { custom, type CustomContext } from "../shell/custom.js";
import { LagoonError } from "../shell/errors.js";
import type { LiveStream } from "../shell/streams.js";
import { html, keep, type Template } from "../shell/template.js";
import { commandEvent, type AnyIsland, type PropsInput, type SlotName, type StreamName } from "./contract.js";
import type { IslandSnapshot } from "./host.js";
import {
  claimOf,
  firstMessage,
  pageState,
  propsState,
  streamsRender,
  updateMessage,
  type IslandSlotState,
  type StreamsRender,
} from "./island-wire.js";
import { loadAttribute, rendersOnServer, type Load } from "./load.js";
import { isClientOnlyIsland, islandModule } from "./registry.js";
import { parkId, slotContentId, slotSelector, slotTemplateId } from "./slot-markup.js";
import { heldRoot, islandRoot, type Fallback } from "./ssr.js";

export type { Load } from "./load.js";

/** Where an island goes and what it gets: `island(contract, options)`. */
export interface IslandOptions<C extends AnyIsland> {
  /** The container's DOM id: unique in the page; `socket.pushCommand` addresses the island by it. */
  readonly id: string;
  /** The props, as the contract's schema takes them; parsed on the server, then sent as diffs when they change. */
  readonly props: PropsInput<C>;
  /** When the browser loads and hydrates it (load.ts); default the contract's `load`, else "eager". */
  readonly load?: Load;
  /** What stands in for it where it has no server HTML (client-only, or its server render threw); default the contract's. */
  readonly fallback?: Fallback;
  /** The view's streams that feed the island's (socket.stream / streamInsert / streamDelete), by the contract's names. */
  readonly streams?: { readonly [K in StreamName<C>]?: LiveStream<z.input<C["streams"][K]>> };
  /** Live HTML the component shows where it renders `children`. */
  readonly children?: Template;
  /** Live HTML for the contract's named slots. */
  readonly slots?: { readonly [K in SlotName<C>]?: Template };
}

const ID = /^[A-Za-z][A-Za-z0-9_:.-]{0,99}$/;

/**
 * A React island in a view's template: rendered on the server (unless client-only), then
 * hydrated in the browser by the Island hook; later renders send only what changed in its
 * props and streams, and its slots stay live HTML.
 *
 *   html`${island(Stepper, { id: "stepper", props: { count }, load: "visible" })}`
 */
export function island<C extends AnyIsland>(contract: C, opts: IslandOptions<C>): Template {
  const { id } = opts;
  const where = `island ${contract.name}#${String(id)}`;
  const mod = islandModule(contract.name);
  if (!mod && !isClientOnlyIsland(contract.name)) {
    throw new LagoonError(
      "unknown_island",
      `${where}: no module for ${contract.name}; put it in the app's islands folder (${contract.name}.tsx)`,
    );
  }
  if (typeof id !== "string" || !ID.test(id)) {
    throw new LagoonError("island_id", `${where}: the id must start with a letter and hold only letters, digits, _ : . -`);
  }
  // the render's mode, else the contract's
  const chosen = opts.load === undefined ? contract.load : opts.load;
  const load = loadAttribute(where, chosen);
  const slots = slotTemplates(contract, where, opts);
  const key = `${contract.name}#${id}`;
  const streams = opts.streams as Readonly<Record<string, LiveStream<any>>> | undefined;

  // the module the server renders with: none for a client-only island
  const server = rendersOnServer(chosen) ? mod : undefined;
  const root = (state: IslandSlotState, streamed: StreamsRender, renderHtml?: (value: unknown) => string, before?: string) =>
    islandRoot({
      contract,
      id,
      mod: server,
      snapshot: snapshot(id, state.props, streamed, slots, renderHtml),
      fallback: opts.fallback,
      before,
    });

  const value = custom<IslandSlotState>(key, {
    live(prev: IslandSlotState | undefined, ctx: CustomContext) {
      const join = ctx.joinParams !== undefined;
      const next = propsState(contract, where, opts.props, prev);
      const state = next ?? prev!;
      const streamed = streamsRender(contract, where, streams, join);
      const claim = prev ? undefined : claimOf(ctx.joinParams, id);
      let message = prev ? updateMessage(prev, next, streamed) : firstMessage(state.wire, streamed);
      // the page holds exactly this state already (the HTTP render's, unchanged since)
      if (message && claim && claim === pageState(message).digest) message = undefined;
      if (message) ctx.event(commandEvent(id), message);
      // the browser holds the island's HTML: React does not render it again for this container
      // (the root stays in the tree either way: the client leaves what it holds inside alone)
      const held = keep(key, () => (claim === undefined ? root(state, streamed) : heldRoot(id)));
      return { content: container(id, contract, load, held, slots, true), state };
    },
    dead(renderHtml) {
      const state = propsState(contract, where, opts.props, undefined)!;
      const streamed = streamsRender(contract, where, streams, true);
      const { json, digest } = pageState(firstMessage(state.wire, streamed));
      const script = `<script type="application/json" data-island-state="${digest}">${json}</script>`;
      return container(id, contract, load, root(state, streamed, renderHtml, script), slots, false);
    },
  });
  return html`${value}`;
}

function slotTemplates<C extends AnyIsland>(contract: C, where: string, opts: IslandOptions<C>): Map<string, Template> {
  const slots = new Map<string, Template>();
  if (opts.children !== undefined) slots.set("children", opts.children);
  for (const [name, template] of Object.entries(opts.slots ?? {})) {
    if (!contract.slots.includes(name)) throw new LagoonError("island_slot", `${where}: the contract declares no slot "${name}"`);
    if (template !== undefined) slots.set(name, template as Template);
  }
  return slots;
}

/**
 * The container. Live: each slot's template carries its content, which the client teleports
 * into React's placeholder. HTTP render: the content is inside React's placeholders already
 * and the templates are empty (the join fills them), so the page carries it once.
 */
function container(id: string, contract: AnyIsland, load: string, root: unknown, slots: Map<string, Template>, live: boolean): Template {
  const portals = [...slots].map(
    ([name, template]) =>
      html`<template id=${slotTemplateId(id, name)} data-phx-portal=${slotSelector(id, name)}>${live ? slotContent(id, name, template) : ""}</template>`,
  );
  return html`<div id=${id} phx-hook="Island" data-island=${contract.name} data-load=${load}>${root}<div id=${parkId(id)} hidden phx-update="ignore"></div>${portals}</div>`;
}

function slotContent(id: string, name: string, template: unknown): Template {
  return html`<div id=${slotContentId(id, name)} data-island-slot-content style="display: contents">${template}</div>`;
}

/** What the server render shows; `renderHtml` in the HTTP render, where the slots' HTML goes inside React's placeholders. */
function snapshot(
  id: string,
  props: unknown,
  streamed: StreamsRender,
  slots: Map<string, Template>,
  renderHtml?: (value: unknown) => string,
): Omit<IslandSnapshot, "connected"> {
  const slotHtml = Object.fromEntries([...slots].map(([name, t]) => [name, renderHtml ? renderHtml(slotContent(id, name, t)) : ""]));
  return { props, streams: streamed.items, slots: slotHtml };
}
