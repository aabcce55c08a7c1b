/**
 * Links the client follows without a page load: `navigate` mounts another view of the
 * live session over the same connection (a page load when it is in another one), `patch`
 * changes this view's URL (its handleParams runs), `href` is a plain link. The markup is
 * what the client's link handler reads: `data-phx-link="redirect" | "patch"` and
 * `data-phx-link-state="push" | "replace"`.
 */
import { html, TemplateError, type Attrs, type Template } from "../shell/index.js";
import { passThrough, type PassThrough } from "./rest.js";

/** Where a link goes: `navigate`, `patch` or `href` (the first given, in that order). */
export interface LinkTarget {
  /** A path of this site, mounted as a new view. */
  navigate?: string;
  /** A path of this site, handled by this view's handleParams. */
  patch?: string;
  /** Any URL, loaded normally (script schemes are blocked). */
  href?: string;
  /** Replace the history entry instead of pushing one. */
  replace?: boolean;
}

/** Props of `link`. */
export interface LinkProps extends PassThrough, LinkTarget {
  /** The page this link points to is the one shown: aria-current="page". */
  current?: boolean;
}

// what urls.ts allows pushNavigate/pushPatch: a path of this site, no controls, spaces or backslashes
const SITE_PATH = /^\/(?!\/)[^\u0000-\u0020\u007f\\]*$/;

function sitePath(kind: string, to: string): string {
  if (typeof to !== "string" || !SITE_PATH.test(to))
    throw new TemplateError(`link: ${kind} takes a path of this site, not ${JSON.stringify(String(to))}`);
  return to;
}

/** The href and data-phx-link attributes of a link target, or null when it has none. */
export function linkAttrs(target: LinkTarget): Record<string, string> | null {
  const state = target.replace ? "replace" : "push";
  if (target.navigate !== undefined)
    return { href: sitePath("navigate", target.navigate), "data-phx-link": "redirect", "data-phx-link-state": state };
  if (target.patch !== undefined) return { href: sitePath("patch", target.patch), "data-phx-link": "patch", "data-phx-link-state": state };
  if (target.href !== undefined) return { href: target.href };
  return null;
}

/** A link the client follows live (`navigate`, `patch`), or a plain one (`href`). */
export function link(props: LinkProps, content: unknown): Template {
  const key = plainKey(props);
  let attributes = key === undefined ? undefined : plain.get(key);
  if (!attributes) {
    const target: Record<string, string | null> | null = linkAttrs(props);
    if (!target) throw new TemplateError("link: pass navigate, patch or href");
    target["aria-current"] = props.current ? "page" : null;
    attributes = passThrough(props, target, [], LINK_PROPS);
    if (key !== undefined && plain.size < PLAIN_MAX) plain.set(key, attributes);
  }
  return html`<a ${attributes}>${content}</a>`;
}

const LINK_PROPS: ReadonlySet<string> = new Set(["navigate", "patch", "href", "replace", "current"]);

// A link with none but its own props renders the same attributes for the same target,
// and the same few render on every page (a layout's nav): made once, by target. Bounded,
// as a target may come from data; past the bound links are rendered each time.
const plain = new Map<string, Attrs>();
const PLAIN_MAX = 1024;

function plainKey(props: LinkProps): string | undefined {
  for (const name in props) if (!LINK_PROPS.has(name)) return undefined;
  // the target linkAttrs takes (the first given), after three letters of fixed meaning
  const [kind, to] =
    props.navigate !== undefined ? ["n", props.navigate] : props.patch !== undefined ? ["p", props.patch] : ["h", props.href];
  if (typeof to !== "string") return undefined;
  return `${props.replace ? "r" : "-"}${props.current ? "c" : "-"}${kind}${to}`;
}
