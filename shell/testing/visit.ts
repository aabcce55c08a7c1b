/** `visit(routes, path)`: a page rendered as the HTTP request would, then joined like the browser. */
import type { Router, LiveRoute } from "../router.js";
import { renderStatic } from "../static.js";
import { envFor, routerOf } from "./env.js";
import { Redirected } from "./errors.js";
import type { VisitOptions } from "./env.js";
import { LiveViewTest } from "./view.js";

let nextId = 0;

/** Renders `path` as the HTTP request would, then joins it like the browser. */
export async function visit(
  routes: Router | Iterable<LiveRoute | LiveRoute[]>,
  path: string,
  opts: VisitOptions = {},
): Promise<LiveViewTest> {
  const router = routerOf(routes);
  const env = envFor(router, opts.pubsub, visit);
  const origin = opts.origin ?? "http://localhost";
  const url = new URL(path, origin);
  const resolved = router.resolve(url);
  if (!resolved) throw new Error(`no live route for ${url.pathname}`);
  const session = { sid: "test-session", _csrf_token: "test-csrf", ...opts.session };
  const id = `phx-test${++nextId}`;
  const flash = opts.flash ?? {};
  const dead = await renderStatic({ id, route: resolved.route, params: resolved.params, url, session, flash, services: env.services });
  if (dead.kind === "redirect") throw new Redirected("redirect", dead.to, dead.flash);
  const token = env.tokens.signView({
    id,
    ls: resolved.route.session.name,
    sid: session.sid,
    ...(Object.keys(flash).length ? { f: flash } : {}),
  });
  const view = new LiveViewTest(id, dead.html, env, { ...opts, session, origin });
  await view.__join(url, token);
  return view;
}
