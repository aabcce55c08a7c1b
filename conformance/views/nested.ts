/**
 * Pages whose subject is a nested or sticky LiveView (`live_render`), which Lagoon does not
 * have yet: their own parts are ported, the child's slot stays empty
 * (/work/notes/conformance-gaps.md says what the child must do).
 */
import { component, defineComponent, defineView, html } from "lagoon";
import { link } from "../elixir.js";

const Issue3953Component = defineComponent({
  name: "Issue3953Live.Component",
  render: () => html`<div>
      Component
    </div>`,
});

/** /issues/3953 (child: NestedViewLive with its own component "comp2", under #nested_view when shown) */
export const Issue3953Live = defineView<{ show: boolean }>({
  name: "Issue3953Live",
  mount(_p, _s, socket) {
    socket.assign({ show: false });
  },
  events: { toggle: (_p, socket) => void socket.update("show", (v) => !v) },
  render: () => html`${component(Issue3953Component, { id: "comp" })}
    <button phx-click="toggle">Show</button>`,
});

/** /issues/4359 (child: ChildLive, rendering "child", as #child) */
export const Issue4359Live = defineView({
  name: "Issue4359Live",
  mount(params, _s, socket) {
    if (socket.connected && params.done !== "1") socket.send("go");
  },
  async info(message, socket) {
    if (message !== "go") return;
    await new Promise((resolve) => setTimeout(resolve, 2000));
    socket.pushNavigate("/issues/4359?done=1");
  },
  render: () => html``,
});

/** /issues/3656 (sticky child: a nav with a navigate link to /issues/3656?navigated=true) */
export const Issue3656Live = defineView({
  name: "Issue3656Live",
  render: () => html`<style>
      * { font-size: 1.1em }
      nav { margin-top: 1em }
      nav a { padding: 8px 16px; border: 1px solid black; text-decoration: none }
      nav a:visited { color: inherit }
      nav a.active { border: 3px solid green }
      nav a.phx-click-loading { animation: pulsate 2s infinite }
      @keyframes pulsate {
        0% {
          background-color: white;
        }
        50% {
          background-color: red;
        }
        100% {
          background-color: white;
        }
      }
    </style>`,
});

/** /issues/3658 (sticky child: `<div id="foo" phx-remove={JS.dispatch("my-event")}>Hi</div>`) */
export const Issue3658Live = defineView({
  name: "Issue3658Live",
  render: () => html`${link({ navigate: "/issues/3658?navigated=true" }, "Link 1")}`,
});
