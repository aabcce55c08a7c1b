/**
 * /portal (E2E.PortalLive): modals, a live component, tooltips and nested portals, all
 * teleported by the client. Its root layout (the document, layouts.ts) wraps the view in
 * <main> beside #root-portal; its live layout adds #app-portal. Tailwind comes from a CDN
 * upstream: PORTAL_CSS holds the utilities the page's geometry relies on. Its nested view
 * (NestedLive) teleports a button and a nested view of its own.
 */
import { component, defineComponent, defineView, html, JS, liveRender, raw, type JSCommands, type Layout, type LiveStream } from "lagoon";
import { portal, uniqueInteger } from "../elixir.js";
import { MODAL_STYLE, modal, showModal } from "./modal.js";

export const PORTAL_CSS = `${MODAL_STYLE} .top-0{top:0} .right-0{right:0} .left-0{left:0} .z-\\[100\\]{z-index:100} .size-96{width:24rem;height:24rem} .size-32{width:8rem;height:8rem} .bg-gray-300{background-color:rgb(209 213 219)} .bg-red-500{background-color:rgb(239 68 68)} .bg-sky-800{background-color:rgb(7 89 133)} .text-white{color:#fff} .contents{display:contents} .block{display:block} .inline-block{display:inline-block} .w-fit{width:fit-content} .overflow-hidden{overflow:hidden} .mt-8{margin-top:2rem} .gap-4{gap:1rem} .border{border-width:1px;border-style:solid} .m-2{margin:0.5rem} .p-2{padding:0.5rem} .p-1{padding:0.25rem} .rounded-lg{border-radius:0.5rem} .bg-zinc-900{background-color:rgb(24 24 27)} .py-2{padding-top:0.5rem;padding-bottom:0.5rem} .px-3{padding-left:0.75rem;padding-right:0.75rem} .text-sm{font-size:0.875rem} .font-semibold{font-weight:600}`;

/** PortalLive's live layout. */
export const portalLayout: Layout = (inner) => html`<meta name="lv-profile" content="portal" /><style>${raw(PORTAL_CSS)}</style>${inner}

    <div id="app-portal"></div>`;

const button = (click: string | JSCommands | null, content: unknown) => html`<button
      class="phx-submit-loading:opacity-75 rounded-lg bg-zinc-900 hover:bg-zinc-700 py-2 px-3 text-sm font-semibold leading-6 text-white active:text-white/80"
      phx-click=${click}
    >
      ${content}
    </button>`;

const PortalLC = defineComponent<{ streams: { items: LiveStream<{ id: number; name: string }> } }>({
  name: "PortalLive.LC",
  update(_assigns, socket) {
    socket.stream("items", [
      { id: 1, name: "Item 1" },
      { id: 2, name: "Item 2" },
    ]);
  },
  events: {
    prepend(_p, socket) {
      const rand = 1000 + Math.floor(Math.random() * 1000);
      socket.streamInsert("items", { id: rand, name: `Item ${rand}` }, { at: 0 });
    },
  },
  render: (a) => html`<div id="teleported-lc" class="border border-red-200">
      <h1>LiveComponent</h1>

      <ul id="stream-in-lc" phx-update="stream">
        ${a.streams.items.map(
          (item, id) => html`<li id=${id}>
          ${item.name}
        </li>`,
        )}
      </ul>

      <button phx-click="prepend" phx-target=${a.myself}>Prepend item</button>

      ${portal("teleported-from-lc-button", "body", html`<button id="lcbtn" phx-hook="PortalLive.LC.TeleportedLCButton">Prepend item (teleported)</button>`)}
    </div>`,
});

function tooltip(id: string, withPortal: boolean, activator: unknown, content: unknown) {
  const show = JS.show({
    to: `#${id}`,
    transition: [
      "transform ease-out duration-200 transition origin-bottom",
      "scale-95 translate-y-0.5 opacity-0",
      "scale-100 translate-y-0 opacity-100",
    ],
    display: "block",
    time: 200,
    blocking: false,
  });
  const hide = JS.hide({
    to: `#${id}`,
    transition: ["transition ease-in duration-100", "opacity-100", "opacity-0"],
    time: 100,
    blocking: false,
  });
  const body = html`<div
          id=${id}
          phx-mounted=${JS.ignoreAttributes("style")}
          role="tooltip"
          class="hidden absolute top-0 left-0 z-50 bg-sky-800 text-white text-xs p-1"
        >
          ${content}
        </div>`;
  return html`<div
      id=${`${id}-wrapper`}
      class="relative inline-block w-fit"
      phx-hook="PortalTooltip"
      data-id=${id}
      data-show=${show}
      data-hide=${hide}
      data-position="top"
      phx-window-keydown=${JS.dispatch("phx:hide-tooltip")}
      phx-key="escape"
    >
      <div id=${`${id}-activator`} aria-describedby=${id} data-activator>
        ${activator}
      </div>
      ${withPortal ? portal(`${id}-portal`, "body", body) : body}
    </div>`;
}

const NestedTeleportedLive = defineView({
  name: "PortalLive.NestedTeleportedLive",
  events: { event: () => undefined },
  render: () => html`<div class="border border-green-200">
      <h1>Nested teleport LiveView</h1>
      <button phx-click="event">Toggle event in teleported LV</button>
    </div>`,
});

