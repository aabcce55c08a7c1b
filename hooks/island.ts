/**
 * The Island hook (phx-hook="Island", rendered by islands/render.ts): one hook for every
 * island. It stays small and React-free, so a page without islands never loads React: the
 * island's module (its own chunk) and the React side (island-root.ts) are imported when the
 * island's `data-load` says so: at once ("eager"), when the browser is idle ("idle"), or
 * when the container comes near the viewport ("visible").
 *
 * Lifecycle: `mounted` schedules the load and listens on the island's event: state
 * messages go to its IslandFeed (island-props.ts: props, streams, slots; kept from the
 * start, so nothing is lost before the code loads), commands to IslandCommands (queued until
 * the island is up); `updated` (the container was patched) looks for slots the view filled
 * or emptied; `destroyed` unmounts React; `disconnected`/`reconnected` tell the component,
 * and the rejoin's render brings the whole state again.
 */
import { ViewHook } from "phoenix_live_view";
import { islands } from "virtual:lagoon/islands";
import { commandEvent, islandKey, type IslandModule } from "../islands/contract.js";
import { isStateMessage } from "../islands/island-state.js";
import { IslandCommands } from "./island-commands.js";
import { IslandFeed } from "./island-props.js";
import type { MountedIsland } from "./island-root.js";
import { reportIslandError } from "./signals.js";

type Load = "eager" | "idle" | "visible";
const IDLE_TIMEOUT_MS = 2000;
const VISIBLE_MARGIN = "200px";

/** Calls `start` when `load` says; returns a cancel function. */
function schedule(el: HTMLElement, load: Load, start: () => void): () => void {
  if (load === "idle") {
    if (typeof requestIdleCallback === "function") {
      const handle = requestIdleCallback(start, { timeout: IDLE_TIMEOUT_MS });
      return () => cancelIdleCallback(handle);
    }
    const handle = setTimeout(start, 200);
    return () => clearTimeout(handle);
  }
  if (load === "visible" && typeof IntersectionObserver === "function") {
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          observer.disconnect();
          start();
        }
      },
      { rootMargin: VISIBLE_MARGIN },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }
  start();
  return () => {};
}

/**
 * What this hook uses of ViewHook. The package's bundled .d.ts files import each other
 * without extensions, which NodeNext resolution does not follow, so ViewHook types as any.
 */
interface ViewHookApi {
  readonly el: HTMLElement;
  handleEvent(event: string, callback: (payload: unknown) => void): unknown;
  pushEventTo(target: HTMLElement, event: string, payload: unknown): Promise<PromiseSettledResult<{ reply: unknown; ref: number }>[]>;
}
const Hook = ViewHook as abstract new (...args: never[]) => ViewHookApi;

export class IslandHook extends Hook {
  #island: MountedIsland | undefined;
  #commands: IslandCommands | undefined;
  #feed: IslandFeed | undefined;
  #cancel: () => void = () => {};
  #gone = false;
  #connected = true;

  mounted(): void {
    const el = this.el;
    const name = el.dataset.island ?? "";
    const key = islandKey(name);
    const loader = Object.hasOwn(islands, key) ? islands[key] : undefined;
    if (!loader) {
      console.error(`[lagoon] #${el.id}: no island "${name}" in the app's islands folder (${name}.tsx)`);
      return;
    }
    const commands = (this.#commands = new IslandCommands(`${name}#${el.id}`));
    const feed = (this.#feed = new IslandFeed(`island ${name}#${el.id}`, el, this.#connected, (e) =>
      reportIslandError(`${name}#${el.id}`, e),
    ));
    this.handleEvent(commandEvent(el.id), (value: unknown) => (isStateMessage(value) ? feed.receive(value) : commands.receive(value)));
    const load = (el.dataset.load ?? "eager") as Load;
    this.#cancel = schedule(el, load, () => {
      Promise.all([loader() as Promise<IslandModule>, import("./island-root.js")])
        .then(([mod, { mountIsland }]) => {
          if (this.#gone) return;
          this.#island = mountIsland(el, mod, (event, value) => this.#push(event, value), commands, feed);
        })
        .catch((error: unknown) => {
          console.error(`[lagoon] island ${name}#${el.id} failed to load:`, error);
          reportIslandError(`${name}#${el.id}`, error);
        });
    });
  }

  updated(): void {
    this.#feed?.refreshSlots(this.el);
  }

  destroyed(): void {
    this.#gone = true;
    this.#cancel();
    this.#island?.unmount();
    this.#island = undefined;
    this.#commands?.clear();
    this.#feed?.clear();
  }

  disconnected(): void {
    this.#connected = false;
    this.#feed?.setConnected(false);
  }

  reconnected(): void {
    this.#connected = true;
    this.#feed?.setConnected(true);
  }

  /** Pushes to the view, or to the live component the island sits in (as phx-target would). */
  async #push(event: string, value: unknown): Promise<unknown> {
    const [result] = await this.pushEventTo(this.el, event, value);
    if (!result) throw new Error("the island is not inside a live view");
    if (result.status === "rejected") throw result.reason;
    return result.value.reply;
  }
}
