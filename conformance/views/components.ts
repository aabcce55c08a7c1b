/** Live component pages: cids, updates from the parent and send_update, targets, destroy races. */
import { component, defineComponent, defineView, html, type AsyncResult } from "lagoon";
import { Atom, inspect, js, link, optionsForSelect, utcNow } from "../elixir.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const Issue3026Form = defineComponent<{ name: string; email: string }>({
  name: "Issue3026Live.Form",
  render: (a) => html`<div>
        Example form
        <form phx-change="validate" phx-submit="submit">
          <input label="Name" name="name" type="text" value=${a.name} />
          <input label="Email" name="email" type="text" value=${a.email} />
          <button type="submit">Submit</button>
        </form>
      </div>`,
});

/** /issues/3026 */
export const Issue3026Live = defineView<{ status: string; name?: string; email?: string }>({
  name: "Issue3026Live",
  mount(_p, _s, socket) {
    if (socket.connected) socket.send("load");
    socket.assign({ status: socket.connected ? "loading" : "connecting" });
  },
  async info(message, socket) {
    if (message !== "load") return;
    // the view's mailbox waits, as the Phoenix process sleeps
    await sleep(200);
    socket.assign({ status: "loaded", name: "John", email: "" });
  },
  events: {
    change_status: (p, socket) => void socket.assign({ status: String(p.status) }),
    validate: (p, socket) => void socket.assign({ name: String(p.name ?? ""), email: String(p.email ?? "") }),
    submit(_p, socket) {
      socket.send("load");
      socket.assign({ status: "loading" });
    },
  },
  render: (a) => html`<form phx-change="change_status">
      <select name="status" type="select">
        ${optionsForSelect(
          ["connecting", "loading", "connected", "loaded"].map((s) => [s.charAt(0).toUpperCase() + s.slice(1), s]),
          a.status,
        )}
      </select>
    </form>
    ${
      a.status === "loaded"
        ? component(Issue3026Form, { id: "my-form", name: a.name ?? "", email: a.email ?? "" })
        : html`<div class="p-8 bg-gray-200 mb-4">
      ${a.status}
    </div>`
    }`,
});

const BadgeForm = defineComponent<{ type: string }>({
  name: "Issue3684Live.BadgeForm",
  mount(socket) {
    socket.assign({ type: "huey" });
  },
  update() {},
  events: { "change-type": (p, socket) => void socket.assign({ type: String(p.type) }) },
  render: (a) => html`<div>
        <form id="foo" class="max-w-lg p-8 flex flex-col gap-4" phx-change="change" phx-submit="submit">
          <fieldset>
            <legend>Radio example:</legend>
            ${["huey", "dewey"].map(
              (type) => html`<div phx-click="change-type" phx-value-type=${type} phx-target=${a.myself}>
              <input type="radio" id=${type} name="type" value=${type} checked=${a.type === type} />
              <label for=${type}>${type}</label>
            </div>`,
            )}
          </fieldset>
        </form>
      </div>`,
});

/** /issues/3684 */
export const Issue3684Live = defineView({
  name: "Issue3684Live",
  events: { change: () => undefined, submit: () => undefined },
  render: () => html`${component(BadgeForm, { id: "badge_form" })}`,
});

const Issue3979Component = defineComponent<{ domId: string; counter: number }>({
  name: "Issue3979Live.Component",
  render: (a) => html`<div id=${a.domId}>
      ${a.counter}
    </div>`,
});

/** /issues/3979 */
export const Issue3979Live = defineView<{ counter: number; components: { id: number; counter: number }[] }>({
  name: "Issue3979Live",
  mount(_p, _s, socket) {
    socket.assign({ counter: 1, components: Array.from({ length: 10 }, (_, i) => ({ id: i + 1, counter: 0 })) });
  },
  events: {
    bump(_p, socket) {
      const { counter, components } = socket.assigns;
      socket.sendAfter({ update: counter }, 100);
      socket.assign({
        components: components.map((c, i) => (i + 1 === counter ? { ...c, counter: c.counter + 1 } : c)),
        counter: counter + 1,
      });
    },
  },
  info(message, socket) {
    if (typeof message?.update === "number") socket.sendUpdate(Issue3979Component, `comp-${message.update}`, { counter: 10 });
  },
  render: (a) => html`${a.components.map((c) =>
    component(Issue3979Component, { id: `comp-${c.id}`, domId: `hello-${c.id}-${c.counter}`, counter: c.counter }),
  )}
    <button phx-click="bump">Bump ID (and counter)</button>`,
});

