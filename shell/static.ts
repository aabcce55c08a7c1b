/**
 * The HTTP (dead) render (Phoenix's static.ex): mount with `connected === false`, then the
 * page as an HTML string. It must produce the markup the client builds from the join's
 * full render, so the join patch changes nothing.
 */
import { renderHtml, type HtmlContext } from "./diff.js";
import type { ProcessOptions } from "./internal.js";
import { takeNav } from "./navigation.js";
import { LiveViewProcess } from "./process.js";
import type { ComponentRef } from "./components.js";
import type { Flash } from "./types.js";

export type StaticResult = { kind: "ok"; html: string; title: string | undefined } | { kind: "redirect"; to: string; flash: Flash };

export async function renderStatic(opts: Omit<ProcessOptions, "connected" | "host" | "connect">): Promise<StaticResult> {
  const proc = new LiveViewProcess({ ...opts, connected: false });
  try {
    await proc.mountAll();
    const nav = takeNav(proc);
    if (nav) return { kind: "redirect", to: nav.to, flash: proc.flash.current };
    const assigns = proc.renderAssigns();
    const ctx: HtmlContext = {
      componentHtml: (ref) => proc.components().html(ref as ComponentRef, ctx),
    };
    const html = renderHtml(proc.template(assigns), ctx);
    const title = assigns.pageTitle === undefined || assigns.pageTitle === null ? undefined : String(assigns.pageTitle);
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