const NestedLive = defineView<{ count: number }>({
  name: "PortalLive.NestedLive",
  mount: (_p, _s, socket) => void socket.assign({ count: 0 }),
  events: { event: (_p, socket) => void socket.update("count", (n) => n + 1) },
  render: (a) => html`<div class="border border-orange-200">
      <h1>Nested LiveView</h1>

      <p id="nested-event-count">${a.count}</p>

      <button phx-click="event">Trigger event in nested LV</button>

      ${portal("nested-lv-button", "body", html`<button phx-click="event">Trigger event in nested LV (from teleported button)</button>`)}

      ${portal("nested-lv", "body", liveRender(NestedTeleportedLive, { id: "nested-teleported" }))}
    </div>`,
});

export const PortalLive = defineView<{
  paramCurrent: unknown;
  paramNext: number;
  count: number;
  renderModal: boolean;
  renderNestedPortals: boolean;
  nestedPortalCount: number;
}>({
  name: "PortalLive",
  mount(params, _s, socket) {
    if (socket.connected && params.tick !== "false") {
      const timer = setInterval(() => socket.send("tick"), 1000);
      socket.onEnd(() => clearInterval(timer));
    }
    socket.assign({ paramCurrent: null, count: 0, renderModal: true, renderNestedPortals: true, nestedPortalCount: 0 });
  },
  handleParams(params, _url, socket) {
    socket.assign({ paramCurrent: params.param ?? null, paramNext: uniqueInteger() });
  },
  info(message, socket) {
    if (message === "tick") socket.update("count", (n) => n + 1);
  },
  events: {
    tick: (_p, socket) => void socket.update("count", (n) => n + 1),
    toggle_modal: (_p, socket) => void socket.update("renderModal", (v) => !v),
    toggle_nested_portals: (_p, socket) => void socket.update("renderNestedPortals", (v) => !v),
    nested_portal_click: (_p, socket) => void socket.update("nestedPortalCount", (n) => n + 1),
  },
  render: (a) => {
    const patch = JS.patch(`/portal?param=${a.paramNext}`);
    const modalOpts = {
      variant: "portal" as const,
      containerClass: "shadow-zinc-700/10 ring-zinc-700/10 relative hidden rounded-2xl bg-white p-14 shadow-lg ring-1 transition",
    };
    return html`<h1>Modal example</h1>

    <p>Current param: ${a.paramCurrent}</p>

    ${button(patch, "Patch this LiveView")}

    ${button(showModal("my-modal", "portal"), "Open modal")}
    ${button("toggle_modal", "Toggle modal render")}
    ${button(showModal("my-modal-2", "portal").show({ to: "#inner-red-box" }), "Open second modal")}
    ${button(JS.push("tick"), "Tick")}

    ${button(JS.navigate("/form"), "Live navigate")}

    ${
      a.renderModal
        ? portal(
            "portal-source",
            "#root-portal",
            html`${modal(
              "my-modal",
              modalOpts,
              html`This is a modal.
        <p>DOM patching works as expected: ${a.count}</p>
        ${button(patch, "Patch this LiveView")}`,
            )}

      <div id="hook-test" phx-hook="PortalLive.InsidePortal">This should get a data attribute</div>`,
          )
        : ""
    }

    ${portal(
      "portal-source-2",
      "#app-portal",
      modal(
        "my-modal-2",
        modalOpts,
        html`This is a second modal.
        ${portal(
          "modal-2-inner-portal",
          "#my-modal-2-content",
          html`<div class="size-96 bg-gray-300 absolute top-0 right-0">
            ${portal(
              "modal-2-inner-portal-2",
              "#my-modal-2-content",
              html`<div
                id="inner-red-box"
                class="absolute top-0 right-0 bg-red-500 size-32"
                phx-click-away=${JS.hide()}
              >
                test
              </div>`,
              "contents",
            )}
          </div>`,
          "contents",
        )}`,
      ),
    )}

    ${portal("portal-with-live-component", "#root-portal", component(PortalLC, { id: "lc" }))}

    ${liveRender(NestedLive, { id: "nested" })}

    <div class="border border-sky-600 overflow-hidden mt-8 p-4 flex gap-4">
      ${tooltip("tooltip-example-portal", true, button(null, "Hover me"), html`Hey there! ${a.count}`)}
      ${tooltip("tooltip-example-no-portal", false, button(null, "Hover me (no portal)"), html`Hey there! ${a.count}`)}
    </div>

    <div class="border border-purple-600 mt-8 p-4">
      <h2>Nested Portal Test</h2>
      ${button("toggle_nested_portals", "Toggle nested portals")}
      <p>Nested portal count: <span id="nested-portal-count">${a.nestedPortalCount}</span></p>
      ${
        a.renderNestedPortals
          ? portal(
              "nested-portal-source",
              "#root-portal",
              html`<div id="outer-portal" class="border border-blue-400 p-4 m-2">
          <h3>Outer Portal</h3>
          ${portal(
            "inner-portal-source",
            "body",
            html`<div id="inner-portal" class="border border-green-400 p-2 m-2">
              <h4>Inner Portal (nested inside outer)</h4>
              <p id="nested-portal-content">Tick count: ${a.count}</p>
              ${button("nested_portal_click", "Click nested portal button")}
            </div>`,
          )}
        </div>`,
            )
          : ""
      }
    </div>

    ${modal(
      "non-teleported-modal",
      modalOpts,
      html`This is a non-teleported modal. Open the menu and click an item. The modal must not close.
      ${button(JS.show({ to: "#teleported-menu-content" }), "Open menu")}
      ${portal(
        "teleported-menu",
        "body",
        html`<div
          id="teleported-menu-content"
          class="hidden z-[100] fixed top-0 left-0 border border-red-500 p-4 bg-white"
        >
          ${button(JS.hide({ to: "#teleported-menu-content" }), "Close menu")}
        </div>`,
      )}`,
    )}

    ${button(showModal("non-teleported-modal", "portal"), "Open non-teleported modal")}`;
  },
});
