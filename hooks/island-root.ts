/**
 * The React side of the island hook, loaded with the first island on a page (so React is
 * never part of the main bundle): it hydrates the server-rendered children with the state
 * they were rendered with, then renders the current one; new props are a store change of
 * the island's feed (island-props.ts), so the component keeps its React state.
 */
import { createElement, useLayoutEffect, type ReactNode } from "react";
import { createRoot, hydrateRoot, type Root, type RootOptions } from "react-dom/client";
import type { IslandModule } from "../islands/contract.js";
import { islandElement } from "../islands/host.js";
import type { IslandCommands } from "./island-commands.js";
import { islandEmit, IslandError, type Push } from "./island-emit.js";
import type { IslandFeed } from "./island-props.js";
import { reportHydration, reportIslandError } from "./signals.js";

/** Renders its children; its layout effect runs once, at the first commit of the whole tree under it. */
function Committed({ onCommit, children }: { onCommit: () => void; children?: ReactNode }): ReactNode {
  useLayoutEffect(onCommit, []);
  return children;
}

export interface MountedIsland {
  unmount(): void;
}

export function mountIsland(el: HTMLElement, mod: IslandModule, push: Push, commands: IslandCommands, feed: IslandFeed): MountedIsland {
  const contract = mod.contract;
  const where = `island ${contract.name}#${el.id}`;
  let root = el.querySelector<HTMLElement>(":scope > [data-island-root]");
  if (!root) {
    root = document.createElement("div");
    root.setAttribute("data-island-root", "");
    el.append(root);
  }
  if (!feed.ready) throw new IslandError(`${where}: not mounted, the server sent no props for it`, "invalid_props");
  const ssr = feed.server !== undefined && root.hasChildNodes();
  commands.use(contract);
  const started = performance.now();
  const element = createElement(
    Committed,
    { onCommit: () => reportHydration(contract.name, performance.now() - started) },
    islandElement(mod, {
      id: el.id,
      store: feed,
      emit: islandEmit(contract, el.id, push),
      on: (command, handler) => commands.on(command, handler as (p: unknown) => void),
    }),
  );
  // errors React could not recover from, and hydration mismatches, are the island's: say so
  const failed = (error: unknown) => {
    console.error(`[lagoon] ${where}:`, error);
    reportIslandError(`${contract.name}#${el.id}`, error);
  };
  // useId is unique per island: the server renders it with the same prefix
  const options: RootOptions = { onUncaughtError: failed, onRecoverableError: failed, identifierPrefix: `${el.id}-` };
  let reactRoot: Root;
  if (ssr) {
    reactRoot = hydrateRoot(root, element, options);
  } else {
    // nothing (usable) from the server: render from scratch
    root.replaceChildren();
    reactRoot = createRoot(root, options);
    reactRoot.render(element);
  }

  return {
    unmount() {
      reactRoot.unmount();
      feed.clear();
      commands.clear();
    },
  };
}
