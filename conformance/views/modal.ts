/** /issues/3040: the generated core components' modal (JS commands, focus_wrap, click-away) over a form. */
import { defineView, html, JS, raw, type JSCommands } from "lagoon";
import { link } from "../elixir.js";

export const MODAL_STYLE = `.fixed{ position: fixed } .absolute{ position: absolute } .relative{ position: relative } .inset-0{ inset: 0px } .right-5{ right: 1.25rem } .top-6{ top: 1.5rem } .z-50{ z-index: 50 } .-m-3{ margin: -0.75rem } .flex{ display: flex } .hidden{ display: none } .min-h-full{ min-height: 100% } .w-full{ width: 100% } .max-w-3xl{ max-width: 48rem } .flex-none{ flex: none } .items-center{ align-items: center } .justify-center{ justify-content: center } .overflow-y-auto{ overflow-y: auto } .rounded-2xl{ border-radius: 1rem } .bg-white{ background-color: rgb(255 255 255 / 1) } .bg-gray-200{ background-color: rgb(229 231 235 / 1) } .bg-zinc-50\\/90{ background-color: rgb(250 250 250 / 0.9) } .p-14{ padding: 3.5rem } .p-3{ padding: 0.75rem } .p-4{ padding: 1rem } .opacity-20{ opacity: 0.2 } .transition{ transition-property: color, background-color, border-color, text-decoration-color, fill, stroke, opacity, box-shadow, transform, filter, backdrop-filter; transition-timing-function: cubic-bezier(0.4, 0, 0.2, 1); transition-duration: 150ms } .transition-opacity{ transition-property: opacity; transition-timing-function: cubic-bezier(0.4, 0, 0.2, 1); transition-duration: 150ms } .hover\\:opacity-40:hover{ opacity: 0.4 } @media (min-width: 640px){ .sm\\:p-6{ padding: 1.5rem } } @media (min-width: 1024px){ .lg\\:py-8{ padding-top: 2rem; padding-bottom: 2rem } }`;

/** The two copies of the core components' modal differ in their transitions: 3040's (with `transform`) and the portal page's (with times). */
export type ModalVariant = "3040" | "portal";

const EASE_OUT = { "3040": "transition-all transform ease-out duration-300", portal: "transition-all ease-out duration-300" };
const EASE_IN = { "3040": "transition-all transform ease-in duration-200", portal: "transition-all ease-in duration-200" };
const SHOWN = "opacity-100 translate-y-0 sm:scale-100";
const HIDDEN = "opacity-0 translate-y-4 sm:translate-y-0 sm:scale-95";

/** The modal's show_modal/2. */
export function showModal(id: string, v: ModalVariant = "3040"): JSCommands {
  const time = v === "portal" ? { time: 300 } : {};
  return JS.show({ to: `#${id}` })
    .show({ to: `#${id}-bg`, ...time, transition: [EASE_OUT[v], "opacity-0", "opacity-100"] })
    .show({ to: `#${id}-container`, ...time, transition: [EASE_OUT[v], HIDDEN, SHOWN] })
    .addClass("overflow-hidden", { to: "body" })
    .focusFirst({ to: `#${id}-content` });
}

/** The modal's hide_modal/2. */
export function hideModal(id: string, v: ModalVariant = "3040"): JSCommands {
  return JS.hide({ to: `#${id}-bg`, transition: [EASE_IN[v], "opacity-100", "opacity-0"] })
    .hide({ to: `#${id}-container`, time: 200, transition: [EASE_IN[v], SHOWN, HIDDEN] })
    .hide({ to: `#${id}`, transition: ["block", "block", "hidden"] })
    .removeClass("overflow-hidden", { to: "body" })
    .popFocus();
}

export interface ModalOptions {
  show?: boolean;
  onCancel?: JSCommands;
  variant?: ModalVariant;
  containerClass?: string;
}

/** The core components' `<.modal>`: a dialog over a backdrop, its content in a focus_wrap closed by escape and click-away. */
export function modal(id: string, opts: ModalOptions, content: unknown) {
  const v = opts.variant ?? "3040";
  const cancel = JS.exec("data-cancel", { to: `#${id}` });
  return html`<div
      id=${id}
      phx-mounted=${opts.show ? showModal(id, v) : null}
      phx-remove=${hideModal(id, v)}
      data-cancel=${(opts.onCancel ?? JS).exec("phx-remove")}
      class="relative z-50 hidden"
    >
      <div id=${`${id}-bg`} class="bg-zinc-50/90 fixed inset-0 transition-opacity" aria-hidden="true"></div>
      <div
        class="fixed inset-0 overflow-y-auto"
        aria-labelledby=${`${id}-title`}
        aria-describedby=${`${id}-description`}
        role="dialog"
        aria-modal="true"
        tabindex="0"
      >
        <div class="flex min-h-full items-center justify-center">
          <div class="w-full max-w-3xl p-4 sm:p-6 lg:py-8">
            <div
              id=${`${id}-container`}
              phx-hook="Phoenix.FocusWrap"
              phx-window-keydown=${cancel}
              phx-key="escape"
              phx-click-away=${cancel}
              class=${opts.containerClass ?? "bg-gray-200 relative hidden rounded-2xl bg-white p-14 ring-1 transition"}
            ><div id=${`${id}-container-start`} tabindex="0" aria-hidden="true"></div>
              <div class="absolute top-6 right-5">
                <button
                  phx-click=${cancel}
                  type="button"
                  class="-m-3 flex-none p-3 opacity-20 hover:opacity-40"
                  aria-label="close"
                >
                  x
                </button>
              </div>
              <div id=${`${id}-content`}>
                ${content}
              </div>
            <div id=${`${id}-container-end`} tabindex="0" aria-hidden="true"></div></div>
          </div>
        </div>
      </div>
    </div>`;
}

export const Issue3040Live = defineView<{ modalOpen: boolean; submitted: boolean }>({
  name: "Issue3040Live",
  mount(_p, _s, socket) {
    socket.assign({ modalOpen: false, submitted: false });
  },
  handleParams(params, _url, socket) {
    socket.assign({ modalOpen: params.modal !== undefined });
  },
  events: { submit: (_p, socket) => void socket.assign({ submitted: true }) },
  render: (a) => html`<style>
      ${raw(MODAL_STYLE)}
    </style>
    ${link({ patch: "/issues/3040?modal=true" }, "Add new")}
    ${
      a.modalOpen
        ? modal(
            "my-modal",
            { show: true, onCancel: JS.patch("/issues/3040") },
            html`<form phx-submit="submit">
        <input type="text" name="name" />
        ${a.submitted ? html`<p>Form was submitted!</p>` : ""}
      </form>`,
          )
        : ""
    }`,
});
