/** Navigation pages: patches, live and full redirects, history, flash across sessions. */
import { component, defineComponent, defineView, html, JS, type LiveStream } from "lagoon";
import { inspect, link, uniqueInteger, utcNow } from "../elixir.js";

const buttonStyle =
  "padding-left: 1rem; padding-right: 1rem; padding-top: 0.5rem; padding-bottom: 0.5rem; background-color: #e2e8f0; display: inline-flex; align-items: center; border-radius: 0.375rem; cursor: pointer;";

/** /navigation/a (Navigation.ALive) */
export const NavigationALive = defineView<{ paramCurrent: unknown; paramNext: number }>({
  name: "Navigation.ALive",
  mount(_p, _s, socket) {
    socket.assign({ paramCurrent: null });
  },
  handleParams(params, _url, socket) {
    socket.assign({ paramCurrent: params.param ?? null, paramNext: uniqueInteger() });
  },
  events: { server_navigate: (_p, socket) => void socket.pushNavigate("/navigation/b") },
  render: (a) => html`<h1>This is page A</h1>

    <p>Current param: ${a.paramCurrent}</p>

    ${link({ patch: `/navigation/a?param=${a.paramNext}`, style: buttonStyle }, "Patch this LiveView")}
    ${link({ patch: `/navigation/a?param=${a.paramNext}`, replace: true, style: buttonStyle }, "Patch (Replace)")}
    ${link({ navigate: "/navigation/b#items-item-42", style: buttonStyle }, "Navigate to 42")}
    <button
      type="button"
      phx-click="server_navigate"
      style=${buttonStyle}
    >
      Server Navigate
    </button>`,
});

/** /navigation/b and /navigation/b/:id (Navigation.BLive, live actions :index and :show) */
export const NavigationBLive = defineView<{
  container: boolean;
  id?: string;
  streams: { items: LiveStream<{ id: string; name: number }> };
}>({
  name: "Navigation.BLive",
  handleParams(params, _url, socket) {
    socket.assign({ container: params.container !== undefined, id: typeof params.id === "string" ? params.id : undefined });
    if (params.id === undefined) {
      socket.stream(
        "items",
        Array.from({ length: 100 }, (_, i) => ({ id: `item-${i + 1}`, name: i + 1 })),
      );
    }
  },
  render: (a) => html`<h1>This is page B</h1>

    <a
      href="#items-item-42"
      style="margin-bottom: 8px; padding-left: 1rem; padding-right: 1rem; padding-top: 0.5rem; padding-bottom: 0.5rem; background-color: #e2e8f0; display: inline-flex; align-items: center; border-radius: 0.375rem; cursor: pointer;"
    >
      Go to 42.
    </a>

    ${
      a.id === undefined
        ? html`<div
      id="my-scroll-container"
      style=${`${a.container ? "height: 85vh; overflow-y: scroll; " : ""}width: 100%; border: 1px solid #e2e8f0; border-radius: 0.375rem; position: relative;`}
    >
      <ul id="items" style="padding: 1rem; list-style: none;" phx-update="stream">
        ${
          a.streams.items?.map(
            (item, id) => html`<li id=${id} style="padding: 0.5rem; border-bottom: 1px solid #e2e8f0;">
            ${link({ patch: `/navigation/b/${item.id}`, style: "display: inline-flex; align-items: center; gap: 0.5rem;" }, html`Item ${item.name}`)}
          </li>`,
          ) ?? ""
        }
      </ul>
    </div>`
        : html`<div>
      <p>Item ${a.id}</p>
    </div>`
    }`,
});

