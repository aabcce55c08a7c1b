/**
 * Safe defaults for every response, through Hono's secureHeaders: a Content Security
 * Policy (scripts from this origin, or inline ones carrying the request's nonce; the live
 * socket and Vite's HMR on this origin; no framing by other sites), nosniff, a referrer
 * policy, and no caching of HTML pages, which carry the session's CSRF token.
 *
 * `createLagoon({ securityHeaders })` replaces the defaults (Hono's options), or turns
 * them off with `false`.
 *
 * The headers are what Hono's middleware sets for these options, worked out once by running
 * it. Setting them on a finished response would make it a Fetch Response whose Headers
 * validate every name and value again (the policy's long value a character at a time), so
 * Lagoon's own pages take them as a plain record (`takeSecurityHeaders`) and build their
 * response in one go, and other responses served by @hono/node-server get them on Node's
 * response. Options with per-request callbacks other than the nonce, and responses served
 * another way (`app.request`, other adapters), keep Hono's path.
 */
import type { ServerResponse } from "node:http";
import { Hono, type Context, type MiddlewareHandler } from "hono";
import { NONCE, secureHeaders, type SecureHeadersVariables } from "hono/secure-headers";
import { randomId } from "../shell/random.js";
import { editHeaders } from "./edit-headers.js";

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

/** The headers for a set of options: each value split where the request's nonce goes. */
interface FixedHeaders {
  readonly pairs: readonly (readonly [name: string, parts: readonly string[]])[];
  readonly nonce: boolean;
}

/** Requests whose headers are not set yet: a page may still take them. */
const untaken = new WeakMap<Context, FixedHeaders>();

/**
 * `headers` (a plain record) with the request's security headers added, for a response
 * that sets them itself; `undefined` when the middleware is off, has set them already, or
 * its options have per-request callbacks. Once taken, the middleware leaves the response
 * alone.
 */
export function takeSecurityHeaders(c: Context, headers: Record<string, string>): Record<string, string> | undefined {
  const fixed = untaken.get(c);
  if (!fixed) return undefined;
  untaken.delete(c);
  const nonce = c.get("secureHeadersNonce") as string | undefined;
  for (const [name, parts] of fixed.pairs) headers[name] = withNonce(parts, nonce);
  return headers;
}

export function securityHeaders(opts: SecurityHeadersOptions = DEFAULT_SECURITY_HEADERS): MiddlewareHandler<SecurityEnv> {
  // a handler's own header wins (a download's sandbox CSP, say): Lagoon's fill in the rest
  const options: SecurityHeadersOptions = { overwrite: false, ...opts };
  const hono = secureHeaders(options);
  const probing = perRequestCallbacks(options) ? undefined : fixedHeaders(options);
  let fixed: FixedHeaders | undefined;
  return async (c, next) => {
    if (!probing) {
      await hono(c, next);
      noStoreForPages(c);
      return;
    }
    fixed ??= await probing;
    if (fixed.nonce) c.set("secureHeadersNonce", randomId(16));
    untaken.set(c, fixed);
    await next();
    if (!untaken.delete(c)) return;
    const outgoing = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;
    if (outgoing && !outgoing.headersSent) {
      // served by @hono/node-server: the headers go on Node's response, under those the
      // handler's response carries (Node lets writeHead's override them), so the response
      // stays as it was made, and Fetch Headers validate none of these long values again
      const nonce = c.get("secureHeadersNonce") as string | undefined;
      for (const [name, parts] of fixed.pairs) outgoing.setHeader(name, withNonce(parts, nonce));
      if (options.removePoweredBy !== false && c.res.headers.has("X-Powered-By")) editHeaders(c, (h) => h.delete("X-Powered-By"));
    } else {
      // Hono's own middleware, after the handler: every header the response lacks, the
      // request's nonce (set above) in its policy
      await hono(c, async () => {});
    }
    noStoreForPages(c);
  };
}

/** A header's value with the request's nonce where it goes. */
function withNonce(parts: readonly string[], nonce: string | undefined): string {
  return parts.length === 1 ? parts[0]! : parts.join(nonce ?? "");
}

function noStoreForPages(c: Context): void {
  // on the response's headers, as secureHeaders sets its own: c.header() on a finished
  // response rebuilds it, turning @hono/node-server's lightweight response (written
  // straight to the socket) into a full Fetch Response
  if (c.res.headers.get("content-type")?.startsWith("text/html")) editHeaders(c, (h) => h.set("Cache-Control", "private, no-store"));
}

/** Whether a policy directive is computed per request by anything but the nonce. */
function perRequestCallbacks(options: SecurityHeadersOptions): boolean {
  for (const policy of [options.contentSecurityPolicy, options.contentSecurityPolicyReportOnly]) {
    for (const value of Object.values(policy ?? {})) {
      for (const item of Array.isArray(value) ? value : [value]) {
        if (typeof item === "function" && item !== nonce && item !== NONCE) return true;
      }
    }
  }
  return false;
}

/** What Hono's middleware sets for `options`, with a marker where the nonce goes. */
async function fixedHeaders(options: SecurityHeadersOptions): Promise<FixedHeaders> {
  const marker = `lagoon${randomId(12).replace(/[^A-Za-z0-9]/g, "")}nonce`;
  const probe = new Hono<SecurityEnv>();
  probe.use(async (c, next) => {
    c.set("secureHeadersNonce", marker);
    await next();
  });
  probe.use(secureHeaders({ ...options, removePoweredBy: false }));
  probe.get("/", (c) => c.body(null, 204));
  const res = await probe.request("/");
  let hasNonce = false;
  const pairs = [...res.headers].map(([name, value]) => {
    const parts = value.split(marker);
    if (parts.length > 1) hasNonce = true;
    return [name, parts] as const;
  });
  return { pairs, nonce: hasNonce };
}
