/**
 * A Lagoon page's HTML response, built in one go: content type, no caching (the page
 * carries its session's CSRF token), the security headers and the session's cookies in
 * one plain record. @hono/node-server writes such a response straight to the socket;
 * setting headers on it afterwards would make it a Fetch Response whose Headers validate
 * each one again. Without the security middleware's record (turned off, or per-request
 * options) the page goes through Hono's `c.html` and the middleware sets them after.
 */
import type { Context } from "hono";
import { takeCookies } from "./request-session.js";
import { takeSecurityHeaders } from "./security.js";

export function pageResponse(c: Context, html: string, status = 200): Response {
  const headers = takeSecurityHeaders(c, { "content-type": "text/html; charset=UTF-8", "cache-control": "private, no-store" });
  if (!headers) return c.html(html, status as 200);
  const cookies = takeCookies(c);
  if (cookies.length <= 1) {
    if (cookies.length) headers["set-cookie"] = cookies[0]!;
    return new Response(html, { status, headers });
  }
  // a record holds one value per name: several cookies go as pairs
  return new Response(html, { status, headers: [...Object.entries(headers), ...cookies.map((v): [string, string] => ["set-cookie", v])] });
}