const FormColumn = defineComponent<{ value: string }>({
  name: "Issue3169Live.FormColumn",
  render: (a) => html`<div>
      FormColumn (c3) <input type="text" value=${a.value} />
      <div>
      ${a.value}
      <input type="text" value=${a.value} />
      <div>
      ${a.value}
      <input type="text" value=${a.value} />
    </div>
    </div>
      This is a test! foo
    </div>`,
});

type Record3169 = { id: number; name: string };

const FormCore = defineComponent<{ record: Record3169 | null }>({
  name: "Issue3169Live.FormCore",
  mount(socket) {
    socket.assign({ record: null });
  },
  render: (a) => html`<div>
      FormCore (c2)
      <form>
        ${component(FormColumn, { id: `column-${a.record?.id}`, value: a.record?.name ?? "" })}
      </form>
    </div>`,
});

const FormComponent3169 = defineComponent<{ record: Record3169 | null; selected?: string | null; action?: { load: string } }>({
  name: "Issue3169Live.FormComponent",
  mount(socket) {
    socket.assign({ record: null });
  },
  update(assigns, socket) {
    if (assigns.action) {
      socket.assign({ record: { id: Math.floor(Math.random() * 1_000_000) + 1, name: `Record ${assigns.action.load}` } });
    } else if (assigns.selected !== null && assigns.selected !== undefined) {
      socket.sendUpdate(FormComponent3169, "form_view", { action: { load: assigns.selected } });
      socket.assign({ record: null });
    }
  },
  render: (a) => html`<div>
      FormComponent (c1)
      ${
        a.record
          ? html`<div>
        ${component(FormCore, { id: "core", record: a.record })}
      </div>`
          : ""
      }
      <hr />
    </div>`,
});

/** /issues/3169 */
export const Issue3169Live = defineView<{ selected: string | null }>({
  name: "Issue3169Live",
  mount(_p, _s, socket) {
    socket.assign({ selected: null });
  },
  events: { select: (p, socket) => void socket.assign({ selected: String(p.name) }) },
  render: (a) => html`HomeLive ${component(FormComponent3169, { id: "form_view", selected: a.selected })}
    <button id="select-a" phx-click="select" phx-value-name="a">Select A</button>
    <button id="select-b" phx-click="select" phx-value-name="b">Select B</button>
    <button id="select-z" phx-click="select" phx-value-name="z">Select Z</button>`,
});

const RootChangingComponent = defineComponent<{ changed: boolean }>({
  name: "Issue4334Live.RootChangingComponent",
  mount(socket) {
    socket.assign({ changed: false });
  },
  events: { "change-root-id": (_p, socket) => void socket.assign({ changed: true }) },
  render: (a) => html`<section
        id=${a.changed ? "new-root" : "old-root"}
        data-testid="component-root"
        phx-hook="RootChange"
        style="min-height: 10rem; margin-top: 2rem; padding: 1.5rem; border: 4px solid #dc2626;"
      >
        <button
          id="change-root"
          phx-click="change-root-id"
          phx-target=${a.myself}
          style="padding: 0.75rem 1rem; background: #111827; color: white;"
        >
          Change component root ID
        </button>
        <p id=${a.changed ? "new-child" : "old-child"} style="font-size: 1.25rem;">
          ${a.changed ? "NEW CHILD SHOULD REMAIN VISIBLE" : "Old child is visible"}
        </p>
      </section>`,
});

