/** Pages with portals (`<.portal>`: a template the client teleports), and content rendered outside the view. */
import { defineView, html, type LiveStream } from "lagoon";
import { portal, uniqueInteger } from "../elixir.js";

/**
 * Content Phoenix renders in the root layout, outside the LiveView container
 * (`render_in_root`): the document (layouts.ts) moves a view's `<template data-render-in-root>`
 * there; inside the view it stays an inert template.
 */
export const renderInRoot = (content: unknown) => html`<template data-render-in-root>${content}</template>`;

/** /issues/4095 */
export const Issue4095Live = defineView<{ show: unknown }>({
  name: "Issue4095Live",
  mount(_p, _s, socket) {
    socket.assign({ show: true });
  },
  events: { validate: (p, socket) => void socket.assign({ show: p["show?"] }) },
  render: (a) => html`<form phx-change="validate">
      <input type="text" name="show?" id="show?" value=${a.show === true ? "true" : (a.show as string)} />
      ${portal(
        "portal",
        "#portal_target",
        html`<div>
          ${a.show !== null && a.show !== undefined && a.show !== false ? html`<button>Show?</button>` : ""}
        </div>`,
      )}
    </form>
    <div id="portal_target"></div>`,
});

/** /issues/4107 */
export const Issue4107Live = defineView<{ csrf: string }>({
  name: "Issue4107Live",
  mount(_p, session, socket) {
    socket.assign({ csrf: String(session._csrf_token) });
  },
  render: (a) => html`<div>
      ${portal(
        "test-form-portal",
        "body",
        html`<form id="test-form" action="/api/test" method="post">
          <input name="_csrf_token" type="hidden" hidden value=${a.csrf} />
          <input type="hidden" name="test_input" value="test_value" />
        </form>`,
      )}
      <button type="submit" form="test-form">Submit</button>
    </div>`,
});

/** /issues/4121 */
export const Issue4121Live = defineView<{ streams: { items: LiveStream<{ id: number; name: string }> } }>({
  name: "Issue4121Live",
  mount(_p, _s, socket) {
    socket.stream("items", [
      { id: 1, name: "Item 1" },
      { id: 2, name: "Item 2" },
    ]);
  },
  events: {
    "reset-stream"(_p, socket) {
      const id = uniqueInteger();
      socket.stream("items", [{ id, name: `Item ${id}` }], { reset: true });
    },
  },
  render: (a) => html`<button phx-click="reset-stream">Reset teleported stream</button>
    ${portal(
      "teleported-stream",
      "body",
      html`<ul id="stream-in-lv" phx-update="stream">
        ${a.streams.items.map(
          (item, id) => html`<li id=${id}>
          ${item.name}
        </li>`,
        )}
      </ul>`,
    )}`,
});

/** /issues/4147: a hook on an element outside the LiveView */
export const Issue4147Live = defineView({
  name: "Issue4147Live",
  render: () => html`${renderInRoot(html`<div id="foobar" phx-hook="Issue4147Live.HookOutside"></div>`)}<h1>Inside</h1>`,
});

/** /issues/4212 (the custom element's script runs inside the view, before the list it upgrades) */
export const Issue4212Live = defineView<{ counter: number; streams: { items: LiveStream<{ id: string; name: string }> } }>({
  name: "Issue4212Live",
  mount(_p, _s, socket) {
    socket.assign({ counter: 0 }).stream("items", [
      { id: "a", name: "A" },
      { id: "b", name: "B" },
      { id: "c", name: "C" },
    ]);
  },
  events: {
    insert_at_1(_p, socket) {
      const n = socket.assigns.counter + 1;
      socket.assign({ counter: n }).streamInsert("items", { id: `new${n}`, name: `New ${n}` }, { at: 1 });
    },
  },
  // the custom element logs its lifecycle: an atomic move (moveBefore) logs "moved", not a disconnect
  render: (a) => html`<script>
      if (!customElements.get("lv-custom-el")) {
        // the log is read (and may be replaced by the test) on window
        window.__lvCustomElLog = [];
        const log = (entry) => window.__lvCustomElLog.push(entry);
        customElements.define(
          "lv-custom-el",
          class extends HTMLElement {
            connectedCallback() {
              log({ type: "connected", id: this.id });
            }
            disconnectedCallback() {
              log({ type: "disconnected", id: this.id });
            }
            connectedMoveCallback() {
              log({ type: "moved", id: this.id });
            }
          },
        );
      }
    </script>
    <button id="insert-at-1" phx-click="insert_at_1">Insert at 1</button>
    <ul id="items" phx-update="stream">
      ${a.streams.items.map(
        (item, id) => html`<li id=${id}>
        <lv-custom-el id=${`el-${item.id}`}>${item.name}</lv-custom-el>
      </li>`,
      )}
    </ul>`,
});
