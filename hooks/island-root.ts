/**
 * The React side of the island hook, loaded with the first island on a page (so React is
 * never part of the main bundle): it hydrates the server-rendered children with the state
 * they were rendered with, then renders the current one; new props are a store change of
 * the island's feed (island-props.ts), so the component keeps its React state. An island
 * without server HTML (client-only, or its server render threw: the root is marked
 * `data-island-fallback`) renders anew over its fallback. Failures stay in the island
 * (island-errors.ts).
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
import type { IslandFeed } from "./island-props.js";
import { reportHydration } from "./signals.js";

/** Renders its children; its layout effect runs once, at the first commit of the whole tree under it. */
function Committed({ onCommit, children }: { onCommit: () => void; children?: ReactNode }): ReactNode {
  useLayoutEffect(onCommit, []);
  return children;
}

export interface MountedIsland {
  unmount(): void;
}

export interface IslandWires {
  readonly push: Push;
  readonly commands: IslandCommands;
  /** The island's state (props, streams, slots, the connection), kept since the hook mounted. */
  readonly feed: IslandFeed;
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
  let root = el.querySelector<HTMLElement>(":scope > [data-island-frame] > [data-island-root]");
  if (!root) {
    root = document.createElement("div");
    root.setAttribute("data-island-root", "");
    (el.querySelector(":scope > [data-island-frame]") ?? el).append(root);
  }
  const { feed } = wires;
  if (!feed.ready) throw new IslandError(`${where}: not mounted, the server sent no props for it`, "invalid_props");
  const ssr = !root.hasAttribute("data-island-fallback") && feed.server !== undefined && root.hasChildNodes();
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
          id: el.id,
          store: feed,
          emit: islandEmit(contract, el.id, wires.push),
          on: (command, handler) => wires.commands.on(command, handler as (p: unknown) => void),
        }),
      ),
    ),
  );
  const thrown = (error: unknown, info: ErrorInfo) => fail("render", error, info.componentStack);
  const options: RootOptions = {
    // useId is unique per island: the server renders it with the same prefix (islands/ssr.ts)
    identifierPrefix: `${el.id}-`,
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

  return {
    unmount() {
      reactRoot.unmount();
      feed.clear();
      wires.commands.clear();
    },
  };
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message.split("\n")[0]! : String(error)).replace(/:$/, "");
}
