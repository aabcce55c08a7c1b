/**
 * The React side of the island hook, loaded with the first island on a page (so React is
 * never part of the main bundle): it hydrates the server-rendered children with the props
 * they were rendered with, then renders the current ones; new props are a store change,
 * so the component keeps its React state.
 */
import { createElement, useLayoutEffect, type ReactNode } from "react";
import { createRoot, hydrateRoot, type Root, type RootOptions } from "react-dom/client";
import type { IslandModule } from "../islands/contract.js";
import { islandElement } from "../islands/host.js";
import type { IslandCommands } from "./island-commands.js";
import { islandEmit, IslandError, type Push } from "./island-emit.js";
import { PropsStore, readProps } from "./island-store.js";
import { reportHydration, reportIslandError } from "./signals.js";

/** Renders its children; its layout effect runs once, at the first commit of the whole tree under it. */
function Committed({ onCommit, children }: { onCommit: () => void; children?: ReactNode }): ReactNode {
  useLayoutEffect(onCommit, []);
  return children;
}

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
  const started = performance.now();
  const element = createElement(
    Committed,
    { onCommit: () => reportHydration(contract.name, performance.now() - started) },
    islandElement(mod, {
      store,
      emit: islandEmit(contract, el.id, push),
      on: (command, handler) => commands.on(command, handler as (p: unknown) => void),
    }),
  );
  // errors React could not recover from, and hydration mismatches, are the island's: say so
  const failed = (error: unknown) => {
    console.error(`[lagoon] ${where}:`, error);
    reportIslandError(`${contract.name}#${el.id}`, error);
  };
  const options: RootOptions = { onUncaughtError: failed, onRecoverableError: failed };
  let reactRoot: Root;
  if (ssr) {
    reactRoot = hydrateRoot(root, element, options);
  } else {
    // nothing (usable) from the server: render from scratch
    root.replaceChildren();
    reactRoot = createRoot(root, options);
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
