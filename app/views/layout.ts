import { html, liveRender, type Layout, type OnMount, type ViewDef } from "lagoon";
import { flashGroup, link } from "lagoon/components";
import type { AuthAssigns } from "../auth.js";
import type { ClientHints } from "../client-hints.js";

/** Each nav entry: where it goes, its label, and the paths it stands for (its own, and below it). */
const NAV: [href: string, label: string, section: string][] = [
  ["/", "Home", "/"],
  ["/todos", "Todos", "/todos"],
  ["/chat/lobby", "Chat", "/chat"],
  ["/search", "Search", "/search"],
  ["/posts", "Posts", "/posts"],
  ["/board", "Board", "/board"],
  ["/dashboard", "Dashboard", "/dashboard"],
  ["/files", "Files", "/files"],
];

export interface CurrentPage {
  /** The path of the page shown, for the nav's aria-current. */
  currentPath: string;
}

/** onMount: which page is shown. Every mount runs it, live navigation included; patches stay on one path. */
export const currentPage: OnMount = (_params, _session, socket) => {
  socket.assign({ currentPath: socket.url.pathname } satisfies CurrentPage);
};

function isCurrent(section: string, path: string): boolean {
  return section === "/" ? path === "/" : path === section || path.startsWith(section + "/");
}

/**
 * The demo's layout: navigation (navigate links, the current page marked; the client falls
 * back to a full page load when a link leaves the live session), the account area and the
 * flash, which closes in the browser and says so while the connection is down.
 */
export const layout: Layout = (inner, a) => {
  const { currentUser, csrfToken, newVersion, currentPath } = a as unknown as AuthAssigns & ClientHints & CurrentPage;
  return html`<header class="top">
  <nav aria-label="Main">${NAV.map(([href, label, section]) => link({ navigate: href, current: isCurrent(section, currentPath ?? "") }, label))}</nav>
  <div class="account">${
    currentUser
      ? html`<form action="/logout" method="post"><input type="hidden" name="_csrf_token" value=${csrfToken}><span class="user">${currentUser.name}</span> <button type="submit">Log out</button> <button type="submit" formaction="/logout/everywhere" class="secondary">Log out everywhere</button></form>`
      : html`${link({ navigate: "/login", current: currentPath === "/login" }, "Log in")} ${link({ navigate: "/register", current: currentPath === "/register" }, "Register")}`
  }</div>
</header>
${newVersion ? html`<p id="new-version" class="flash flash-info" role="status">A new version is available — <a href="">reload</a></p>` : ""}
${flashGroup(a.flash, { id: "flash", connection: true })}
${inner}`;
};

/**
 * The logged-in pages' layout: the public one, with the scratchpad beside the page. It is
 * sticky, so live navigation within the session keeps the same view and what was typed.
 */
export function authenticatedLayout(scratchpad: ViewDef<any>): Layout {
  return (inner, a) => html`${layout(inner, a)}
<aside class="scratchpad" aria-label="Scratchpad">${liveRender(scratchpad, { id: "scratchpad", sticky: true })}</aside>`;
}
