/**
 * The flash messages of a view, in a polite live region. Each closes in the browser at
 * once (no round trip) and tells the server to clear it (`lv:clear-flash`), so it does
 * not come back with the next render. `autoDismiss` hides each message after that many
 * milliseconds, in the browser only; the element's id then carries a digest of the
 * message, so a different message is a new element that shows (and dismisses) again.
 * `connection` adds a notice the client shows while the connection is lost (announced
 * through the group's live region: it has no role of its own, so it is no page alert).
 */
import { html, JS, TemplateError, type Flash, type Template } from "../shell/index.js";
import { icon } from "./icon.js";
import { FADE_OUT, TRANSITION_MS } from "./transitions.js";

/** Options of `flashGroup`. */
export interface FlashGroupOptions {
  /** The group's id (default "flash-group"); a message's is `${id}-${kind}`. */
  id?: string;
  /** Hide each message after this many milliseconds; by default messages stay until closed. */
  autoDismiss?: number;
  /** The close buttons' accessible name; default "Dismiss". */
  closeLabel?: string;
  /** Show a notice while the live connection is down (default false). */
  connection?: boolean;
  /** The notice's text; default "Reconnecting…". */
  connectionMessage?: string;
}

const ID = /^[A-Za-z][\w-]*$/;
// the connection notice's commands are the same on every page
const SHOW_NOTICE = JS.removeAttribute("hidden");
const HIDE_NOTICE = JS.setAttribute("hidden", "");

/** FNV-1a of the message, base 36: short, stable, and an id's worth of characters. */
function digest(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

function message(groupId: string, kind: string, text: string, opts: FlashGroupOptions): Template {
  const safeKind = kind.replace(/[^\w-]/g, "_");
  const id = opts.autoDismiss ? `${groupId}-${safeKind}-${digest(text)}` : `${groupId}-${safeKind}`;
  const close = JS.push("lv:clear-flash", { value: { key: kind } }).hide({
    to: { closest: ".lagoon-flash" },
    transition: FADE_OUT,
    time: TRANSITION_MS,
  });
  // non-blocking: a blocking transition would hold every server patch for the whole delay
  const expire = opts.autoDismiss ? JS.hide({ transition: ["lagoon-t-expire", "", ""], time: opts.autoDismiss, blocking: false }) : false;
  return html`<div id=${id} class=${`lagoon-flash lagoon-flash-${safeKind}`} role=${kind === "error" ? "alert" : "status"} phx-mounted=${expire} style=${
    opts.autoDismiss ? `--lagoon-flash-ms: ${opts.autoDismiss}ms` : false
  }>${icon(kind === "error" ? "warning" : "info")}<p>${text}</p><button type="button" class="lagoon-flash-close" aria-label=${opts.closeLabel ?? "Dismiss"} phx-click=${close}>${icon("x-mark")}</button></div>`;
}

/** The view's flash messages (`assigns.flash`), each closable; see the module comment. */
export function flashGroup(flash: Flash, opts: FlashGroupOptions = {}): Template {
  const id = opts.id ?? "flash-group";
  if (!ID.test(id)) throw new TemplateError(`flashGroup: id ${JSON.stringify(id)} must be a letter then letters, digits, _ or -`);
  if (opts.autoDismiss !== undefined && (!Number.isInteger(opts.autoDismiss) || opts.autoDismiss <= 0)) {
    throw new TemplateError("flashGroup: autoDismiss is a whole number of milliseconds");
  }
  const notice = opts.connection
    ? html`<div id=${`${id}-connection`} class="lagoon-flash lagoon-flash-error" hidden phx-disconnected=${SHOW_NOTICE} phx-connected=${HIDE_NOTICE}>${icon("warning")}<p>${opts.connectionMessage ?? "Reconnecting…"}</p></div>`
    : "";
  return html`<div id=${id} class="lagoon-flash-group" aria-live="polite">${Object.entries(flash).map(([kind, text]) => message(id, kind, text, opts))}${notice}</div>`;
}
