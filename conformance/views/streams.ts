/** The stream pages of Phoenix's test/support/live_views/streams.ex. */
import { component, defineComponent, defineView, html, JS } from "lagoon";
import type { LiveStream } from "lagoon";
import { link, uniqueInteger } from "../elixir.js";

interface User {
  id: number | string;
  name: string;
}
interface Item {
  id: string;
  name: string;
}
type Streams<K extends string, T> = { streams: Record<K, LiveStream<T>> };

const user = (id: number | string, name: string): User => ({ id, name });
const after = (domId: unknown, prefix: string) => String(domId).slice(prefix.length);

/** The component of /stream (Support.StreamComponent). */
const StreamComponent = defineComponent<Streams<"c_users", User>>({
  name: "StreamComponent",
  update(_assigns, socket) {
    socket.stream("c_users", [user(1, "chris"), user(2, "callan")]);
  },
  events: {
    reset: (_p, socket) => void socket.stream("c_users", [], { reset: true }),
    delete: (p, socket) => void socket.streamDelete("c_users", String(p.id)),
    update: (p, socket) => void socket.streamInsert("c_users", user(after(p.id, "c_users-"), "updated")),
    "move-to-first": (p, socket) =>
      void socket.streamDelete("c_users", String(p.id)).streamInsert("c_users", user(after(p.id, "c_users-"), "updated"), { at: 0 }),
    "move-to-last": (p, socket) =>
      void socket.streamDelete("c_users", String(p.id)).streamInsert("c_users", user(after(p.id, "c_users-"), "updated"), { at: -1 }),
  },
  render: (a) => html`<div id="c_users" phx-update="stream">
      ${a.streams.c_users.map(
        (u, id) => html`<div id=${id}>
        ${u.name}
        <button phx-click="delete" phx-value-id=${id} phx-target=${a.myself}>delete</button>
        <button phx-click="update" phx-value-id=${id} phx-target=${a.myself}>update</button>
        <button phx-click="move-to-first" phx-value-id=${id} phx-target=${a.myself}>make first</button>
        <button phx-click="move-to-last" phx-value-id=${id} phx-target=${a.myself}>make last</button>
      </div>`,
      )}
    </div>`,
});

const ONLY_CHILD_STYLE = html`<style>
      [only-child] {
        display: none;
      }
      [only-child]:only-child {
        display: block;
      }
    </style>`;

