/**
 * The Island hook (phx-hook="Island", rendered by islands/render.ts): one hook for every
 * island. It stays small and React-free, so a page without islands never loads React: the
 * island's module (its own chunk) and the React side (island-root.ts) are imported when the
 * island's `data-load` says so (island-load.ts): at once, when the browser is idle, when the
 * container comes near the viewport, while a media query matches, or on the first
 * interaction (replayed once the island is up).
 *
 * Lifecycle: `mounted` schedules the load and listens on the island's event: state
 * messages go to its IslandFeed (island-props.ts: props, streams, slots; kept from the
 * start, so nothing is lost before the code loads), commands to IslandCommands (queued until
 * the island is up); `updated` (the container was patched) looks for slots the view filled
 * or emptied; `destroyed` unmounts React; `disconnected`/`reconnected` tell the component,
 * and the rejoin's render brings the whole state again. An island that cannot load is
 * reported (phase "load") and keeps its server HTML.
 */
import { ViewHook } from "phoenix_live_view";
import { islands } from "virtual:lagoon/islands";
import { commandEvent, islandKey, type IslandModule } from "../islands/contract.js";
import { checkHref, type Navigation } from "../islands/href.js";
import { isStateMessage } from "../islands/island-state.js";
import { IslandCommands } from "./island-commands.js";
import { islandFailure } from "./island-errors.js";
import { scheduleLoad, type Scheduled } from "./island-load.js";
import { IslandFeed } from "./island-props.js";
import type { MountedIsland } from "./island-root.js";

/**
 * What this hook uses of ViewHook. The package's bundled .d.ts files import each other
 * without extensions, which NodeNext resolution does not follow, so ViewHook types as any.
 */
interface ViewHookApi {
  readonly el: HTMLElement;
  js(): { navigate(href: string, opts?: { replace?: boolean }): void; patch(href: string, opts?: { replace?: boolean }): void };
  handleEvent(event: string, callback: (payload: unknown) => void): unknown;
  pushEventTo(target: HTMLElement, event: string, payload: unknown): Promise<PromiseSettledResult<{ reply: unknown; ref: number }>[]>;
}
const Hook = ViewHook as abstract new (...args: never[]) => ViewHookApi;

export class IslandHook extends Hook {
  #island: MountedIsland | undefined;
  #commands: IslandCommands | undefined;
  #feed: IslandFeed | undefined;
  #scheduled: Scheduled | undefined;
  #gone = false;
  #connected = true;

  mounted(): void {
    const el = this.el;
    const name = el.dataset.island ?? "";
    const key = islandKey(name);
    const loader = Object.hasOwn(islands, key) ? islands[key] : undefined;
    if (!loader) {
      islandFailure(`${name}#${el.id}`)("load", new Error(`no island "${name}" in the app's islands folder (${name}.tsx)`));
      return;
    }
    const commands = (this.#commands = new IslandCommands(`${name}#${el.id}`));
    const feed = (this.#feed = new IslandFeed(el, this.#connected, (e) => islandFailure(`${name}#${el.id}`)("load", e)));
    this.handleEvent(commandEvent(el.id), (value: unknown) => (isStateMessage(value) ? feed.receive(value) : commands.receive(value)));
    this.#scheduled = scheduleLoad(el, () => {
      Promise.all([loader() as Promise<IslandModule>, import("./island-root.js")])
        .then(([mod, { mountIsland }]) => {
          if (this.#gone) return;
          this.#island = mountIsland(el, mod, {
            push: (event, value) => this.#push(event, value),
            commands,
            feed,
            navigation: this.#navigation(),
            // what woke an island loaded on interaction reaches it once React has committed
            onReady: () => setTimeout(() => this.#scheduled?.replay(el)),
          });
        })
        .catch((error: unknown) => islandFailure(`${name}#${el.id}`)("load", error));
    });
  }

  updated(): void {
    this.#feed?.refreshSlots(this.el);
  }

  destroyed(): void {
    this.#gone = true;
    this.#scheduled?.cancel();
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

  /** Live navigation through the official client, as its own live links do. */
  #navigation(): Navigation {
    return {
      navigate: (to, opts) => this.js().navigate(checkHref(to), { replace: !!opts?.replace }),
      patch: (to, opts) => this.js().patch(checkHref(to), { replace: !!opts?.replace }),
    };
  }

  /** Pushes to the view, or to the live component the island sits in (as phx-target would). */
  async #push(event: string, value: unknown): Promise<unknown> {
    const [result] = await this.pushEventTo(this.el, event, value);
    if (!result) throw new Error("the island is not inside a live view");
    if (result.status === "rejected") throw result.reason;
    return result.value.reply;
  }
}
