/**
 * The HTTP (first) render of a live route: the view mounted disconnected, rendered inside
 * the app's document, with the signed view token the browser joins with. A mount that
 * redirects answers 302, carrying its flash in the flash cookie.
 */
import type { Context } from "hono";
import { escapeHtml } from "../shell/escape.js";
import type { ViewServices } from "../shell/internal.js";
import { randomId } from "../shell/random.js";
import type { Router } from "../shell/router.js";
import { renderStatic } from "../shell/static.js";
import type { Assets } from "./assets.js";
import type { DocumentFn } from "./document.js";
import { pageResponse } from "./page-response.js";
import type { LagoonEnv } from "./request-session.js";
import type { Sessions } from "./session.js";

export interface LiveRenderer {
  /** Past the memory budget no view is mounted: 503, retry shortly. */
  readonly busy: () => boolean;
  readonly router: Router;
  readonly sessions: Sessions;
  readonly services: ViewServices;
  readonly document: DocumentFn;
  readonly assets: Assets;
}

/** A Hono handler rendering whichever live route the URL resolves to (404 for none). */
export function renderLive(deps: LiveRenderer) {
  return async (c: Context<LagoonEnv>): Promise<Response> => {
    const url = new URL(c.req.url);
    const resolved = deps.router.resolve(url);
    if (!resolved) return c.notFound();
    if (deps.busy()) return c.text("The server is busy; try again in a moment.", 503, { "Retry-After": "5" });
    const request = c.get("session");
    const session = request.current;
    const flash = request.takeFlash();
    const id = `phx-${randomId(6)}`;
    const result = await renderStatic({ id, route: resolved.route, params: resolved.params, url, session, flash, services: deps.services });
    if (result.kind === "redirect") {
      if (Object.keys(result.flash).length) request.flash(result.flash);
      return c.redirect(result.to, 302);
    }
    const token = deps.sessions.signView({
      id,
      ls: resolved.route.session.name,
      sid: session.sid,
      ...(Object.keys(flash).length ? { f: flash } : {}),
    });
    const container = Object.entries(resolved.route.container ?? {})
      .map(([name, value]) => ` ${name}="${escapeHtml(value)}"`)
      .join("");
    const body = `<div id="${id}" data-phx-main data-phx-session="${escapeHtml(token)}" data-phx-static=""${container}>${result.html}</div>`;
    return pageResponse(
      c,
      deps.document({
        title: result.title,
        csrfToken: session._csrf_token,
        head: deps.assets.head(),
        body,
        nonce: c.get("secureHeadersNonce"),
      }),
    );
  };
}
