/**
 * An island's state in the browser (IslandFeed): its props, its streams' items, its slots and
 * the connection, as the external store React reads (islands/host.ts). The hook creates it
 * when the island's element mounts, before the island's code has loaded, and hands it every
 * state message (islands/island-state.ts); React mounts on it later.
 *
 * The first state comes from the page (the HTTP render's script in the root, read and
 * removed here) or from the first message. A props diff is applied to the encoded props,
 * copying only the changed paths (props-patch.ts), and decoded with one memo for the
 * island's life: whatever the diff did not touch decodes to the same object as before, so
 * React.memo and effect dependencies see no change there. Props are not parsed again: the
 * server parsed them (transforms ran once) and typed JSON brings back Dates, Maps and the rest.
 */
import type { IslandSnapshot, IslandStore } from "../islands/host.js";
import { applyStream, type StateMessage, type StreamEntry } from "../islands/island-state.js";
import { applyOps, share } from "../islands/props-patch.js";
import { filledSlots } from "../islands/slot-markup.js";
import { decodeValue, type Json } from "../islands/wire-values.js";

export class IslandFeed implements IslandStore {
  readonly #report: (error: unknown) => void;
  readonly #listeners = new Set<() => void>();
  readonly #memo = new WeakMap<object, unknown>();
  #wire: Json | undefined;
  #entries: Record<string, StreamEntry[]> = {};
  #snapshot: IslandSnapshot | undefined;
  /** What the root's server HTML was rendered with, while React may hydrate it. */
  #server: IslandSnapshot | undefined;
  /** The root holds server HTML rendered with the first message's state (a new island in a live render). */
  #serverFromFirst: boolean;
  #connected: boolean;
  #slots: Record<string, string>;

  /** `el`: the island's container; `report` logs and reports state that could not be applied. */
  constructor(el: HTMLElement, connected: boolean, report: (error: unknown) => void) {
    this.#report = report;
    this.#connected = connected;
    this.#slots = filledSlots(el);
    const root = el.querySelector(":scope > [data-island-frame] > [data-island-root]");
    const script = root?.querySelector(":scope > script[data-island-state]");
    this.#serverFromFirst = !script && !!root?.hasChildNodes();
    if (script) {
      script.remove();
      try {
        this.receive(JSON.parse(script.textContent ?? "") as StateMessage);
      } catch (error) {
        this.#fail(error);
      }
      if (this.#snapshot) this.#server = { ...this.#snapshot, connected: false };
    }
  }

  /** The island has props: React can render it. */
  get ready(): boolean {
    return this.#snapshot !== undefined;
  }

  /** The state the root's server HTML was rendered with, if it holds any: hydrate with it. */
  get server(): IslandSnapshot | undefined {
    return this.#server;
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  readonly get = (): IslandSnapshot => this.#snapshot!;

  readonly getServer = (): IslandSnapshot => this.#server ?? this.#snapshot!;

  /** A state message from the server. */
  receive(message: StateMessage): void {
    try {
      if (message.P !== undefined) this.#wire = this.#wire === undefined ? message.P : share(this.#wire, message.P);
      else if (message.p) {
        if (this.#wire === undefined) throw new Error("a props diff came before the props");
        this.#wire = applyOps(this.#wire, message.p);
      }
      for (const [name, ops] of Object.entries(message.s ?? {})) this.#entries[name] = applyStream(this.#entries[name] ?? [], ops);
    } catch (error) {
      // the props stay as they were; the next whole state (a rejoin) repairs them
      return this.#fail(error);
    }
    if (this.#wire === undefined) return;
    const first = this.#snapshot === undefined;
    this.#publish({ props: decodeValue(this.#wire, this.#memo) });
    if (first && this.#serverFromFirst) this.#server = { ...this.#snapshot!, connected: false };
  }

  setConnected(connected: boolean): void {
    this.#connected = connected;
    if (this.#snapshot) this.#publish({ connected });
  }

  /** The container was patched: the view may have filled or emptied a slot. */
  refreshSlots(el: HTMLElement): void {
    const slots = filledSlots(el);
    const names = Object.keys(slots);
    if (names.length === Object.keys(this.#slots).length && names.every((n) => Object.hasOwn(this.#slots, n))) return;
    this.#slots = slots;
    if (this.#snapshot) this.#publish({});
  }

  clear(): void {
    this.#listeners.clear();
  }

  #publish(change: Partial<IslandSnapshot>): void {
    const streams: Record<string, readonly unknown[]> = {};
    const prev = this.#snapshot?.streams;
    for (const [name, entries] of Object.entries(this.#entries)) {
      const items = entries.map((e) => decodeValue(e.item, this.#memo));
      // an unchanged stream keeps its array, so what depends on it does not re-run
      const old = prev?.[name];
      streams[name] = old && old.length === items.length && old.every((v, i) => v === items[i]) ? old : items;
    }
    const prevSnapshot = this.#snapshot;
    const next: IslandSnapshot = {
      props: prevSnapshot?.props,
      ...change,
      streams,
      slots: this.#slots,
      connected: this.#connected,
    };
    const same = (k: keyof IslandSnapshot) => prevSnapshot !== undefined && prevSnapshot[k] === next[k];
    if (same("props") && same("connected") && same("slots") && Object.keys(streams).every((n) => prevSnapshot!.streams[n] === streams[n]))
      return;
    this.#snapshot = next;
    for (const listener of this.#listeners) listener();
  }

  #fail(error: unknown): void {
    this.#report(new Error(`unusable state from the server: ${error instanceof Error ? error.message : String(error)}`, { cause: error }));
  }
}
