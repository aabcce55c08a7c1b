/**
 * The HTTP (dead) render (Phoenix's static.ex): mount with `connected === false`, then the
 * page as an HTML string. It must produce the markup the client builds from the join's
 * full render, so the join patch changes nothing.
 */
import { renderHtml, type HtmlContext } from "./diff.js";
import { LagoonError } from "./errors.js";
import type { ProcessOptions } from "./internal.js";
import { takeNav } from "./navigation.js";
import { containerHtml, MAX_NESTING, nestedRoute, nestedSession, nestedToken, type NestedRef } from "./nested.js";
import { LiveViewProcess } from "./process.js";
import { randomId } from "./random.js";
import { inRenderScope } from "./render-scope.js";
import type { ComponentRef } from "./components.js";
import type { ComponentEntry } from "./component-tree.js";
import type { Flash } from "./types.js";

export type StaticResult = { kind: "ok"; html: string; title: string | undefined } | { kind: "redirect"; to: string; flash: Flash };

export async function renderStatic(opts: Omit<ProcessOptions, "connected" | "host" | "connect">): Promise<StaticResult> {
  const proc = new LiveViewProcess({ ...opts, connected: false });
  try {
    await proc.mountAll();
    const nav = takeNav(proc);
    if (nav) return { kind: "redirect", to: nav.to, flash: proc.flash.current };
    const assigns = proc.renderAssigns();
    // nested views mount asynchronously: placeholders first, their HTML once they rendered
    // components render after the template that placed them, a round at a time, so one
    // updateMany sees every instance of a round; nested views mount once the page is rendered
    const placed: ComponentEntry[] = [];
    const children: NestedRef[] = [];
    const marker = `<!--lagoon-${randomId(6)}-`;
    const ctx: HtmlContext = {
      componentHtml: (ref) => `${marker}c${placed.push(proc.components().placeHtml(ref as ComponentRef)) - 1}-->`,
      nestedHtml: (ref) => `${marker}${children.push(ref as NestedRef) - 1}-->`,
    };
    let html = inRenderScope(proc.renderScope, () => {
      const page = renderHtml(proc.template(assigns), ctx);
      const parts: string[] = [];
      for (let done = 0; done < placed.length; ) {
        const tree = proc.components();
        tree.flush();
        for (const end = placed.length; done < end; done++) parts.push(tree.html(placed[done]!, ctx));
      }
      // a component's HTML in place of its placeholder, with those it placed filled in turn
      const fill = (text: string): string => fillPlaceholders(text, `${marker}c`, (i) => fill(parts[i]!));
      return parts.length ? fill(page) : page;
    });
    const title = assigns.pageTitle === undefined || assigns.pageTitle === null ? undefined : String(assigns.pageTitle);
    const nested: string[] = [];
    for (const ref of children) {
      const child = await renderNested(ref, proc, opts);
      if (child.kind === "redirect") return child;
      nested.push(child.html);
    }
    if (nested.length) html = fillPlaceholders(html, marker, (i) => nested[i]!);
    return { kind: "ok", html, title };
  } catch (error) {
    proc.services.spans?.emit({
      name: "crash",
      view: proc.name,
      route: proc.route.path,
      id: proc.id,
      connected: false,
      duration: 0,
      event: "mount",
    });
    throw error;
  } finally {
    proc.dispose();
  }
}

/**
 * `text` with each placeholder `${open}<i>-->` replaced by `html(i)`, in one pass over it
 * (one search of the page per placeholder would make a page of many components quadratic).
 */
function fillPlaceholders(text: string, open: string, html: (i: number) => string): string {
  let out = "";
  let from = 0;
  for (let at = text.indexOf(open); at !== -1; at = text.indexOf(open, from)) {
    const end = text.indexOf("-->", at);
    out += text.slice(from, at) + html(Number(text.slice(at + open.length, end)));
    from = end + 3;
  }
  return from === 0 ? text : out + text.slice(from);
}

/**
 * A nested view's HTTP render: its container with its HTML. Only a sticky one carries its
 * token now (it is joined as a root at once); a child gets one in its parent's connected
 * render, since it joins through a live parent.
 */
async function renderNested(ref: NestedRef, parent: LiveViewProcess, opts: Omit<ProcessOptions, "connected" | "host" | "connect">) {
  const depth = (parent.nested?.depth ?? 0) + 1;
  if (depth > MAX_NESTING) throw new LagoonError("nesting_too_deep", `${parent.name}: nested views nest at most ${MAX_NESTING} deep`);
  opts.services.router.rendered(ref.view);
  const token = nestedToken(ref, {
    id: parent.id,
    liveSession: parent.liveSession,
    sid: String(opts.session.sid ?? ""),
    href: opts.url.href,
  });
  const result = await renderStatic({
    id: ref.opts.id,
    route: nestedRoute(ref.view),
    params: {},
    url: opts.url,
    session: nestedSession(opts.session, token),
    services: opts.services,
    liveSession: parent.liveSession,
    nested: { parent: undefined, depth },
    parentAssigns: parent.socket.assigns,
  });
  if (result.kind === "redirect") return result;
  const signed = ref.opts.sticky ? opts.services.signView(token) : "";
  return { kind: "ok" as const, html: containerHtml(ref, parent.id, signed, result.html) };
}
