/**
 * Navigation a handler asked for (Phoenix's utils.ex half on redirects): a patch changes
 * the URL and runs handleParams on the same view, possibly patching again (bounded); a
 * navigate or redirect ends the view, answered with the target and the flash sealed for
 * the next mount. The client's own `live_patch` pushes (patch links, back and forward)
 * land here too.
 */
import { LagoonError } from "./errors.js";
import type { Nav, ViewProcessCore } from "./internal.js";
import { EVENTS } from "./wire.js";

const MAX_PATCH_REDIRECTS = 20;

export function takeNav(proc: ViewProcessCore): Nav | null {
  const nav = proc.nav;
  proc.nav = null;
  return nav;
}

/**
 * Applies a server-side patch: new URL, handleParams (which may patch again, bounded).
 * Returns the `live_patch` payload for the client.
 */
export async function applyPatch(proc: ViewProcessCore, nav: Nav): Promise<{ to: string; kind: "push" | "replace" }> {
  let current: Nav | null = nav;
  let hops = 0;
  let last = nav;
  let url: URL | undefined;
  while (current && current.kind === "patch") {
    if (!proc.routed)
      throw new LagoonError("bad_patch", `${proc.name} is a nested view: it has no URL to patch; send its parent a message`);
    if (++hops > MAX_PATCH_REDIRECTS) throw new LagoonError("patch_loop", `${proc.name}: too many patches; check handleParams`);
    const next = new URL(current.to, proc.href);
    const resolved = proc.services.router.resolve(next);
    if (!resolved || resolved.route.view !== proc.route.view) {
      throw new LagoonError("bad_patch", `${proc.name}: pushPatch("${current.to}") must point to this same view; use pushNavigate`);
    }
    proc.href = next.href;
    url = next;
    proc.params = resolved.params;
    proc.route = resolved.route;
    last = current;
    await proc.handleParams();
    current = proc.nav?.kind === "patch" ? takeNav(proc) : null;
  }
  url ??= proc.url;
  return { to: url.pathname + url.search, kind: last.replace ? "replace" : "push" };
}

/** The reply or push that sends the browser away: `redirect` (a page load) or `live_redirect`. */
export function leaving(proc: ViewProcessCore, nav: Nav): { key: "redirect" | "live_redirect"; target: Record<string, unknown> } {
  const flash = proc.flash.token(proc.services.signFlash);
  const target: Record<string, unknown> = { to: nav.to, ...(flash ? { flash } : {}) };
  if (nav.kind === "navigate") target.kind = nav.replace ? "replace" : "push";
  return { key: nav.kind === "redirect" ? "redirect" : "live_redirect", target };
}

/** Push events still reach the browser before it leaves: they go first, in a diff of their own. */
export function pendingEvents(diff: Record<string, unknown> | null): Record<string, unknown> | undefined {
  return diff?.[EVENTS] ? { [EVENTS]: diff[EVENTS] } : undefined;
}

/**
 * A `live_patch` from the client: handleParams on this view when the URL routes to it in
 * the same live session; otherwise the client is told to navigate (`link_redirect`).
 */
export async function clientPatch(proc: ViewProcessCore, url: unknown, ref: string): Promise<void> {
  let next: URL;
  try {
    next = new URL(String(url), proc.href);
  } catch {
    return proc.reply(ref, { status: "error", response: { reason: "bad_url", message: "unreadable url" } });
  }
  const resolved = next.origin === proc.url.origin && proc.routed ? proc.services.router.resolve(next) : null;
  if (!resolved || resolved.route.view !== proc.route.view || resolved.route.session !== proc.route.session) {
    return proc.reply(ref, { status: "ok", response: { link_redirect: true } });
  }
  proc.flash.clear();
  proc.href = next.href;
  proc.params = resolved.params;
  proc.route = resolved.route;
  await proc.handleParams();
  await proc.finish(ref, undefined);
}
