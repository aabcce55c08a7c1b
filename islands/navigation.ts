/**
 * Live navigation from an island, as the server's live links do it: over the live socket,
 * without a page load. `Link` renders the same anchor as a server template's live link
 * (`data-phx-link`), which the official client follows (and, like any link, still works
 * before the island's code has loaded); `useNavigation()` gives `navigate` and `patch` for
 * event handlers, through the island's hook.
 *
 *   <Link navigate="/posts">All posts</Link>          another live view (mounted anew)
 *   <Link patch="/posts?page=2" replace>Next</Link>   this live view (its handleParams runs)
 *   const { navigate } = useNavigation();  navigate(`/posts/${id}`);
 *
 * Browser-safe: island components import it through lagoon/islands/contract.
 */
import { createContext, createElement, useContext, type AnchorHTMLAttributes, type MouseEvent, type ReactElement } from "react";
import { checkHref, type Href, type Navigation } from "./href.js";

export { checkHref, type Href, type NavigateOptions, type Navigation } from "./href.js";

// outside a mounted island (the server render, a test): an ordinary page load
const pageLoad: Navigation = {
  navigate(to, opts) {
    const href = checkHref(to);
    if (typeof window === "undefined") throw new Error("navigate() runs in the browser only");
    if (opts?.replace) window.location.replace(href);
    else window.location.assign(href);
  },
  patch(to, opts) {
    pageLoad.navigate(to, opts);
  },
};

/** Provided by the island's hook (hooks/island-root.ts). */
export const NavigationContext = createContext<Navigation>(pageLoad);

/** `navigate` and `patch` for the island's event handlers. */
export function useNavigation(): Navigation {
  return useContext(NavigationContext);
}

type LinkTarget =
  | {
      /** To another live view of the live session, over the socket. */
      readonly navigate: Href;
      /** Within this live view (its handleParams runs). */
      readonly patch?: never;
      /** A plain link: a page load. */
      readonly href?: never;
    }
  | { readonly patch: Href; readonly navigate?: never; readonly href?: never }
  | { readonly href: string; readonly navigate?: never; readonly patch?: never };

/** What `Link` takes: one of `navigate`, `patch` or `href`, `replace`, and any anchor attribute. */
export type LinkProps = LinkTarget & {
  /** Replace the current history entry instead of pushing one; default false. */
  readonly replace?: boolean;
} & Omit<AnchorHTMLAttributes<HTMLAnchorElement>, "href">;

/**
 * An anchor the live socket follows: `navigate` to another live view, `patch` within this
 * one, or a plain `href` (a page load). An `onClick` that calls preventDefault() keeps the
 * link from being followed.
 */
export function Link({ navigate, patch, href, replace, onClick, ...rest }: LinkProps): ReactElement {
  const live = navigate ?? patch;
  const attrs =
    live === undefined
      ? { href }
      : {
          href: checkHref(live),
          "data-phx-link": navigate !== undefined ? "redirect" : "patch",
          "data-phx-link-state": replace ? "replace" : "push",
        };
  const clicked = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    // the client follows live links from a window listener, after React's: stop the event here
    if (e.defaultPrevented && live !== undefined) e.nativeEvent.stopImmediatePropagation();
  };
  return createElement("a", { ...rest, ...attrs, onClick: clicked });
}