/** /navigation/redirectloop (Navigation.RedirectLoopLive): Lagoon, like Phoenix, crashes the view after 20 patches in a row. */
export const RedirectLoopLive = defineView<{ message: string | null; loop: boolean }>({
  name: "Navigation.RedirectLoopLive",
  mount(params, _s, socket) {
    socket.assign(params.loop !== undefined ? { message: "Too many redirects", loop: false } : { message: null, loop: true });
  },
  handleParams(params, _url, socket) {
    if (params.loop !== undefined && socket.assigns.loop) socket.pushPatch("/navigation/redirectloop?loop=true");
  },
  render: (a) => html`${a.message ? html`<div id="message">${a.message}</div>` : ""}
    ${link({ patch: "/navigation/redirectloop?loop=true" }, "Redirect Loop")}`,
});

/** /issues/3529 */
export const Issue3529Live = defineView<{ mounted: string; next: number }>({
  name: "Issue3529Live",
  mount(_p, _s, socket) {
    socket.assign({ mounted: utcNow() });
  },
  handleParams(_p, _url, socket) {
    socket.assign({ next: Math.random() });
  },
  render: (a) => html`<h1>Mounted at ${a.mounted}</h1>
    ${link({ navigate: `/issues/3529?param=${a.next}` }, "Navigate")}
    ${link({ patch: `/issues/3529?param=${a.next}` }, "Patch")}`,
});

/** /issues/4094 */
export const Issue4094Live = defineView({
  name: "Issue4094Live",
  handleParams(params, _url, socket) {
    if (params.foo === "bar") socket.redirect("/navigation/a");
  },
  render: () => html`${link({ patch: "/issues/4094?foo=bar" }, "Patch")}`,
});

const SomeComponent = defineComponent({
  name: "Issue3709Live.SomeComponent",
  render: () => html`<div>
        Hello
      </div>`,
});

/** /issues/3709 and /issues/3709/:id */
export const Issue3709Live = defineView<{ id: string | null }>({
  name: "Issue3709Live",
  mount(_p, _s, socket) {
    socket.assign({ id: null });
  },
  handleParams(params, _url, socket) {
    socket.assign({ id: typeof params.id === "string" ? params.id : null });
  },
  render: (a) => html`<ul>
      ${[1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(
        (i) => html`<li>
        ${link({ patch: `/issues/3709/${i}` }, html`Link ${i}`)}
      </li>`,
      )}
    </ul>
    <div>
      ${component(SomeComponent, { id: `user-${a.id ?? ""}` })} id: ${a.id}
      <div>
        Click the button, then click any link.
        <button onclick="document.querySelectorAll('li a').forEach((x) => x.click())">
          Break Stuff
        </button>
      </div>
    </div>`,
});

/** /issues/4290/a */
export const Issue4290ALive = defineView({
  name: "Issue4290.ALive",
  events: {
    navigate: (_p, socket) => void socket.pushNavigate("/issues/4290/b"),
    validate: () => undefined,
  },
  render: () => html`<h1>A</h1>
      <div id="slow-remove" phx-remove=${JS.transition("fade-out", { time: 1500 })}>
        removed with transition
      </div>
      <form id="form" phx-change="validate">
        <input type="text" name="name" />
      </form>
      <button phx-click="navigate">Navigate</button>`,
});

/** /issues/4290/b: Phoenix's catch-all handle_event counts every event; Lagoon refuses events a view does not define, so none is counted. */
export const Issue4290BLive = defineView<{ events: string[] }>({
  name: "Issue4290.BLive",
  mount(_p, _s, socket) {
    socket.assign({ events: [] });
  },
  render: (a) => html`<h1>B</h1>
      <span id="event-count">${a.events.length}</span>
      ${a.events.map((event, idx) => html`<div id=${`event-${idx}`}>${event}</div>`)}`,
});

