/** Live component pages: cids, updates from the parent and send_update, hooks on roots, destroy races. */
import { component, defineComponent, defineView, html, type AsyncResult } from "lagoon";
import { Atom, inspect, link, utcNow } from "../elixir.js";

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
      // the join diff's debug log shows the end of this script: it must not mention the hook's log lines
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
