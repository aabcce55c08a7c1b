/**
 * Pages whose subject is a sticky LiveView (`live_render(..., sticky: true)`): it joins as
 * a root and survives live navigation within the live session. 3047 and 3681 render it in
 * their live session's layout (app.ts), 3496 in its pages' own layouts, 3612, 3656 and 3658
 * in the view.
 */
import { defineView, html, JS, liveRender, raw, type LiveStream, type Template } from "lagoon";
import { link } from "../elixir.js";

const Issue3612StickyLive = defineView({
  name: "Issue3612.StickyLive",
  events: {
    navigate_to_a: (_p, socket) => void socket.pushNavigate("/issues/3612/a"),
    navigate_to_b: (_p, socket) => void socket.pushNavigate("/issues/3612/b"),
  },
  render: () => html`<div>
      <a href="#" phx-click="navigate_to_a">Go to page A</a>
      <a href="#" phx-click="navigate_to_b">Go to page B</a>
    </div>`,
});

const issue3612Page = (page: string) =>
  defineView({
    name: `Issue3612.${page}Live`,
    render: () => html`${liveRender(Issue3612StickyLive, { id: "sticky", sticky: true })}

    <h1>Page ${page}</h1>`,
  });

/** /issues/3612/a and /b: the sticky child push_navigates between the pages */
export const Issue3612ALive = issue3612Page("A");
export const Issue3612BLive = issue3612Page("B");

const Issue3656Sticky = defineView({
  name: "Issue3656Live.Sticky",
  render: () => html`<nav>
      ${link({ navigate: "/issues/3656?navigated=true" }, "Link 1")}
    </nav>`,
});

/** /issues/3656: a navigate link in a sticky child loses its phx-click-loading */
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
    </style>

    ${liveRender(Issue3656Sticky, { id: "sticky", sticky: true })}`,
});

const Issue3658Sticky = defineView({
  name: "Issue3658Live.Sticky",
  render: () => html`<div>
      <div id="foo" phx-remove=${JS.dispatch("my-event")}>Hi</div>
    </div>`,
});

/** /issues/3658: phx-remove inside a sticky child does not run on navigation */
export const Issue3658Live = defineView({
  name: "Issue3658Live",
  render: () => html`${link({ navigate: "/issues/3658?navigated=true" }, "Link 1")}

    ${liveRender(Issue3658Sticky, { id: "sticky", sticky: true })}`,
});

/** Issue3496's layouts: MyHook logs "Hook mounted!"; A's layout adds the sticky child (holding `#my-component`), B's does not. */
const ISSUE_3496_SCRIPT = `<script>
  window.hooks.MyHook = { mounted: () => console.log("Hook mounted!") };
</script>
<style>
  * { font-size: 1.1em; }
</style>`;

const myComponent = () => html`<div id="my-component" phx-hook="MyHook"></div>`;

const Issue3496StickyLive = defineView({
  name: "Issue3496.StickyLive",
  render: () => html`<div>
      ${myComponent()}
    </div>`,
});

/** Issue3496's layouts: `with_sticky` adds the sticky child after the page, `without_sticky` does not. */
const issue3496Layout = (withSticky: boolean) => (inner: Template) =>
  html`${raw(ISSUE_3496_SCRIPT)}<div>
      ${inner}
    </div>
    ${withSticky ? liveRender(Issue3496StickyLive, { id: "sticky", sticky: true }) : ""}`;

/** /issues/3496/a (its layout's sticky child holds the page's only `#my-component`) */
export const Issue3496ALive = defineView({
  name: "Issue3496.ALive",
  // upstream's mount returns `layout: {Layouts, :with_sticky}`
  layout: issue3496Layout(true),
  render: () => html`<h1>Page A</h1>
    ${link({ navigate: "/issues/3496/b" }, "Go to page B")}`,
});

/** /issues/3496/b */
export const Issue3496BLive = defineView({
  name: "Issue3496.BLive",
  layout: issue3496Layout(false),
  render: () => html`<h1>Page B</h1>
    ${myComponent()}`,
});

