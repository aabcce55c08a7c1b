/**
 * The support app's layouts. Phoenix renders a live layout inside the LiveView container,
 * as part of the view's template; so does a Lagoon live session's layout. The LiveSocket
 * itself is created by the client bundle (client.ts), which reads the layout's
 * `<meta name="lv-profile">` for the options that layout passes to `new LiveSocket`.
 */
import { html, raw, type Layout, type Template } from "lagoon";
import type { DocumentFn } from "lagoon/server";
import { link } from "./elixir.js";

const escapeAttr = (s: string) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

/**
 * The root layout (`E2E.Layout.render("root.html")`): a doctype and the container, no
 * <html>, <head> or <body> of its own. The CSRF meta and the bundle go first, so the browser
 * puts them in the head it builds; `window.hooks` is where pages' scripts add hooks.
 */
export const document: DocumentFn = (page) => {
  const head = `<link rel="icon" href="data:,"><meta name="csrf-token" content="${escapeAttr(page.csrfToken)}"><script>window.hooks = {};</script>${page.head}`;
  // PortalLive's root layout: a head and a body, the view in <main> beside #root-portal
  if (page.body.includes(`<meta name="lv-profile" content="portal" />`)) {
    return `<!DOCTYPE html><head>${head}<style>[data-phx-session], [data-phx-teleported-src] { display: contents }</style></head><body><main style="flex: 1; padding: 2rem;">${page.body}</main><div id="root-portal"></div></body>`;
  }
  return `<!DOCTYPE html>${head}${renderedInRoot(page.body)}${page.body}`;
};

const IN_ROOT = /<template data-render-in-root>([\s\S]*?)<\/template>/;

/** The content a view renders in `<template data-render-in-root>` (Phoenix's `render_in_root`), for outside its container. */
function renderedInRoot(body: string): string {
  return IN_ROOT.exec(body)?.[1] ?? "";
}

/** Page assigns the E2E layout reads: a classic script run before the LiveSocket starts, and Tailwind. */
export interface LayoutAssigns {
  preScript?: string;
  tailwind?: boolean;
}

/**
 * The few Tailwind utilities the tailwind pages rely on (`hidden` above all), in place of
 * the Tailwind CDN script, which this offline machine cannot load.
 */
export const TAILWIND_SUBSET = `.hidden{display:none}.absolute{position:absolute}.relative{position:relative}.fixed{position:fixed}.inset-0{inset:0}.block{display:block}.flex{display:flex}.inline-block{display:inline-block}.contents{display:contents}`;

/** `E2E.Layout.render("live.html")`, the layout of live_session :default and :other. */
export const e2eLayout: Layout = (inner, a) => html`<script>
      window.hooks = {};
    </script>${a.tailwind ? html`<style>${raw(TAILWIND_SUBSET)}</style>` : ""}${a.preScript ? raw(a.preScript) : ""}<style>
      * { font-size: 1.1rem; }
    </style>${inner}`;

const navLinkStyle = "background-color: #f1f5f9; padding: 0.5rem;";

/**
 * The navigation layout's script: logs the client's navigation events (the specs read the
 * console), and cancels live navigation while the "Prevent navigation" box is checked.
 */
const NAVIGATION_SCRIPT = `<script>
  window.liveNavigationPreventEnabled = false;
  const logNavigation = (label) => (e) => console.log(label, JSON.stringify(e.detail));
  window.addEventListener("phx:before-navigate", logNavigation("before navigate event"));
  window.addEventListener("phx:before-navigate", (e) => window.liveNavigationPreventEnabled && e.preventDefault());
  window.addEventListener("phx:navigate", logNavigation("navigate event"));
  window.addEventListener("change", (e) => {
    if (e.target?.id === "prevent-navigation-toggle") window.liveNavigationPreventEnabled = e.target.checked;
  });
</script>`;

/** The sidebar and content of `Navigation.Layout`'s live layout, around `inner`. */
function navigationFrame(inner: unknown): Template {
  return html`<meta name="lv-profile" content="navigation" />${raw(NAVIGATION_SCRIPT)}
    <style>
      html, body {
        margin: 0;
        padding: 0;

        font-family: system-ui, -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, Ubuntu, "Helvetica Neue", sans-serif;
        font-size: 1rem;
      }
    </style>

    <div style="display: flex; width: 100%; height: 100vh;">
      <div style="position: fixed; height: 100vh; background-color: #f8fafc; border-right: 1px solid; width: 20rem; display: flex; flex-direction: column; padding: 1rem; gap: 0.5rem;">
        <h1 style="margin-bottom: 1rem; font-size: 1.125rem; line-height: 1.75rem;">Navigation</h1>

        <label style="display: flex; align-items: center; gap: 0.5rem; background-color: #e2e8f0; padding: 0.5rem; cursor: pointer;">
          <input id="prevent-navigation-toggle" type="checkbox" />
          <span>Prevent navigation</span>
        </label>

        ${link({ navigate: "/navigation/a", style: navLinkStyle }, "LiveView A")}
        ${link({ navigate: "/navigation/b", style: navLinkStyle }, "LiveView B")}
        ${link({ navigate: "/stream", style: navLinkStyle }, "LiveView (other session)")}
        ${link({ navigate: "/navigation/dead", style: navLinkStyle }, "Dead View")}
      </div>

      <div style="margin-left: 22rem; flex: 1; padding: 2rem;">
        ${inner}
      </div>
    </div>`;
}

/** `Navigation.Layout.render("live.html")`, the layout of live_session :navigation. */
export const navigationLayout: Layout = (inner) => navigationFrame(inner);

/** The same layout around a controller's page (GET /navigation/dead), as HTML. */
export function navigationDeadBody(): string {
  return [
    `<meta name="lv-profile" content="navigation" />`,
    NAVIGATION_SCRIPT,
    `<style>html, body { margin: 0; padding: 0; font-family: system-ui, -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, Ubuntu, "Helvetica Neue", sans-serif; font-size: 1rem; }</style>`,
    `<div style="display: flex; width: 100%; height: 100vh;"><div style="position: fixed; height: 100vh; background-color: #f8fafc; border-right: 1px solid; width: 20rem; display: flex; flex-direction: column; padding: 1rem; gap: 0.5rem;">`,
    `<h1 style="margin-bottom: 1rem; font-size: 1.125rem; line-height: 1.75rem;">Navigation</h1>`,
    `<label style="display: flex; align-items: center; gap: 0.5rem; background-color: #e2e8f0; padding: 0.5rem; cursor: pointer;"><input id="prevent-navigation-toggle" type="checkbox" /><span>Prevent navigation</span></label>`,
    ...[
      ["/navigation/a", "LiveView A"],
      ["/navigation/b", "LiveView B"],
      ["/stream", "LiveView (other session)"],
      ["/navigation/dead", "Dead View"],
    ].map(([to, text]) => `<a href="${to}" data-phx-link="redirect" data-phx-link-state="push" style="${navLinkStyle}">${text}</a>`),
    `</div><div style="margin-left: 22rem; flex: 1; padding: 2rem;"><h1>Dead view</h1></div></div>`,
  ].join("\n");
}

/** A layout that only names the client's LiveSocket options (`profile` in client/main.ts) and holds `window.hooks` scripts. */
export const profileLayout =
  (profile: string, script = ""): Layout =>
  (inner) =>
    html`<meta name="lv-profile" content=${profile} />${raw(script)}${inner}`;
