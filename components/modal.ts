/**
 * A modal dialog opened and closed in the browser with JS commands, no round trip:
 *
 *   button({ type: "button", "phx-click": showModal("confirm") }, "Delete")
 *   modal({ id: "confirm", title: "Delete this todo?" }, html`
 *     ${button({ type: "button", "phx-click": cancelModal("confirm") }, "Cancel")}
 *     ${button({ type: "button", "phx-click": JS.push("delete").concat(hideModal("confirm")) }, "Delete")}`)
 *
 * The panel is `role="dialog"` with `aria-modal`, named by its title. Opening it
 * remembers the focused element, shows it and focuses its first control; the client's
 * Phoenix.FocusWrap hook keeps Tab inside. Esc, a click outside the panel, and the close
 * button cancel it: `onCancel` runs, it hides and focus goes back. Esc is bound only
 * while it is open (the binding is set and removed with it), so closed dialogs on a page
 * do nothing on Esc. With `show: true` it opens when it appears (a dialog the server
 * renders for a URL); when the server removes an open dialog it closes with its
 * transition first.
 */
import { html, JS, TemplateError, type Template } from "../shell/index.js";
import { icon } from "./icon.js";
import { FADE_IN, FADE_OUT, RISE_IN, RISE_OUT, TRANSITION_MS } from "./transitions.js";

/** Props of `modal`. */
export interface ModalProps {
  /** Also the prefix of its parts' ids: `${id}-container`, `${id}-title`, `${id}-content`. */
  id: string;
  /** Its name, in a heading that labels the dialog. */
  title: unknown;
  /** Open when it appears. */
  show?: boolean;
  /** Runs when it is cancelled (Esc, click outside, close button, cancelModal). */
  onCancel?: JS;
  /** The close button's accessible name; default "Close". */
  closeLabel?: string;
}

const ID = /^[A-Za-z][\w-]*$/;

function checkId(id: string): string {
  if (typeof id !== "string" || !ID.test(id))
    throw new TemplateError(`modal: id ${JSON.stringify(id)} must be a letter then letters, digits, _ or -`);
  return id;
}

/** JS that opens modal `id` (after `js`). */
export function showModal(id: string, js: JS = JS): JS {
  const m = `#${checkId(id)}`;
  return js
    .pushFocus()
    .show({ to: m })
    .show({ to: `${m}-bg`, transition: FADE_IN, time: TRANSITION_MS })
    .show({ to: `${m}-container`, transition: RISE_IN, time: TRANSITION_MS })
    .setAttribute("phx-window-keydown", String(cancelModal(id)), { to: `${m}-container` })
    .addClass("lagoon-modal-open", { to: "body" })
    .focusFirst({ to: `${m}-content` });
}

/** The closing transitions, without moving focus (also what runs when the server removes the dialog). */
function closing(id: string, js: JS): JS {
  const m = `#${id}`;
  return (
    js
      .removeAttribute("phx-window-keydown", { to: `${m}-container` })
      .hide({ to: `${m}-bg`, transition: FADE_OUT, time: TRANSITION_MS })
      .hide({ to: `${m}-container`, transition: RISE_OUT, time: TRANSITION_MS })
      // stays displayed while its parts fade out
      .hide({ to: m, transition: ["lagoon-t-hold", "", ""], time: TRANSITION_MS })
      .removeClass("lagoon-modal-open", { to: "body" })
  );
}

/** JS that closes modal `id` (after `js`) and gives focus back to where it was when it opened; `onCancel` does not run. */
export function hideModal(id: string, js: JS = JS): JS {
  return closing(checkId(id), js).popFocus();
}

/** JS that cancels modal `id`: its `onCancel`, then closing it. */
export function cancelModal(id: string, js: JS = JS): JS {
  return js.exec("data-cancel", { to: `#${checkId(id)}` });
}

/** A modal dialog, hidden until `showModal(id)` runs (or `show`); see the module comment. */
export function modal(props: ModalProps, content: unknown): Template {
  const id = checkId(props.id);
  const cancel = cancelModal(id);
  return html`<div id=${id} class="lagoon-modal" style="display: none" phx-mounted=${props.show ? showModal(id) : false} phx-remove=${closing(id, JS)} data-cancel=${(props.onCancel ?? JS).concat(hideModal(id))}>
  <div id=${`${id}-bg`} class="lagoon-modal-backdrop" aria-hidden="true"></div>
  <div class="lagoon-modal-frame">
    <div id=${`${id}-container`} class="lagoon-modal-panel" role="dialog" aria-modal="true" aria-labelledby=${`${id}-title`} phx-hook="Phoenix.FocusWrap" phx-key="Escape" phx-click-away=${cancel}>
      <span id=${`${id}-container-start`} tabindex="0" aria-hidden="true"></span>
      <button type="button" class="lagoon-modal-close" aria-label=${props.closeLabel ?? "Close"} phx-click=${cancel}>${icon("x-mark")}</button>
      <div id=${`${id}-content`} class="lagoon-modal-content">
        <h2 id=${`${id}-title`} class="lagoon-modal-title">${props.title}</h2>
        ${content}
      </div>
      <span id=${`${id}-container-end`} tabindex="0" aria-hidden="true"></span>
    </div>
  </div>
</div>`;
}
