/** Plain pages: client JS commands, focus wrapping, attribute defaults, hooks set by page scripts. */
import { defineView, html, JS } from "lagoon";
import { focusWrap, link } from "../elixir.js";

/** /js (E2E.JsLive) */
export const JsLive = defineView<{ count: number }>({
  name: "JsLive",
  mount(_p, _s, socket) {
    socket.assign({ count: 0 });
  },
  events: {
    increment: (_p, socket) => void socket.update("count", (n) => n + 1),
  },
  render: (a) => html`<div id="my-modal" aria-expanded="false" style="display: none;">Test</div>

    <button phx-click=${JS.show({ time: 50, to: "#my-modal", transition: "fade-in" })
      .setAttribute("aria-expanded", "true", { to: "#my-modal" })
      .setAttribute("open", "true", { to: "#my-modal" })}>
      show modal
    </button>

    <button phx-click=${JS.hide({ time: 50, to: "#my-modal", transition: "fade-out" })
      .setAttribute("aria-expanded", "false", { to: "#my-modal" })
      .removeAttribute("open", { to: "#my-modal" })}>
      hide modal
    </button>

    <button phx-click=${JS.toggle({ in: "fade-in", out: "fade-out", time: 50, to: "#my-modal" })
      .toggleAttribute("aria-expanded", ["true", "false"], { to: "#my-modal" })
      .toggleAttribute("open", "true", { to: "#my-modal" })}>
      toggle modal
    </button>

    <details phx-mounted=${JS.ignoreAttributes("open")}>
      <summary>Details</summary>
      <button phx-click="increment">${a.count}</button>
    </details>`,
});

const dropdownItem = (text: string) => html`<button
                phx-click=${JS.hide({ to: "#dropdown-menu" })}
                class="block w-full text-left px-4 py-2 text-sm text-gray-700 hover:bg-gray-100 focus:bg-gray-100 focus:outline-none"
              >
                ${text}
              </button>`;

/** /components (E2E.ComponentsLive) */
export const ComponentsLive = defineView<{ activeTab: string; tailwind: boolean }>({
  name: "ComponentsLive",
  mount(_p, _s, socket) {
    socket.assign({ tailwind: true });
  },
  handleParams(params, _url, socket) {
    socket.assign({ activeTab: typeof params.tab === "string" ? params.tab : "focus_wrap" });
  },
  render: (a) => html`<div class="p-6">
      <h1 class="text-2xl font-bold mb-6">Phoenix Components Demo</h1>

      <div class="border-b border-gray-200 mb-6">
        <nav class="-mb-px flex space-x-8">
          ${link(
            {
              patch: "/components?tab=focus_wrap",
              class: `whitespace-nowrap py-2 px-1 border-b-2 font-medium text-sm transition-colors ${a.activeTab === "focus_wrap" ? "border-blue-500 text-blue-600" : "border-transparent text-gray-500 hover:text-gray-700 hover:border-gray-300"}`,
            },
            "Focus Wrap",
          )}
        </nav>
      </div>

      <div class="mt-6">
        ${a.activeTab === "focus_wrap" ? html`<div>${focusWrapDemo()}</div>` : ""}
      </div>
    </div>`,
});

function focusWrapDemo() {
  return html`<div class="space-y-6">
      <div>
        <h2 class="text-xl font-semibold mb-4">Phoenix.Component.focus_wrap Demo</h2>
        <p class="text-gray-600 mb-6">
          The focus_wrap component wraps tab focus around a container for accessibility.
          This is essential for modals, dialogs, and menus.
        </p>
      </div>

      <div class="space-y-4">
        <h3 class="text-lg font-medium">Dropdown Menu Example</h3>
        <p class="text-sm text-gray-600">
          Click the button to open a dropdown menu with focus wrapping.
        </p>

        <div class="relative inline-block">
          <button
            id="dropdown-button"
            phx-click=${JS.toggle({ to: "#dropdown-menu" }).focusFirst({ to: "#dropdown-content" })}
            class="px-4 py-2 bg-gray-600 text-white rounded hover:bg-gray-700 focus:outline-none focus:ring-2 focus:ring-gray-500"
          >
            Options ▼
          </button>

          <div
            id="dropdown-menu"
            class="hidden absolute left-0 mt-2 bg-white border border-gray-300 rounded shadow-lg z-10"
          >
            ${focusWrap("dropdown-content", { class: "py-1" }, [dropdownItem("Edit Profile"), dropdownItem("Settings"), dropdownItem("Sign Out")])}
          </div>
        </div>
      </div>

      <div class="space-y-4">
        <h3 class="text-lg font-medium">Simple Focus Container</h3>
        <p class="text-sm text-gray-600">
          A simple container that wraps focus. Notice how Tab navigation cycles within this box.
        </p>

        ${focusWrap(
          "simple-focus-container",
          { class: "border-2 border-dashed border-gray-300 p-4 rounded" },
          html`<div class="space-y-3">
            <h4 class="font-medium">Focus Trapped Container</h4>
            <p class="text-sm text-gray-600">
              Tab through these elements and notice how focus cycles within this container.
            </p>

            <div class="grid grid-cols-2 gap-3">
              <button class="px-3 py-2 bg-green-600 text-white rounded hover:bg-green-700 focus:outline-none focus:ring-2 focus:ring-green-500">
                Button 1
              </button>
              <button class="px-3 py-2 bg-green-600 text-white rounded hover:bg-green-700 focus:outline-none focus:ring-2 focus:ring-green-500">
                Button 2
              </button>
            </div>

            <input
              type="text"
              placeholder="Input within container"
              class="w-full px-3 py-2 border border-gray-300 rounded focus:outline-none focus:ring-2 focus:ring-green-500"
            />
          </div>`,
        )}
      </div>
    </div>`;
}