/** /stream (Support.StreamLive) */
export const StreamLive = defineView<{ count: number; extraItemWithId: boolean } & Streams<"users" | "admins", User>>({
  name: "StreamLive",
  mount(params, _s, socket) {
    socket.assign({ count: 0, extraItemWithId: params.empty_item !== undefined });
    socket.stream("users", [user(1, "chris"), user(2, "callan")]);
    socket.stream("admins", [user(1, "chris-admin"), user(2, "callan-admin")]);
  },
  events: {
    delete: (p, socket) => void socket.streamDelete("users", String(p.id)),
    update: (p, socket) => void socket.streamInsert("users", user(after(p.id, "users-"), "updated")),
    "move-to-first": (p, socket) =>
      void socket.streamDelete("users", String(p.id)).streamInsert("users", user(after(p.id, "users-"), "updated"), { at: 0 }),
    "move-to-last": (p, socket) =>
      void socket.streamDelete("users", String(p.id)).streamInsert("users", user(after(p.id, "users-"), "updated"), { at: -1 }),
    move: (p, socket) =>
      void socket
        .streamDelete("users", String(p.id))
        .streamInsert("users", user(after(p.id, "users-"), String(p.name)), { at: Number(p.at) }),
    "reset-users": (_p, socket) => void socket.update("count", (n) => n + 1).stream("users", [], { reset: true }),
    "reset-users-reorder": (_p, socket) =>
      void socket.update("count", (n) => n + 1).stream("users", [user(3, "peter"), user(1, "chris"), user(4, "mona")], { reset: true }),
    "append-users": (_p, socket) => void socket.stream("users", [user(4, "foo"), user(3, "last_user")], { at: -1 }),
    "admin-delete": (p, socket) => void socket.streamDelete("admins", String(p.id)),
    "admin-update": (p, socket) => void socket.streamInsert("admins", user(after(p.id, "admins-"), "updated")),
    "admin-move-to-first": (p, socket) =>
      void socket.streamDelete("admins", String(p.id)).streamInsert("admins", user(after(p.id, "admins-"), "updated"), { at: 0 }),
    "admin-move-to-last": (p, socket) =>
      void socket.streamDelete("admins", String(p.id)).streamInsert("admins", user(after(p.id, "admins-"), "updated"), { at: -1 }),
  },
  render: (a) => {
    if (a.extraItemWithId) {
      return html`<div id="users" phx-update="stream">
      ${a.streams.users.map((u, id) => html`<div id=${id}>${u.name}</div>`)}
      <div id="users-empty" only-child>Empty!</div>
    </div>
    ${ONLY_CHILD_STYLE}`;
    }
    return html`<div id="users" phx-update="stream">
      ${a.streams.users.map(
        (u, id) => html`<div id=${id} data-count=${a.count}>
        ${u.name}
        <button phx-click="delete" phx-value-id=${id}>delete</button>
        <button phx-click="update" phx-value-id=${id}>update</button>
        <button phx-click="move-to-first" phx-value-id=${id}>make first</button>
        <button phx-click="move-to-last" phx-value-id=${id}>make last</button>
        <button phx-click="move" phx-value-id=${id} phx-value-name="moved" phx-value-at="1">
          move
        </button>
        <button phx-click=${JS.hide({ to: `#${id}` })}>JS Hide</button>
      </div>`,
      )}
    </div>
    <div id="admins" phx-update="stream">
      ${a.streams.admins.map(
        (u, id) => html`<div id=${id} data-count=${a.count}>
        ${u.name}
        <button phx-click="admin-delete" phx-value-id=${id}>delete</button>
        <button phx-click="admin-update" phx-value-id=${id}>update</button>
        <button phx-click="admin-move-to-first" phx-value-id=${id}>make first</button>
        <button phx-click="admin-move-to-last" phx-value-id=${id}>make last</button>
      </div>`,
      )}
    </div>
    ${component(StreamComponent, { id: "stream-component" })}
    <button phx-click="reset-users">Reset users</button>
    <button phx-click="reset-users-reorder">Reorder users</button>`;
  },
});

const HEALTHY: Record<string, { id: number; name: string }[]> = {
  fruits: [
    { id: 1, name: "Apples" },
    { id: 2, name: "Oranges" },
  ],
  veggies: [
    { id: 3, name: "Carrots" },
    { id: 4, name: "Tomatoes" },
  ],
};

/** /healthy/:category (Support.HealthyLive) */
export const HealthyLive = defineView<{ category: string } & Streams<"items", { id: number; name: string }>>({
  name: "HealthyLive",
  mount(params, _s, socket) {
    socket.assign({ category: String(params.category) }).stream("items", []);
  },
  handleParams(params, _url, socket) {
    const category = String(params.category);
    socket.assign({ category }).stream("items", HEALTHY[category] ?? [], { reset: true });
  },
  render: (a) => html`<p>
      ${link({ patch: a.category === "fruits" ? "/healthy/veggies" : "/healthy/fruits" }, "Switch")}
    </p>
    <h1>${a.category.charAt(0).toUpperCase() + a.category.slice(1)}</h1>
    <ul id="items" phx-update="stream">
      ${a.streams.items.map(
        (item, id) => html`<li id=${id}>
        ${item.name}
      </li>`,
      )}
    </ul>`,
});

const ABCD: Item[] = ["a", "b", "c", "d"].map((id) => ({ id, name: id.toUpperCase() }));
const items = (...ids: string[]): Item[] => ids.map((id) => ({ id, name: id.toUpperCase() }));
const fresh = (): Item => ({ id: `a${uniqueInteger()}`, name: String(uniqueInteger()) });

