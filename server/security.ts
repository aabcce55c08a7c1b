/**
 * Safe defaults for every response, through Hono's secureHeaders: a Content Security
 * Policy (scripts from this origin, or inline ones carrying the request's nonce; the live
 * socket and Vite's HMR on this origin; no framing by other sites), nosniff, a referrer
 * policy, and no caching of HTML pages, which carry the session's CSRF token.
 *
 * `createLagoon({ securityHeaders })` replaces the defaults (Hono's options), or turns
 * them off with `false`.
 */
import type { Context, MiddlewareHandler } from "hono";
import { secureHeaders, type SecureHeadersVariables } from "hono/secure-headers";
import { randomId } from "../shell/random.js";

/** createLagoon's `securityHeaders`: Hono's secureHeaders options, which replace the defaults. */
export type SecurityHeadersOptions = NonNullable<Parameters<typeof secureHeaders>[0]>;

/**
 * Hono's NONCE (the request's `secureHeadersNonce`, made on first use), drawn from
 * Lagoon's pool of random bytes: Hono's asks Web Crypto for 16 bytes on every page, and
 * that call cost more than the rest of the headers.
 */
function nonce(c: Context): string {
  let value = c.get("secureHeadersNonce") as string | undefined;
  if (value === undefined) c.set("secureHeadersNonce", (value = randomId(16)));
  return `'nonce-${value}'`;
}

/** Lagoon's default headers; spread them to change one: `{ ...DEFAULT_SECURITY_HEADERS, xFrameOptions: "DENY" }`. */
export const DEFAULT_SECURITY_HEADERS: SecurityHeadersOptions = {
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'", nonce],
    // islands and components set style attributes; Vite injects <style> in development
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", "data:", "blob:"],
    fontSrc: ["'self'", "data:"],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'self'"],
  },
  xFrameOptions: "SAMEORIGIN",
  referrerPolicy: "strict-origin-when-cross-origin",
  xContentTypeOptions: "nosniff",
  // the pages embed their session's CSRF token; nothing else to isolate by default
  crossOriginEmbedderPolicy: false,
};

export type SecurityEnv = { Variables: SecureHeadersVariables };

export function securityHeaders(opts: SecurityHeadersOptions = DEFAULT_SECURITY_HEADERS): MiddlewareHandler<SecurityEnv> {
  // a handler's own header wins (a download's sandbox CSP, say): Lagoon's fill in the rest
  const headers = secureHeaders({ overwrite: false, ...opts });
  return async (c, next) => {
    await headers(c, next);
    // on the response's headers, as secureHeaders sets its own: c.header() on a finished
    // response rebuilds it, turning @hono/node-server's lightweight response (written
    // straight to the socket) into a full Fetch Response, a fifth of a page's render
    if (c.res.headers.get("content-type")?.startsWith("text/html")) c.res.headers.set("Cache-Control", "private, no-store");
  };
}
