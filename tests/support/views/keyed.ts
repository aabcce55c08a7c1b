/**
 * A keyed list (each) of rows with inputs, a component and a nested keyed list per row.
 * `?n=` adds that many rows (ids from 100), making the list long enough to be sent as a tree;
 * `?ids=1,100,2` renders those rows in that order.
 */
import { z } from "zod";
import { component, defineComponent, defineView, each, event, html, live, liveSession } from "../../../shell/index.js";

export interface Row {
  id: number;
  name: string;
  tags: string[];
}

/** A per-row component with state of its own, to follow its row through moves. */
export const Badge = defineComponent<{ row: number; clicks: number }>({
  name: "Badge",
  mount(socket) {
    socket.assign({ clicks: 0 });
  },
  events: {
    bump: (_p, socket) => {
      socket.update("clicks", (n) => n + 1);
    },
  },
  render: (a) => html`<button id="badge-${a.row}" phx-click="bump" phx-target=${a.myself}>badge ${a.row}: ${a.clicks}</button>`,
});

const id = z.coerce.number().int();

/** The row with this id as the view makes it: the first three, the `?n=` rows (from 100), or one prepended or appended. */
const rowOf = (id: number): Row =>
  id <= 3
    ? { id, name: ["one", "two", "three"][id - 1]!, tags: [["a"], ["b", "c"], []][id - 1]! }
    : { id, name: `row ${id}`, tags: id >= 100 && (id - 100) % 3 === 0 ? ["x", "y"] : [] };

export const KeyedLive = defineView<{ rows: Row[]; next: number }>({
  name: "KeyedLive",
  mount(params, _s, socket) {
    const extra = Math.min(1000, Math.max(0, Math.floor(Number(params.n)) || 0));
    // `?ids=` renders those rows in that order, fresh: what a sequence of events should have made
    const ids = typeof params.ids === "string" ? [...new Set(params.ids.split(",").slice(0, 2000).map(Number))] : [];
    const rows = (
      params.ids ? ids.filter((i) => Number.isInteger(i) && i > 0) : [1, 2, 3, ...Array.from({ length: extra }, (_, i) => 100 + i)]
    ).map(rowOf);
    socket.assign({ next: Math.max(3, ...rows.map((r) => (r.id < 100 ? r.id : 0))) + 1, rows });
  },
  events: {
    prepend: (_p, socket) => {
      const n = socket.assigns.next;
      socket.assign({ next: n + 1, rows: [{ id: n, name: `row ${n}`, tags: [] }, ...socket.assigns.rows] });
    },
    append: (_p, socket) => {
      const n = socket.assigns.next;
      socket.assign({ next: n + 1, rows: [...socket.assigns.rows, { id: n, name: `row ${n}`, tags: [] }] });
    },
    reverse: (_p, socket) => {
      socket.update("rows", (rows) => rows.slice().reverse());
    },
    /** A fixed scramble of the order. */
    shuffle: (_p, socket) => {
      socket.update("rows", (rows) => rows.slice().sort((a, b) => ((a.id * 7919) % 1009) - ((b.id * 7919) % 1009)));
    },
    remove: event(z.object({ id }), (p, socket) => {
      socket.update("rows", (rows) => rows.filter((r) => r.id !== p.id));
    }),
    /** Moves the row at `from` to index `to`, renaming it when `name` is given. */
    move: event(z.object({ from: id, to: id, name: z.string().max(50).optional() }), (p, socket) => {
      socket.update("rows", (rows) => {
        const next = rows.slice();
        const [row] = next.splice(p.from, 1);
        if (row) next.splice(p.to, 0, p.name === undefined ? row : { ...row, name: p.name });
        return next;
      });
    }),
    /** Reverses a row's tags (a nested keyed list). */
    "flip-tags": event(z.object({ id }), (p, socket) => {
      socket.update("rows", (rows) => rows.map((r) => (r.id === p.id ? { ...r, tags: r.tags.slice().reverse() } : r)));
    }),
  },
  render: (a) => html`<ul id="rows">${each(
    a.rows,
    (r) => r.id,
    (r) =>
      html`<li id="row-${r.id}"><span class="name">${r.name}</span> <input id="note-${r.id}" aria-label="note ${r.id}"> ${component(Badge, {
        id: `badge-${r.id}`,
        row: r.id,
      })} <button phx-click="remove" phx-value-id=${r.id}>remove ${r.id}</button><ol>${each(
        r.tags,
        (t) => t,
        (t) => html`<li>${t}</li>`,
      )}</ol></li>`,
  )}</ul>
<button phx-click="prepend">prepend</button><button phx-click="append">append</button><button phx-click="reverse">reverse</button><button phx-click="shuffle">shuffle</button>
<button phx-click="move" phx-value-from="0" phx-value-to="2">move first to third</button>`,
});

export const keyedRoutes = () => [liveSession({ name: "keyed" }, [live("/keyed", KeyedLive)])];
