/**
 * The React side of the island hook, loaded with the first island on a page (so React is
 * never part of the main bundle): it hydrates the server-rendered children with the props
 * they were rendered with, then renders the current ones; new props are a store change,
 * so the component keeps its React state. An island without server HTML (client-only, or
 * its server render threw: the root is marked `data-island-fallback`) renders anew over
 * its fallback. Failures stay in the island (island-errors.ts).
 */
import { createElement, useLayoutEffect, type ReactNode } from "react";
import { createRoot, hydrateRoot, type ErrorInfo, type Root, type RootOptions } from "react-dom/client";
import type { IslandModule } from "../islands/contract.js";
import { islandElement } from "../islands/host.js";
import { NavigationContext, type Navigation } from "../islands/navigation.js";
import type { IslandCommands } from "./island-commands.js";
import { islandEmit, IslandError, type Push } from "./island-emit.js";
import { IslandBoundary } from "./island-boundary.js";
import { islandFailure, textDifference } from "./island-errors.js";
import { PropsStore, readProps } from "./island-store.js";
import { reportHydration } from "./signals.js";

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

export interface IslandWires {
  readonly push: Push;
  readonly commands: IslandCommands;
  readonly connected: boolean;
  /** Live navigation through the island's hook (the live socket, no page load). */
  readonly navigation: Navigation;
  /** The island is up: its first commit is done (hydrated, or rendered anew). */
  readonly onReady: () => void;
}

export function mountIsland(el: HTMLElement, mod: IslandModule, wires: IslandWires): MountedIsland {
  const { contract } = mod;
  const name = `${contract.name}#${el.id}`;
  const where = `island ${name}`;
  const fail = islandFailure(name);
  let root = el.querySelector<HTMLElement>(":scope > [data-island-root]");
  if (!root) {
    root = document.createElement("div");
    root.setAttribute("data-island-root", "");
    el.append(root);
  }
  const initial = readProps(contract, where, el.dataset.props);
  if (!initial) throw new IslandError(`${where}: not mounted, its props are unusable`, "invalid_props");
  const rendered = !root.hasAttribute("data-island-fallback") && root.hasAttribute("data-ssr-props") && root.hasChildNodes();
  const ssr = rendered ? readProps(contract, where, root.getAttribute("data-ssr-props")) : undefined;
  const store = new PropsStore(
    { props: initial.props, connected: wires.connected },
    ssr ? { props: ssr.props, connected: false } : undefined,
  );
  wires.commands.use(contract);
  const serverText = ssr ? (root.textContent ?? "") : undefined;
  let failed = false;
  const started = performance.now();
  const element = createElement(
    Committed,
    {
      onCommit: () => {
        reportHydration(contract.name, performance.now() - started);
        if (!failed) root.removeAttribute("data-island-error");
        wires.onReady();
      },
    },
    createElement(
      IslandBoundary,
      { root, onFailed: () => (failed = true) },
      createElement(
        NavigationContext.Provider,
        { value: wires.navigation },
        islandElement(mod, {
          store,
          emit: islandEmit(contract, el.id, wires.push),
          on: (command, handler) => wires.commands.on(command, handler as (p: unknown) => void),
        }),
      ),
    ),
  );
  const thrown = (error: unknown, info: ErrorInfo) => fail("render", error, info.componentStack);
  const options: RootOptions = {
    onCaughtError: thrown,
    onUncaughtError: thrown,
    // React recovered by rendering anew: a hydration mismatch, say where and what
    onRecoverableError(error, info) {
      const difference = serverText === undefined ? undefined : textDifference(serverText, root.textContent ?? "");
      fail("hydration", difference ? new Error(`${messageOf(error)}: ${difference}`) : error, info.componentStack);
    },
  };
  let reactRoot: Root;
  if (ssr) {
    reactRoot = hydrateRoot(root, element, options);
  } else {
    // nothing (usable) from the server: render anew; React clears the fallback as it commits
    // (so a render that throws still finds it, and keeps it)
    root.removeAttribute("data-island-fallback");
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
      wires.commands.clear();
    },
  };
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message.split("\n")[0]! : String(error)).replace(/:$/, "");
}