/** /issues/4334 */
export const Issue4334Live = defineView<{ preScript: string }>({
  name: "Issue4334Live",
  mount(_p, _s, socket) {
    socket.assign({
      preScript: `<script>
        window.hooks.RootChange = {
          mounted() {
            console.log("MyHook mounted");
          },
          updated() {
            console.log("MyHook updated");
          },
        };
      </script>`,
    });
  },
  render: () => html`<main style="max-width: 48rem; margin: 4rem auto; font-family: system-ui;">
      <h1>LiveComponent root ID corruption repro</h1>
      <p id="instructions">
        Click the button. The component root changes from <code>old-root</code>
        to <code>new-root</code>. On affected LiveView versions, the replacement root remains
        but all of its new children disappear.
      </p>
      ${component(RootChangingComponent, { id: "demo-component" })}
    </main>`,
});

/** /issues/3651 */
export const Issue3651Live = defineView<{ id: number; counter: number; preScript: string }>({
  name: "Issue3651Live",
  mount(_p, _s, socket) {
    if (socket.connected) socket.send("change_id");
    socket.assign({
      id: 1,
      counter: 0,
      preScript: `<script>
          window.hooks.OuterHook = {
            mounted() {
              this.pushEvent("lol");
            },
          };
          window.hooks.InnerHook = {
            mounted() {
              this.handleEvent("myevent", () => setTimeout(() => this.pushEvent("reload", {}), 50));
            },
            destroyed() {
              document.getElementById("notice").innerHTML = "";
            },
          };
        </script>`,
    });
    socket.pushEvent("myevent", {});
  },
  info(message, socket) {
    if (message === "change_id") socket.assign({ id: 2 });
  },
  events: {
    lol: () => undefined,
    reload(_p, socket) {
      const counter = socket.assigns.counter + 1;
      socket.pushEvent("myevent", {}).assign({ counter });
      if (counter > 4096) throw new Error("that's enough, bye!");
    },
  },
  render: (a) => html`<div id="main" phx-hook="OuterHook">
      <div phx-hook="InnerHook" id=${`id-${a.id}`}></div>
      This is an example of nested hooks resulting in a "ghost" element
      that isn't on the DOM, and is never cleaned up.
    </div>
    <div style="color: blue; font-size: 20px" id="counter">
      Total Event Calls: <span id="total">${a.counter}</span>
    </div>
    <div style="color: red; font-size: 72px" id="notice" phx-update="ignore">
      I will disappear if the bug is not present.
    </div>`,
});

const MessageComponent = defineComponent<{ message: string }>({
  name: "Issue3200.MessageComponent",
  render: (a) => html`<div>${a.message}</div>`,
});

const MessagesTab = defineComponent<{ value: string }>({
  name: "Issue3200.MessagesTab",
  update(_assigns, socket) {
    socket.assign({ value: "" });
  },
  events: { add_message_change: (p, socket) => void socket.assign({ value: String(p.new_message ?? "") }) },
  render: (a) => html`<div>
        ${component(MessageComponent, { id: "some_unique_message_id", message: "Example message" })}
        <form
          id="full_add_message_form"
          phx-change="add_message_change"
          phx-submit="add_message"
          phx-target="#full_add_message_form"
        >
          <div phx-feedback-for="new_message">
            <input name="new_message" id="new_message_input" value=${a.value} />
          </div>
        </form>
      </div>`,
});

const SettingsTab = defineComponent({ name: "Issue3200.SettingsTab", render: () => html`<div>Settings</div>` });

const tabButton = (text: string, route: string) =>
  html`<button type="button" phx-click=${js(["patch", { href: route, replace: false }])}>
        ${text}
      </button>`;

/** /issues/3200/messages and /issues/3200/settings (Issue3200.PanelLive, live actions by path) */
export const Issue3200PanelLive = defineView<{ tab: string }>({
  name: "Issue3200.PanelLive",
  handleParams(_p, url, socket) {
    socket.assign({ tab: url.pathname.endsWith("/messages") ? "messages" : "settings" });
  },
  render: (a) => html`<div>
        <div>
          <div>
            ${tabButton("Messages tab", "/issues/3200/messages")}
            ${tabButton("Settings tab", "/issues/3200/settings")}
          </div>
          <aside>
            <div>
              ${a.tab === "messages" ? html`<div>${component(MessagesTab, { id: "messages_tab" })}</div>` : ""}
              ${a.tab === "settings" ? html`<div>${component(SettingsTab, { id: "settings_tab" })}</div>` : ""}
            </div>
          </aside>
        </div>
      </div>`,
});

