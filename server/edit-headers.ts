/**
 * Changes the headers of the response a handler returned. A response whose headers are
 * immutable (a fetched one passed through, `Response.redirect`) is copied first, and the
 * copy changed.
 */
import type { Context } from "hono";

export function editHeaders(c: Context, edit: (headers: Headers) => void): void {
  try {
    edit(c.res.headers);
  } catch {
    c.res = new Response(c.res.body, c.res);
    edit(c.res.headers);
  }
}