/** /issues/3636 */
export const Issue3636Live = defineView({
  name: "Issue3636Live",
  render: () => html`<style>
      .space-x-8 > :not([hidden]) ~ :not([hidden]) {
        margin-left: 2rem;
      }
    </style>

    <div class="container mx-auto p-8">
      <button>Outside 1</button>
      ${focusWrap(
        "focus-wrap",
        { class: "space-x-8" },
        html`<button id="first" class="border rounded py-2 px-4">One</button>
        <button id="second" class="border rounded py-2 px-4">Two</button>
        <button id="third" class="border rounded py-2 px-4">Three</button>`,
      )}
      <button>Outside 2</button>
    </div>`,
});

/** /issues/3919 */
export const Issue3919Live = defineView<{ action: { text: string; special?: boolean } }>({
  name: "Issue3919Live",
  mount(_p, _s, socket) {
    socket.assign({ action: { text: "No red" } });
  },
  events: {
    toggle_special: (_p, socket) =>
      void socket.assign({ action: socket.assigns.action.special ? { text: "No red" } : { text: "Red", special: true } }),
  },
  render: (a) => html`<div style="${a.action.special ? "background-color: red;" : ""}">
      ${a.action.text}
    </div>

    <button phx-click="toggle_special">toggle</button>`,
});

/** /issues/4325 */
export const Issue4325Live = defineView<{ count: number; preScript: string }>({
  name: "Issue4325Live",
  mount(_p, _s, socket) {
    socket.assign({
      count: 0,
      // counts the hook's callbacks; the hook writes the id the element already has
      preScript: `<script>
        const lifecycle = (window.issue4325Lifecycle = { mounted: 0, updated: 0, destroyed: 0 });
        window.hooks.IdPassthrough = {
          mounted() {
            lifecycle.mounted += 1;
            this.js().setAttribute(this.el, "id", this.el.id);
          },
          updated() {
            lifecycle.updated += 1;
          },
          destroyed() {
            lifecycle.destroyed += 1;
          },
        };
      </script>`,
    });
  },
  events: { increment: (_p, socket) => void socket.update("count", (n) => n + 1) },
  render: (a) => html`<button phx-click="increment">Increment</button>
    <div id="hooked" phx-hook="IdPassthrough">count is ${a.count}</div>`,
});

/** /issues/4323: the custom elements are defined by a script before the form (Phoenix renders it in the root layout). */
export const Issue4323Live = defineView<{ counter: number }>({
  name: "Issue4323Live",
  mount(_p, _s, socket) {
    socket.assign({ counter: 0 });
  },
  // two form-associated custom elements, the second delegating focus to an input in its shadow root
  render: (a) => html`<script>
      if (!customElements.get("issue-4323-face")) {
        const formAssociated = (shadow) =>
          class extends HTMLElement {
            static formAssociated = true;
            constructor() {
              super();
              this.attachInternals();
              if (shadow) this.attachShadow({ mode: "open", delegatesFocus: true }).innerHTML = '<input type="text"><slot></slot>';
            }
          };
        customElements.define("issue-4323-face", formAssociated(false));
        customElements.define("issue-4323-delegates-face", formAssociated(true));
      }
    </script>
    <form id="test-form">
      <issue-4323-face id="face-default" tabindex="0">
        <span id="face-default-child">count:${a.counter}</span>
      </issue-4323-face>

      <issue-4323-face id="face-opt-in" tabindex="0" phx-patch-focused>
        <span id="face-opt-in-child">count:${a.counter}</span>
      </issue-4323-face>

      <issue-4323-delegates-face id="face-delegates" phx-patch-focused>
        <span id="face-delegates-child">count:${a.counter}</span>
      </issue-4323-delegates-face>

      <input id="native-default" value=${a.counter} />
      <input id="native-opt-in" value=${a.counter} phx-patch-focused />
    </form>`,
});
