/**
 * The view whose page is being rendered right now, for what a template renders without a
 * socket at hand: islands/ssr.ts reports an island's failed server render to that view's
 * telemetry. Rendering is synchronous (a template, its diff or HTML, the live components
 * it placed), so one slot, set around it and restored after, is enough.
 */
import type { SpanObserver } from "./spans.js";

export interface RenderScope {
  readonly view: string;
  readonly route: string;
  /** The view's DOM id. */
  readonly id: string;
  readonly connected: boolean;
  readonly spans: SpanObserver | undefined;
}

let current: RenderScope | undefined;

/** The view rendering now, if any. */
export function renderScope(): RenderScope | undefined {
  return current;
}

/** Runs the synchronous `render` with `scope` as the view rendering. */
export function inRenderScope<T>(scope: RenderScope, render: () => T): T {
  const outer = current;
  current = scope;
  try {
    return render();
  } finally {
    current = outer;
  }
}