type Item3047 = { id: number; name: string };
const items3047 = (from: number, to: number): Item3047[] =>
  Array.from({ length: to - from + 1 }, (_, i) => ({ id: from + i, name: `item-${from + i}` }));

const Issue3047Sticky = defineView<{ streams: { items: LiveStream<Item3047> } }>({
  name: "Issue3047.Sticky",
  mount: (_p, _s, socket) => void socket.stream("items", items3047(1, 10)),
  events: { reset: (_p, socket) => void socket.stream("items", items3047(5, 15), { reset: true }) },
  render: (a) => html`<div style="border: 2px solid black;">
      <h1>This is the sticky liveview</h1>
      <div id="items" phx-update="stream" style="display: flex; flex-direction: column; gap: 4px;">
        ${a.streams.items.map((item, id) => html`<span id=${id}>${item.name}</span>`)}
      </div>

      <button phx-click="reset">Reset</button>
    </div>`,
});

/** /issues/3047/a and /b: pages inside a layout with navigate links and a sticky child (a stream of ten items, reset to 5..15) */
export const issue3047Frame = (inner: unknown) => html`<div class="flex flex-col items-center justify-center">
      <div class="flex flex-row gap-3">
        ${link({ navigate: "/issues/3047/a", class: "border rounded bg-blue-700 w-fit px-2 text-white" }, "Page A")}
        ${link({ navigate: "/issues/3047/b", class: "border rounded bg-blue-700 w-fit px-2 text-white" }, "Page B")}
      </div>

      ${inner}

      ${liveRender(Issue3047Sticky, { id: "test", sticky: true })}
    </div>`;
export const Issue3047ALive = defineView({ name: "Issue3047ALive", render: () => html`<span id="page">Page A</span>` });
export const Issue3047BLive = defineView({ name: "Issue3047BLive", render: () => html`<span id="page">Page B</span>` });

type Msg = { id: number; msg: number };
const messages = (a: { streams: { messages: LiveStream<Msg> } }, id: string) => html`<div id=${id} phx-update="stream">
      ${a.streams.messages.map(
        (m, domId) => html`<div id=${domId}>
        <div>${m.msg}</div>
      </div>`,
      )}
    </div>`;

const Issue3681StickyLive = defineView<{ streams: { messages: LiveStream<Msg> } }>({
  name: "Issue3681.StickyLive",
  mount: (_p, _s, socket) =>
    void socket.stream("messages", [
      { id: 1, msg: 1 },
      { id: 2, msg: 2 },
      { id: 3, msg: 3 },
    ]),
  render: (a) => messages(a, "msgs-sticky"),
});

/** /issues/3681 and /issues/3681/away, inside a layout whose sticky child streams messages 1..3 into #msgs-sticky */
export const issue3681Frame = (inner: unknown) => html`${liveRender(Issue3681StickyLive, { id: "sticky", sticky: true })}

    <hr />
    ${inner}
    <hr />`;
export const Issue3681Live = defineView({
  name: "Issue3681Live",
  render: () => html`<h3>A LiveView that does nothing but render its layout.</h3>
    ${link({ navigate: "/issues/3681/away" }, "Go to a different LV with a (funcky) stream")}`,
});
export const Issue3681AwayLive = defineView<{ streams: { messages: LiveStream<Msg> } }>({
  name: "Issue3681.AwayLive",
  mount(_p, _s, socket) {
    // declared, then reset at once: the stream whose ref must not collide with the sticky child's
    socket.stream("messages", []).stream("messages", [{ id: 4, msg: 4 }], { reset: true });
  },
  render: (a) => html`<h3>A liveview with a stream configured twice</h3>
    <h4>This causes the nested liveview in the layout above to be reset by the client.</h4>

    ${link({ navigate: "/issues/3681" }, "Go back to (the now borked) LV without a stream")}
    <h1>Normal Stream</h1>
    ${messages(a, "msgs-normal")}`,
});