/** /stream/reset (Support.StreamResetLive) */
export const StreamResetLive = defineView<{ usePhxRemove: boolean } & Streams<"items", Item>>({
  name: "StreamResetLive",
  mount(params, _s, socket) {
    socket.stream("items", ABCD).assign({ usePhxRemove: params["phx-remove"] !== undefined });
  },
  events: {
    filter: (_p, socket) => void socket.stream("items", items("b", "c", "d"), { reset: true }),
    reorder: (_p, socket) => void socket.stream("items", items("b", "a", "c", "d"), { reset: true }),
    reset: (_p, socket) => void socket.stream("items", ABCD, { reset: true }),
    prepend: (_p, socket) => void socket.streamInsert("items", fresh(), { at: 0 }),
    append: (_p, socket) => void socket.streamInsert("items", fresh(), { at: -1 }),
    "bulk-insert": (_p, socket) => void socket.stream("items", items("g", "f", "e"), { at: 1 }),
    "insert-at-one": (_p, socket) => void socket.streamInsert("items", fresh(), { at: 1 }),
    "insert-existing-at-one": (_p, socket) => void socket.streamInsert("items", { id: "c", name: "C" }, { at: 1 }),
    "delete-insert-existing-at-one": (_p, socket) =>
      void socket.streamDelete("items", "items-c").streamInsert("items", { id: "c", name: "C" }, { at: 1 }),
    "prepend-existing": (_p, socket) => void socket.streamInsert("items", { id: "c", name: "C" }, { at: 0 }),
    "append-existing": (_p, socket) => void socket.streamInsert("items", { id: "c", name: "C" }, { at: -1 }),
    "new-update-only": (_p, socket) => void socket.streamInsert("items", { id: "e", name: "E" }, { at: -1, updateOnly: true }),
    "existing-update-only": (_p, socket) =>
      void socket.streamInsert("items", { id: "c", name: `C ${uniqueInteger()}` }, { at: -1, updateOnly: true }),
  },
  render: (a) => html`<ul phx-update="stream" id="thelist">
      ${a.streams.items.map(
        (item, id) => html`<li
        id=${id}
        phx-remove=${a.usePhxRemove ? JS.hide() : null}
      >
        ${item.name}
      </li>`,
      )}
    </ul>
    <button phx-click="filter">Filter</button>
    <button phx-click="reorder">Reorder</button>
    <button phx-click="reset">Reset</button>
    <button phx-click="prepend">Prepend</button>
    <button phx-click="append">Append</button>
    <button phx-click="bulk-insert">Bulk insert</button>
    <button phx-click="insert-at-one">Insert at 1</button>
    <button phx-click="insert-existing-at-one">Insert C at 1</button>
    <button phx-click="delete-insert-existing-at-one">Delete C and insert at 1</button>
    <button phx-click="prepend-existing">Prepend C</button>
    <button phx-click="append-existing">Append C</button>
    <button phx-click="new-update-only">Add E (update only)</button>
    <button phx-click="existing-update-only">Update C (update only)</button>`,
});

// component() keeps `id` for itself: the components get their DOM id as `domId`
const ResetInnerComponent = defineComponent<{ item: Item; domId: string }>({
  name: "StreamResetLCLive.InnerComponent",
  render: (a) => html`<li id=${a.domId}>
        ${a.item.name}
      </li>`,
});

/** /stream/reset-lc (Support.StreamResetLCLive) */
export const StreamResetLCLive = defineView<Streams<"items", Item>>({
  name: "StreamResetLCLive",
  mount(_p, _s, socket) {
    socket.stream("items", ABCD);
  },
  events: { reorder: (_p, socket) => void socket.stream("items", items("e", "a", "f", "g"), { reset: true }) },
  render: (a) => html`<ul phx-update="stream" id="thelist">
      ${a.streams.items.map((item, id) => component(ResetInnerComponent, { id, domId: id, item }))}
    </ul>
    <button phx-click="reorder">Reorder</button>`,
});

