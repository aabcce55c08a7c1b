/**
 * What a view's page holds of its islands, for the join (`_islands` join param): for each
 * island container, the digest of the state the HTTP render left in it, or "" once the hook
 * took that state (a rejoin: the island's HTML is there, its state the server cannot know).
 * The server then renders no island HTML the page has, and sends no state it holds.
 */
const MAX = 1000;

export function islandClaims(view: Element): Record<string, string> {
  const claims: Record<string, string> = {};
  let n = 0;
  for (const el of view.querySelectorAll<HTMLElement>("[data-island][phx-hook]")) {
    if (!el.id || n++ >= MAX) continue;
    const script = el.querySelector(":scope > [data-island-frame] > [data-island-root] > script[data-island-state]");
    claims[el.id] = script?.getAttribute("data-island-state") ?? "";
  }
  return claims;
}
