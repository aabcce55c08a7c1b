/**
 * Slots: live HTML from the view inside a React island. The view's slot templates are
 * rendered by the live view, beside React's root, in `<template data-phx-portal>` elements:
 * the official client teleports each one's content into the first element its selector
 * finds and patches it there on every diff (phx-click, live components, streams and hooks
 * all work, as in any portal). The selector names the island's placeholder for the slot,
 * which React renders (IslandSlot) and never touches inside, and falls back to a hidden
 * park outside React's root while React has not rendered it (the code not loaded yet, or
 * the component not showing the slot now). IslandSlot moves the content in when it mounts
 * and back to the park when it unmounts, so the content is never lost with React's DOM.
 *
 * Shared by the server render and the browser: the placeholder is one element in both;
 * the ids and selectors are in slot-markup.ts.
 */
import { createElement, useLayoutEffect, useRef, type ReactNode } from "react";
import { parkId, slotContentId } from "./slot-markup.js";

const NO_HTML = { __html: "" };

function move(content: Element, into: Element): void {
  // an atomic move keeps focus and state inside the content where the browser can (Chrome 133+)
  const target = into as Element & { moveBefore?: (node: Node, child: Node | null) => void };
  try {
    if (typeof target.moveBefore === "function") return target.moveBefore(content, null);
  } catch {
    // not movable atomically (e.g. from a detached subtree): append below
  }
  into.append(content);
}

/**
 * A slot's placeholder. `html` is the content's HTML on the server in the HTTP render (the
 * page shows it before any script runs), and empty otherwise; React keeps whatever the
 * placeholder holds (dangerouslySetInnerHTML, constant), so hydration leaves it alone.
 */
export function IslandSlot({ island, slot, html }: { island: string; slot: string; html: string }): ReactNode {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const placeholder = ref.current!;
    const content = document.getElementById(slotContentId(island, slot));
    if (content && content.parentElement !== placeholder) move(content, placeholder);
    return () => {
      const current = document.getElementById(slotContentId(island, slot)) ?? content;
      const park = document.getElementById(parkId(island));
      if (current && park && placeholder.contains(current)) move(current, park);
    };
  }, [island, slot]);
  return createElement("div", {
    ref,
    "data-island-slot": `${island}:${slot}`,
    style: { display: "contents" },
    suppressHydrationWarning: true,
    dangerouslySetInnerHTML: html ? { __html: html } : NO_HTML,
  });
}
