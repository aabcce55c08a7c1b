/**
 * The React side of the island hook, loaded with the first island on a page (so React is
 * never part of the main bundle): it hydrates the server-rendered children with the props
 * they were rendered with, then renders the current ones; new props are a store change,
 * so the component keeps its React state.
 */
import { createRoot, hydrateRoot, type Root } from "react-dom/client";
import type { IslandModule } from "../islands/contract.js";
import { islandElement } from "../islands/host.js";
import type { IslandCommands } from "./island-commands.js";
import { islandEmit, IslandError, type Push } from "./island-emit.js";
import { PropsStore, readProps } from "./island-store.js";

export interface MountedIsland {
  /** The container's data-props changed. */
  update(): void;
  setConnected(connected: boolean): void;
  unmount(): void;
}

export function mountIsland(el: HTMLElement, mod: IslandModule, push: Push, commands: IslandCommands, connected: boolean): MountedIsland {
  const contract = mod.contract;
  const where = `island ${contract.name}#${el.id}`;
  let root = el.querySelector<HTMLElement>(":scope > [data-island-root]");
  if (!root) {
    root = document.createElement("div");
    root.setAttribute("data-island-root", "");
    el.append(root);
  }
  const initial = readProps(contract, where, el.dataset.props);
  if (!initial) throw new IslandError(`${where}: not mounted, its props are unusable`, "invalid_props");
  const ssr =
    root.hasAttribute("data-ssr-props") && root.hasChildNodes()
      ? readProps(contract, where, root.getAttribute("data-ssr-props"))
      : undefined;
  const store = new PropsStore({ props: initial.props, connected }, ssr ? { props: ssr.props, connected: false } : undefined);
  commands.use(contract);
  const element = islandElement(mod, {
    store,
    emit: islandEmit(contract, el.id, push),
    on: (command, handler) => commands.on(command, handler as (p: unknown) => void),
  });
  let reactRoot: Root;
  if (ssr) {
    reactRoot = hydrateRoot(root, element);
  } else {
    // nothing (usable) from the server: render from scratch
    root.replaceChildren();
    reactRoot = createRoot(root);
    reactRoot.render(element);
  }
  root.removeAttribute("data-ssr-props");

  return {
    update() {
      const next = readProps(contract, where, el.dataset.props);
      if (next) store.set({ props: next.props });
    },
    setConnected(value) {
      store.set({ connected: value });
    },
    unmount() {
      reactRoot.unmount();
      store.clear();
      commands.clear();
    },
  };
}
