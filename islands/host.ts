/**
 * The element an island renders as, on the server (islands/render.ts) and in the browser
 * (hooks/island-root.ts): one tree for both, so hydration finds exactly what the server
 * rendered.
 *
 * Props and the connection state come from a small external store read with
 * useSyncExternalStore: during hydration React uses the server snapshot (the props the HTML
 * was rendered with, not connected), then renders the current snapshot in an ordinary
 * update. A props update is a store change, never a new root render, so the component keeps
 * its React state.
 */
import { createElement, useSyncExternalStore, type ReactElement } from "react";
import type { AnyIsland, Emit, IslandModule, On } from "./contract.js";

export interface IslandSnapshot {
  readonly props: unknown;
  readonly connected: boolean;
}

export interface IslandStore {
  subscribe(listener: () => void): () => void;
  get(): IslandSnapshot;
  /** What the server rendered: used while hydrating. */
  getServer(): IslandSnapshot;
}

export interface IslandWiring {
  readonly store: IslandStore;
  readonly emit: Emit<AnyIsland>;
  readonly on: On<AnyIsland>;
}

function IslandHost({ mod, wiring }: { mod: IslandModule; wiring: IslandWiring }) {
  const { store } = wiring;
  const { props, connected } = useSyncExternalStore(store.subscribe, store.get, store.getServer);
  return createElement(mod.default, { props, emit: wiring.emit, on: wiring.on, connected });
}

export function islandElement(mod: IslandModule, wiring: IslandWiring): ReactElement {
  return createElement(IslandHost, { mod, wiring });
}

/** A store that never changes: the server render. */
export function staticStore(snapshot: IslandSnapshot): IslandStore {
  return { subscribe: () => () => {}, get: () => snapshot, getServer: () => snapshot };
}
