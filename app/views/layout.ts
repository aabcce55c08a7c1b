import { html, type Layout, type Template } from "lagoon";
import type { AuthAssigns } from "../auth.js";
import type { ClientHints } from "../client-hints.js";

const NAV: [string, string][] = [
  ["/", "Home"],
  ["/todos", "Todos"],
  ["/chat/lobby", "Chat"],
  ["/search", "Search"],
  ["/posts", "Posts"],
  ["/board", "Board"],
  ["/dashboard", "Dashboard"],
  ["/files", "Files"],
];

function flashes(flash: Record<string, string>): Template {
  return html`<div id="flash" aria-live="polite">${Object.entries(flash).map(
    ([kind, message]) =>
      html`<p class=${`flash flash-${kind}`} role=${kind === "error" ? "alert" : "status"}>${message} <button type="button" class="flash-close" phx-click="lv:clear-flash" phx-value-key=${kind} aria-label="Dismiss">×</button></p>`,
  )}</div>`;
}

/**
 * The demo's layout: navigation (navigate links; the client falls back to a full page load
 * when a link leaves the live session), the account area and the flash.
 */
export const layout: Layout = (inner, a) => {
  const { currentUser, csrfToken, newVersion } = a as unknown as AuthAssigns & ClientHints;
  return html`<header class="top">
  <nav aria-label="Main">${NAV.map(([href, label]) => html`<a href=${href} data-phx-link="redirect" data-phx-link-state="push">${label}</a>`)}</nav>
  <div class="account">${
    currentUser
      ? html`<form action="/logout" method="post"><input type="hidden" name="_csrf_token" value=${csrfToken}><span class="user">${currentUser.name}</span> <button type="submit">Log out</button></form>`
      : html`<a href="/login" data-phx-link="redirect" data-phx-link-state="push">Log in</a> <a href="/register" data-phx-link="redirect" data-phx-link-state="push">Register</a>`
  }</div>
</header>
${newVersion ? html`<p id="new-version" class="flash flash-info" role="status">A new version is available — <a href="">reload</a></p>` : ""}
${flashes(a.flash)}
${inner}`;
};
