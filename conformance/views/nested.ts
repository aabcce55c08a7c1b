/**
 * Pages whose subject is a nested LiveView (`live_render` in a view): 3378, 3530, 3953,
 * 4209, 4359 and /form/nested. The sticky ones are in sticky.ts.
 */
import { component, defineComponent, defineView, html, liveRender, type LiveStream } from "lagoon";
import { link } from "../elixir.js";
import { FormLiveNested } from "./forms.js";

const Issue3953Component = defineComponent({
  name: "Issue3953Live.Component",
  render: () => html`<div>
      Component
    </div>`,
});

const Issue3953NestedViewLive = defineView({
  name: "Issue3953Live.NestedViewLive",
  render: () => html`Nested Content
    ${component(Issue3953Component, { id: "comp2" })}`,
});

/** /issues/3953: a child with a component of its own (cid 1 of the child), shown and hidden */
export const Issue3953Live = defineView<{ show: boolean }>({
  name: "Issue3953Live",
  mount(_p, _s, socket) {
    socket.assign({ show: false });
  },
  events: { toggle: (_p, socket) => void socket.update("show", (v) => !v) },
  render: (a) => html`${component(Issue3953Component, { id: "comp" })}
    <button phx-click="toggle">Show</button>
    ${a.show ? liveRender(Issue3953NestedViewLive, { id: "nested_view", session: {} }) : ""}`,
});

const Issue4359ChildLive = defineView({ name: "Issue4359Live.ChildLive", render: () => html`child` });

/** /issues/4359: the parent navigates 2 s after its connected mount, while its child joins */
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
  render: () => html`${liveRender(Issue4359ChildLive, { id: "child" })}`,
});

const Issue3378NotificationsLive = defineView<{ streams: { notifications: LiveStream<{ id: number; message: string }> } }>({
  name: "Issue3378.NotificationsLive",
  mount(_p, _s, socket) {
    socket.stream("notifications", [{ id: 1, message: "Hello" }]);
  },
  render: (a) => html`<div>
      <ul id="notifications_list" phx-update="stream">
        ${a.streams.notifications.map(
          (_n, id) => html`<div id=${id}>
          <p>big!</p>
        </div>`,
        )}
      </ul>
    </div>`,
});

const Issue3378AppBarLive = defineView({
  name: "Issue3378.AppBarLive",
  render: () => html`<div>
      ${liveRender(Issue3378NotificationsLive, { id: "notifications", session: {} })}
    </div>`,
});

/** /issues/3378: a nested view inside a nested view, holding a stream; the page reconnects */
export const Issue3378HomeLive = defineView({
  name: "Issue3378.HomeLive",
  render: () => html`${liveRender(Issue3378AppBarLive, { id: "appbar", session: {} })}`,
});

/** Issue3530Live's layout: its LiveSocket's `test` hook logs the view it mounted in. */
export const ISSUE_3530_SCRIPT = `<script>
  window.hooks.test = {
    mounted() {
      console.log(this.__view().id, "mounted hook!");
    },
  };
</script>`;

const Issue3530NestedLive = defineView<{ itemId: unknown }>({
  name: "Issue3530Live.NestedLive",
  mount(_p, session, socket) {
    socket.assign({ itemId: session.item_id });
  },
  render: (a) => html`<div id=${`item-outer-${a.itemId}`}>
        test hook with nested liveview
        <div id=${`test-hook-${a.itemId}`} phx-hook="test"></div>
      </div>`,
});

type Item3530 = { id: number };

/** /issues/3530: a stream of nested views, reset by patches */
export const Issue3530Live = defineView<{ count: number; streams: { items: LiveStream<Item3530> } }>({
  name: "Issue3530Live",
  mount(_p, _s, socket) {
    socket.assign({ count: 3 }).stream("items", [], { domId: (item: Item3530) => `item-${item.id}` });
  },
  handleParams(params, _url, socket) {
    const ids = params.q === "a" ? [1, 3] : params.q === "b" ? [2, 3] : [1, 2, 3];
    socket.stream(
      "items",
      ids.map((id) => ({ id })),
      { reset: true },
    );
  },
  events: {
    inc(_p, socket) {
      socket.update("count", (n) => n + 1);
      socket.streamInsert("items", { id: socket.assigns.count });
    },
  },
  render: (a) => html`<ul id="stream-list" phx-update="stream">
      ${a.streams.items.map((item, id) => liveRender(Issue3530NestedLive, { id, session: { item_id: item.id } }))}
    </ul>
    ${link({ patch: "/issues/3530?q=a" }, "patch a")}
    ${link({ patch: "/issues/3530?q=b" }, "patch b")}
    <div phx-click="inc">+</div>`,
});

const Issue4209ChildComponent = defineComponent<{ label: string }>({
  name: "Issue4209Live.ChildComponent",
  render: (a) => html`<div id="locked-child-content">
        <span id="locked-child-label">${a.label}</span>
      </div>`,
});

/** Issue4209's child: its slow event tells the parent two things, then holds the lock for 800 ms. */
const Issue4209SlowTargetLive = defineView({
  name: "Issue4209Live.SlowTargetLive",
  events: {
    async "hold-lock"(_p, socket) {
      socket.parent?.send("bump_outside");
      socket.parent?.send("update_child");
      await new Promise((resolve) => setTimeout(resolve, 800));
    },
  },
  render: () => html`<div id="slow-target-child">slow target</div>`,
});

/** /issues/4209: the parent keeps patching (a component inside a locked element too) while its child's event is pending */
export const Issue4209Live = defineView<{ outsideCount: number }>({
  name: "Issue4209Live",
  mount(_p, _s, socket) {
    socket.assign({ outsideCount: 0 });
  },
  info(message, socket) {
    if (message === "bump_outside") socket.update("outsideCount", (n) => n + 1);
    if (message === "update_child") socket.sendUpdate(Issue4209ChildComponent, "locked-child", { label: "child 1" });
  },
  render: (a) => html`<div id="outside-count">${a.outsideCount}</div>
    <div id="locked-panel" phx-hook="Issue4209Live.LockedPanel">
      ${component(Issue4209ChildComponent, { id: "locked-child", label: "child 0" })}
      <button id="start-locked-update" type="button">Start locked update</button>
    </div>
    <div id="slow-target">
      ${liveRender(Issue4209SlowTargetLive, { id: "slow-target-live" })}
    </div>`,
});

/** /form/nested (E2E.NestedFormLive): FormLive's form as a child, the URL's params as its session */
export const NestedFormLive = defineView<{ params: Record<string, unknown> }>({
  name: "NestedFormLive",
  mount(params, _s, socket) {
    socket.assign({ params });
  },
  render: (a) => html`${liveRender(FormLiveNested, { id: "nested", session: { params: a.params } })}`,
});