/** /stream/limit (Support.StreamLimitLive) */
export const StreamLimitLive = defineView<{ at: number; limit: number; lastId: number } & Streams<"items", { id: number }>>({
  name: "StreamLimitLive",
  mount(_p, _s, socket) {
    configure(socket, -1, -5);
  },
  events: {
    configure: (p, socket) => void configure(socket, parseInt(String(p.at), 10), parseInt(String(p.limit), 10)),
    insert_10(_p, socket) {
      const { at, limit, lastId } = socket.assigns;
      socket.assign({ lastId: lastId + 10 }).stream(
        "items",
        Array.from({ length: 10 }, (_, n) => ({ id: lastId + n + 1 })),
        { at, limit },
      );
    },
    insert_1(_p, socket) {
      const { at, limit, lastId } = socket.assigns;
      socket.assign({ lastId: lastId + 1 }).streamInsert("items", { id: lastId + 1 }, { at, limit });
    },
    clear: (_p, socket) => void socket.assign({ lastId: 0 }).stream("items", [], { reset: true }),
  },
  render: (a) => html`<form phx-submit="configure">
      at: <input type="text" name="at" value=${a.at} /> limit:
      <input type="text" name="limit" value=${a.limit} />
      <button type="submit">recreate stream</button>
    </form>
    <div>configured with at: ${a.at}, limit: ${a.limit}</div>
    <button phx-click="insert_10">add 10</button>
    <button phx-click="insert_1">add 1</button>
    <button phx-click="clear">clear</button>
    <ul id="items" phx-update="stream">
      ${a.streams.items.map((item, id) => html`<li id=${id}>${item.id}</li>`)}
    </ul>`,
});

function configure(socket: { assign(v: object): { stream(n: string, i: unknown[], o: object): unknown } }, at: number, limit: number) {
  socket.assign({ at, limit, lastId: 10 }).stream(
    "items",
    Array.from({ length: 10 }, (_, n) => ({ id: n + 1 })),
    { reset: true, at, limit },
  );
}

/** /stream/inside-for (Support.StreamInsideForLive) */
export const StreamInsideForLive = defineView<Streams<"items", Item>>({
  name: "StreamInsideForLive",
  mount(_p, _s, socket) {
    socket.stream("items", []).startAsync("foo", () => new Promise((resolve) => setTimeout(resolve, 50)));
  },
  handleAsync(_name, _outcome, socket) {
    socket.stream("items", ABCD);
  },
  render: (a) =>
    html`${[1].map(
      () => html`<div>
      <ul phx-update="stream" id="thelist">
        ${a.streams.items.map(
          (item, id) => html`<li id=${id}>
          ${item.name}
        </li>`,
        )}
      </ul>
    </div>`,
    )}`,
});

const NestedInnerComponent = defineComponent<{ domId: string; item: Item } & Streams<"nested", Item>>({
  name: "StreamNestedComponentResetLive.InnerComponent",
  update(assigns, socket) {
    const first = socket.assigns.domId === undefined;
    socket.assign(assigns);
    if (!first) return;
    const id = String(assigns.domId);
    const suffixes = socket.connected ? ["a", "b", "c", "d"] : ["e", "f", "g", "h"];
    socket.stream(
      "nested",
      suffixes.map((s) => ({ id: `${id}-${s}`, name: `N-${s.toUpperCase()}` })),
      { reset: true },
    );
  },
  events: {
    reorder(_p, socket) {
      const id = socket.assigns.domId;
      socket.stream(
        "nested",
        ["e", "a", "f", "g"].map((s) => ({ id: `${id}-${s}`, name: `N-${s.toUpperCase()}` })),
        { reset: true },
      );
    },
  },
  render: (a) => html`<li id=${a.domId}>
        ${a.item.name}
        <div id=${a.domId + "-nested"} phx-update="stream" style="display: flex; gap: 4px;">
          ${a.streams.nested.map((item, id) => html`<span id=${id}>${item.name}</span>`)}
        </div>
        <button phx-click="reorder" phx-target=${a.myself}>Reorder</button>
      </li>`,
});

/** /stream/nested-component-reset (Support.StreamNestedComponentResetLive) */
export const StreamNestedComponentResetLive = defineView<Streams<"items", Item>>({
  name: "StreamNestedComponentResetLive",
  mount(_p, _s, socket) {
    socket.stream("items", ABCD);
  },
  events: { reorder: (_p, socket) => void socket.stream("items", items("e", "a", "f", "g"), { reset: true }) },
  render: (a) => html`<ul phx-update="stream" id="thelist">
      ${a.streams.items.map((item, id) => component(NestedInnerComponent, { id, domId: id, item }))}
    </ul>
    <button phx-click="reorder" id="parent-reorder">Reorder</button>`,
});
