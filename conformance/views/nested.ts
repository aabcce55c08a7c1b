/**
 * Pages whose subject is a nested or sticky LiveView (`live_render`), which Lagoon does not
 * have yet: their own parts are ported, the child's slot stays empty
 * (/work/notes/conformance-gaps.md says what the child must do).
 */
import { component, defineComponent, defineView, html, type LiveStream } from "lagoon";
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

/** /issues/3612/a and /b (sticky child before the heading: two phx-click links that push_navigate between the pages) */
export const Issue3612ALive = defineView({ name: "Issue3612.ALive", render: () => html`<h1>Page A</h1>` });
export const Issue3612BLive = defineView({ name: "Issue3612.BLive", render: () => html`<h1>Page B</h1>` });

/** Issue3496's layouts: MyHook logs "Hook mounted!"; A's layout adds the sticky child (holding `#my-component`), B's does not. */
export const ISSUE_3496_SCRIPT = `<script>
  window.hooks.MyHook = { mounted: () => console.log("Hook mounted!") };
</script>
<style>
  * { font-size: 1.1em; }
</style>`;

/** /issues/3496/a (its layout's sticky child holds the page's only `#my-component`) */
export const Issue3496ALive = defineView({
  name: "Issue3496.ALive",
  render: () => html`<div>
      <h1>Page A</h1>
      ${link({ navigate: "/issues/3496/b" }, "Go to page B")}
    </div>`,
});

/** /issues/3496/b */
export const Issue3496BLive = defineView({
  name: "Issue3496.BLive",
  render: () => html`<div>
      <h1>Page B</h1>
      <div id="my-component" phx-hook="MyHook"></div>
    </div>`,
});

/** /issues/3047/a and /b: pages inside a layout with navigate links and a sticky child (a stream of ten items, reset to 5..15) */
export const issue3047Frame = (inner: unknown) => html`<div class="flex flex-col items-center justify-center">
      <div class="flex flex-row gap-3">
        ${link({ navigate: "/issues/3047/a", class: "border rounded bg-blue-700 w-fit px-2 text-white" }, "Page A")}
        ${link({ navigate: "/issues/3047/b", class: "border rounded bg-blue-700 w-fit px-2 text-white" }, "Page B")}
      </div>
      ${inner}
    </div>`;
export const Issue3047ALive = defineView({ name: "Issue3047ALive", render: () => html`<span id="page">Page A</span>` });
export const Issue3047BLive = defineView({ name: "Issue3047BLive", render: () => html`<span id="page">Page B</span>` });

/** /issues/3681 and /issues/3681/away, inside a layout whose sticky child streams messages 1..3 into #msgs-sticky */
export const issue3681Frame = (inner: unknown) => html`<hr />
    ${inner}
    <hr />`;
export const Issue3681Live = defineView({
  name: "Issue3681Live",
  render: () => html`<h3>A LiveView that does nothing but render its layout.</h3>
    ${link({ navigate: "/issues/3681/away" }, "Go to a different LV with a (funcky) stream")}`,
});
export const Issue3681AwayLive = defineView<{ streams: { messages: LiveStream<{ id: number; msg: number }> } }>({
  name: "Issue3681.AwayLive",
  mount(_p, _s, socket) {
    // declared, then reset at once: the stream whose ref must not collide with the sticky child's
    socket.stream("messages", []).stream("messages", [{ id: 4, msg: 4 }], { reset: true });
  },
  render: (a) => html`<h3>A liveview with a stream configured twice</h3>
    <h4>This causes the nested liveview in the layout above to be reset by the client.</h4>
    ${link({ navigate: "/issues/3681" }, "Go back to (the now borked) LV without a stream")}
    <h1>Normal Stream</h1>
    <div id="msgs-normal" phx-update="stream">
      ${a.streams.messages.map(
        (m, id) => html`<div id=${id}>
        <div>${m.msg}</div>
      </div>`,
      )}
    </div>`,
});
