/**
 * Pages that are not live views: the app's own static pages, the 404 page and error
 * pages, all in the app's document. Error pages name no internals: a 5xx says "Something
 * went wrong" (the error goes to the server log), an HttpError its own message, and
 * Hono's HTTPException the response it carries.
 */
import type { Context, Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { HttpError } from "../shell/errors.js";
import { escapeHtml } from "../shell/escape.js";
import type { Assets } from "./assets.js";
import type { DocumentFn } from "./document.js";
import { pageResponse } from "./page-response.js";
import type { LagoonEnv } from "./request-session.js";

export interface PageParts {
  title?: string;
  /** Trusted HTML. */
  body: string;
}

export type PageFn = (c: Context<LagoonEnv>, parts: PageParts, status?: number) => Response;

/** Renders `parts` in the app's document, with the session's CSRF token for forms. */
export function pageRenderer(document: DocumentFn, assets: Assets): PageFn {
  return (c, parts, status = 200) =>
    pageResponse(
      c,
      document({
        title: parts.title,
        csrfToken: c.get("session").current._csrf_token,
        head: assets.head(),
        body: parts.body,
        nonce: c.get("secureHeadersNonce"),
      }),
      status,
    );
}

/** The 404 page and error pages of `app`. */
export function errorPages(app: Hono<LagoonEnv>, page: PageFn): void {
  app.notFound((c) => page(c, { title: "Not found", body: `<main><h1>Page not found</h1><p><a href="/">Home</a></p></main>` }, 404));
  app.onError((error, c) => {
    // Hono's own middleware (bearerAuth, basicAuth...) answers with the response it built
    if (error instanceof HTTPException) return error.getResponse();
    const status = error instanceof HttpError ? error.status : 500;
    if (status >= 500) console.error("[lagoon] request failed:", error);
    const message = status >= 500 ? "Something went wrong" : error.message;
    return page(c, { title: message, body: `<main><h1>${escapeHtml(message)}</h1></main>` }, status);
  });
}
