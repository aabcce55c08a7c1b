/**
 * What live navigation takes (navigation.ts), without React: the island hook
 * (hooks/island.ts) checks paths with it before the official client follows them.
 */

/** A path on this site (live navigation never leaves it): "/posts", "/posts?page=2". */
export type Href = `/${string}`;

/** How `navigate` and `patch` change the browser's history. */
export interface NavigateOptions {
  /** Replace the current history entry instead of pushing one. */
  readonly replace?: boolean;
}

/** Live navigation from an island's code (`useNavigation()`). */
export interface Navigation {
  /** To another live view of the live session: the socket mounts it, no page load (across sessions: a page load). */
  navigate(to: Href, opts?: NavigateOptions): void;
  /** Within the page's live view: its handleParams runs with the new URL. */
  patch(to: Href, opts?: NavigateOptions): void;
}

/** Refuses what is not a path on this site, as the official client does. */
export function checkHref(to: unknown): Href {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) {
    throw new TypeError(`live navigation goes to a path on this site ("/..."), not ${JSON.stringify(to)}`);
  }
  return to as Href;
}