const Issue4088LC = defineComponent<{ test: unknown }>({
  name: "Issue4088Live.LC",
  mount(socket) {
    socket.assign({ test: "value" });
  },
  events: { my_update: (_p, socket) => void socket.assign({ test: Math.random() }) },
  render: (a) => html`<div id="foo" phx-hook="Issue4088Live.LC.MyHook" phx-target=${a.myself}>
        ${a.test}
      </div>`,
});

/** /issues/4088 */
export const Issue4088Live = defineView({
  name: "Issue4088Live",
  render: () => html`${component(Issue4088LC, { id: "lc" })}`,
});

const Issue4066LC = defineComponent<{ delay: string; domId: string }>({
  name: "Issue4066Live.LiveComponent",
  events: { "do-something": () => undefined },
  render: (a) => html`<input phx-hook="Issue4066Live.LiveComponent.MyHook" data-delay=${a.delay} target=${a.myself} id=${a.domId} />`,
});

/** /issues/4066 */
// HEEx never re-renders an expression that reads no assign ({DateTime.utc_now()}); Lagoon
// re-runs render, so the time is taken once, at mount
export const Issue4066Live = defineView<{ delay: string; renderLc: boolean; renderedAt: string }>({
  name: "Issue4066Live",
  mount(params, _s, socket) {
    socket.assign({ delay: typeof params.delay === "string" ? params.delay : "3000", renderLc: true, renderedAt: utcNow() });
  },
  events: { toggle: (_p, socket) => void socket.update("renderLc", (r) => !r) },
  render: (a) => html`<p id="render-time">${a.renderedAt}</p>
    <button phx-click="toggle">Toggle</button>
    ${a.renderLc ? component(Issue4066LC, { id: "foo", domId: "foo", delay: a.delay }) : ""}`,
});

const Row = defineComponent<{ domId: string; foo: AsyncResult<Atom> }>({
  name: "Issue3117Live.Row",
  update(assigns, socket) {
    socket.assign(assigns).assignAsync("foo", async () => ({ foo: new Atom("bar") }));
  },
  render: (a) => html`<div id=${a.domId}>
        Example LC Row ${inspect(a.foo.result)}
        <div class="static">static content</div>
      </div>`,
});

/** /issues/3117 */
export const Issue3117Live = defineView({
  name: "Issue3117Live",
  render: () => html`${link({ id: "navigate", navigate: "/issues/3117?nav" }, "Navigate")}
    ${[1, 2].map(
      (i) => html`<div>
      ${component(Row, { id: `row-${i}`, domId: `row-${i}` })}
    </div>`,
    )}`,
});

const Leaf = defineComponent<{ count: number }>({
  name: "Issue4350Live.Leaf",
  mount(socket) {
    socket.assign({ count: 0 });
  },
  events: { bump: (_p, socket) => void socket.update("count", (n) => n + 1) },
  render: (a) => html`<div id="leaf">
        count: <span id="leaf-count">${a.count}</span>
        <button id="bump" phx-click="bump" phx-target=${a.myself}>bump</button>
      </div>`,
});

const Branch = defineComponent<{ tick: number }>({
  name: "Issue4350Live.Branch",
  render: (a) => html`<div id="branch">
        tick: ${a.tick}
        ${component(Leaf, { id: "leaf" })}
      </div>`,
});

/** /issues/4350 */
export const Issue4350Live = defineView<{ show: boolean; tick: number }>({
  name: "Issue4350Live",
  mount(_p, _s, socket) {
    socket.assign({ show: true, tick: 0 });
  },
  events: {
    tick: (_p, socket) => void socket.update("tick", (n) => n + 1),
    hide: (_p, socket) => void socket.assign({ show: false }),
    show: (_p, socket) => void socket.assign({ show: true }),
  },
  render: (a) => html`<button id="tick" phx-click="tick">tick</button>
    <button id="hide" phx-click="hide">hide</button>
    <button id="show" phx-click="show">show</button>
    ${
      a.show
        ? html`<div id="wrapper">
      ${component(Branch, { id: "branch", tick: a.tick })}
    </div>`
        : ""
    }`,
});