/** /issues/3686/a, /b, /c: flash across a live redirect, a full redirect and a redirect into another live session. */
function flashPage(name: string, next: string, go: (socket: any) => void) {
  return defineView({
    name: `Issue3686.${name}Live`,
    events: { go: (_p, socket) => void go(socket.putFlash("info", `Flash from ${name}`)) },
    render: (a) => html`<h1>${name}</h1>
    <button phx-click="go">To ${next}</button>
    <div id="flash">
      ${inspect(a.flash)}
    </div>`,
  });
}
export const Issue3686ALive = flashPage("A", "B", (s) => s.pushNavigate("/issues/3686/b"));
export const Issue3686BLive = flashPage("B", "C", (s) => s.redirect("/issues/3686/c"));
export const Issue3686CLive = flashPage("C", "A", (s) => s.pushNavigate("/issues/3686/a"));

/** The route's container attribute `phx-remove` (Issue3199Live.remove_view/0). */
export const ISSUE_3199_REMOVE_VIEW = JS.transition("view-removing", { time: 100 });

/** /issues/3199 */
export const Issue3199Live = defineView<{ streams: { items: LiveStream<{ id: number; name: string }> } }>({
  name: "Issue3199Live",
  mount(_p, _s, socket) {
    socket.stream("items", [
      { id: 1, name: "Item 1" },
      { id: 2, name: "Item 2" },
    ]);
  },
  events: { delete: (p, socket) => void socket.streamDelete("items", String(p.id)) },
  render: (a) => html`<h1>Items</h1>
    ${link({ navigate: "/issues/3199/away" }, "Navigate away")}
    <ul id="items" phx-update="stream">
      ${a.streams.items.map(
        (item, id) => html`<li
        id=${id}
        phx-remove=${JS.transition("item-removing", { time: 1000 })}
      >
        ${item.name}
        <button phx-click="delete" phx-value-id=${id}>Delete</button>
      </li>`,
      )}
    </ul>`,
});

export const Issue3199AwayLive = defineView({ name: "Issue3199Live.Away", render: () => html`<h1>Away</h1>` });

/** /form-unsaved (FormUnsavedLive) */
export const FormUnsavedLive = defineView<{ note: string; dirty: boolean; preScript: string }>({
  name: "FormUnsavedLive",
  mount(_p, _s, socket) {
    socket.assign({
      note: "",
      dirty: false,
      // records in window.unsavedEvents each attempt to leave while the form is dirty, asking
      // before a live navigation and cancelling a page unload
      preScript: `<script>
        if (!window.unsavedFormListenersInstalled) {
          window.unsavedFormListenersInstalled = true;
          window.unsavedEvents = window.unsavedEvents || [];
          const dirty = () => !!document.querySelector("#unsaved-form[data-dirty='true']");
          window.addEventListener("phx:before-navigate", (e) => {
            if (!dirty()) return;
            window.unsavedEvents.push({ type: "phx", detail: e.detail });
            if (!window.confirm("You have unsaved changes. Leave without saving?")) e.preventDefault();
          });
          window.addEventListener("beforeunload", (e) => {
            if (!dirty()) return;
            window.unsavedEvents.push({ type: "beforeunload" });
            e.preventDefault();
            e.returnValue = "";
          });
        }
      </script>`,
    });
  },
  events: {
    validate(p, socket) {
      const note = String(p.note ?? "");
      socket.assign({ note, dirty: note !== "" });
    },
  },
  render: (a) => html`<h1>Unsaved form</h1>
    ${link({ navigate: "/form-unsaved/target" }, "Leave form")}
    <form
      id="unsaved-form"
      phx-change="validate"
      data-dirty=${a.dirty ? "true" : "false"}
      style="margin-top: 1rem; display: flex; flex-direction: column; gap: 0.5rem; max-width: 20rem;"
    >
      <label for="unsaved-note">Unsaved note</label>
      <input
        id="unsaved-note"
        name="note"
        value=${a.note}
        style="height: 2rem; border: 1px solid #cbd5e1; padding: 0 0.5rem;"
      />
      <p id="unsaved-value">Unsaved value: ${a.note}</p>
    </form>`,
});

export const FormUnsavedTargetLive = defineView({ name: "FormUnsavedLive.Target", render: () => html`<h1>Unsaved form target</h1>` });
