/**
 * An island's failures in the browser stay in the island (a render that throws is caught by
 * island-boundary.ts). Every failure is logged with the island's `Name#id` and the phase it
 * failed in, and reported over the browser signals channel (signals.ts), which makes it an
 * `island_error` span on the server (/metrics, the dashboard). React-free: the hook reports
 * islands that could not load with it.
 *
 * A hydration mismatch (React rendered the island anew) names the island and the first
 * text that differs between the server's HTML and the browser's.
 */
import { reportIslandError, type IslandErrorPhase } from "./signals.js";

export type IslandFailure = (phase: IslandErrorPhase, error: unknown, componentStack?: string) => void;

/** Logs and reports a failure of the island `where` ("Name#id"). */
export function islandFailure(where: string): IslandFailure {
  return (phase, error, componentStack) => {
    console.error(`[lagoon] island ${where} failed (${phase}):`, error, ...(componentStack ? [componentStack] : []));
    reportIslandError(where, error, phase);
  };
}

/** How the browser's text differs from the server's: the first difference, with a little context. */
export function textDifference(server: string, browser: string): string | undefined {
  if (server === browser) return undefined;
  let i = 0;
  while (i < server.length && i < browser.length && server[i] === browser[i]) i++;
  const from = Math.max(0, i - 20);
  const cut = (s: string) => JSON.stringify(`${from > 0 ? "…" : ""}${s.slice(from, i + 40)}${s.length > i + 40 ? "…" : ""}`);
  return `the server rendered ${cut(server)}, the browser ${cut(browser)}`;
}
