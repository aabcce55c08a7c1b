/**
 * Where a view may send the browser. `redirect`, `pushNavigate` and `pushPatch` check their
 * target here, in the handler that called them, so an unsafe URL throws there (the view
 * crashes, as for any bug) and never reaches the client:
 *
 * - relative URLs only (`/path?q`, `?q`, `#x`), or absolute `http(s)` ones;
 * - an absolute URL on another origin only through `redirect(url, { external: true })`;
 * - `pushNavigate` and `pushPatch` only to paths of this origin;
 * - no `javascript:`, `data:` or other schemes, no protocol-relative `//host`, no
 *   backslashes (browsers read `/\host` as `//host`), no control characters or spaces
 *   (browsers drop tabs and newlines inside URLs, turning `/\t/host` into `//host`).
 */
import { LagoonError } from "./errors.js";

export type NavigationKind = "redirect" | "navigate" | "patch";

/** A refused navigation target; its message names the URL and the rule. */
export class UnsafeUrlError extends LagoonError {
  readonly url: string;
  constructor(url: string, why: string) {
    super("unsafe_url", `${JSON.stringify(url.slice(0, 200))}: ${why}`);
    this.name = "UnsafeUrlError";
    this.url = url;
  }
}

// C0 controls, space, DEL and the backslash: none belongs in a URL a view sends
const FORBIDDEN = /[\u0000-\u0020\u007f\\]/;
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;
const CALLER: Record<NavigationKind, string> = { redirect: "redirect", navigate: "pushNavigate", patch: "pushPatch" };

/**
 * Checks a navigation target against `current` (the view's URL) and returns it unchanged.
 * Throws UnsafeUrlError when it breaks a rule above.
 */
export function checkNavigation(kind: NavigationKind, to: unknown, current: URL, external = false): string {
  const where = CALLER[kind];
  if (typeof to !== "string" || to.length === 0) throw new UnsafeUrlError(String(to), `${where} needs a non-empty URL string`);
  if (to.length > 2048) throw new UnsafeUrlError(to, `${where}: the URL is longer than 2048 characters`);
  if (FORBIDDEN.test(to)) throw new UnsafeUrlError(to, `${where}: control characters, spaces and backslashes are not allowed in URLs`);
  if (to.startsWith("//"))
    throw new UnsafeUrlError(to, `${where}: protocol-relative URLs would leave the site; pass an absolute https URL`);
  if (!SCHEME.test(to)) {
    if (external) throw new UnsafeUrlError(to, `${where}: { external: true } needs an absolute http(s) URL`);
    return to;
  }
  let url: URL;
  try {
    url = new URL(to);
  } catch {
    throw new UnsafeUrlError(to, `${where}: not a valid URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new UnsafeUrlError(to, `${where}: only http and https URLs are allowed, not ${url.protocol}`);
  }
  if (url.origin === current.origin && !external) return to;
  if (kind !== "redirect")
    throw new UnsafeUrlError(to, `${where} stays on this site: pass a path, or use redirect(url, { external: true })`);
  if (!external) throw new UnsafeUrlError(to, `redirect to another site must say so: redirect(url, { external: true })`);
  return to;
}

/**
 * `value` as a path of this site to send the browser to (a `return_to` parameter, say),
 * or null when it is not one: it must start with a single "/", hold no control
 * characters, spaces or backslashes, and stay on the same origin once parsed.
 */
export function localPath(value: unknown): string | null {
  if (typeof value !== "string" || value.length === 0 || value.length > 2048) return null;
  if (!value.startsWith("/") || value.startsWith("//") || FORBIDDEN.test(value)) return null;
  try {
    const url = new URL(value, "http://lagoon.invalid");
    return url.origin === "http://lagoon.invalid" ? url.pathname + url.search + url.hash : null;
  } catch {
    return null;
  }
}
