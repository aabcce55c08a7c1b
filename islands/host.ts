/**
 * The element an island renders as, on the server (islands/render.ts) and in the browser
 * (hooks/island-root.ts): one tree for both, so hydration finds exactly what the server
 * rendered.
 *
 * Props, streams and the connection state come from a small external store read with
 * useSyncExternalStore: during hydration React uses the server snapshot (what the HTML was
 * rendered with, not connected), then renders the current snapshot in an ordinary update.
 * A props update is a store change, never a new root render, so the component keeps its
 * React state; objects the update did not change are the same objects (React.memo works).
 */
import { createContext, createElement, useContext, useMemo, useSyncExternalStore, type ReactElement, type ReactNode } from "react";
import type { AnyIsland, Emit, IslandModule, On, StreamItem, StreamName } from "./contract.js";
import { IslandSlot } from "./slots.js";

export interface IslandSnapshot {
  readonly props: unknown;
  readonly connected: boolean;
  /** Each stream's items, in order, by stream name. */
  readonly streams: Readonly<Record<string, readonly unknown[]>>;
  /** The slots the view filled, with the HTML of their placeholders ("" but in the HTTP render). */
  readonly slots: Readonly<Record<string, string>>;
}

export interface IslandStore {
  subscribe(listener: () => void): () => void;
  get(): IslandSnapshot;
  /** What the server rendered: used while hydrating. */
  getServer(): IslandSnapshot;
}

export interface IslandWiring {
  /** The island's DOM id. */
  readonly id: string;
  readonly store: IslandStore;
  readonly emit: Emit<AnyIsland>;
  readonly on: On<AnyIsland>;
}

const NO_ITEMS: readonly unknown[] = Object.freeze([]);
const Streams = createContext<IslandSnapshot["streams"]>({});

/**
 * The items of one of the island's streams, in order: an item the server did not change
 * keeps its identity across updates (key by its id; React.memo works).
 *
 *   const activity = useStream(Board, "activity");
 */
export function useStream<C extends AnyIsland, K extends StreamName<C>>(contract: C, name: K): readonly StreamItem<C, K>[] {
  void contract;
  return (useContext(Streams)[name] ?? NO_ITEMS) as readonly StreamItem<C, K>[];
}

function IslandHost({ mod, wiring }: { mod: IslandModule; wiring: IslandWiring }) {
  const { store } = wiring;
  const { props, connected, streams, slots: filled } = useSyncExternalStore(store.subscribe, store.get, store.getServer);
  const slots = useMemo(() => {
    const element = (slot: string): ReactNode =>
      Object.hasOwn(filled, slot) ? createElement(IslandSlot, { island: wiring.id, slot, html: filled[slot]! }) : null;
    return { children: element("children"), named: Object.fromEntries(mod.contract.slots.map((s: string) => [s, element(s)])) };
  }, [filled, wiring.id, mod]);
  return createElement(
    Streams.Provider,
    { value: streams },
    createElement(mod.default, { props, emit: wiring.emit, on: wiring.on, connected, children: slots.children, slots: slots.named }),
  );
}

export function islandElement(mod: IslandModule, wiring: IslandWiring): ReactElement {
  return createElement(IslandHost, { mod, wiring });
}

/** A store that never changes: the server render. */
export function staticStore(snapshot: IslandSnapshot): IslandStore {
  return { subscribe: () => () => {}, get: () => snapshot, getServer: () => snapshot };
}
