/**
 * Views the benchmarks drive: a 10,000-row list kept in assigns (plain, or one live
 * component per row), the same rows in an `each` (as a tree, flat, or a plain list), and
 * the tests' stream fed one item per event.
 */
import {
  component,
  defineComponent,
  defineView,
  each,
  html,
  live,
  liveSession,
  type Params,
  type Session,
  type ViewSocket,
} from "../shell/index.js";
import { flatShape } from "../shell/keyed.js";
import { LogLive } from "../tests/support/views/log.js";

export interface Row {
  id: number;
  name: string;
  qty: number;
}

export const rowsOf = (n: number): Row[] => Array.from({ length: n }, (_, i) => ({ id: i + 1, name: `item ${i + 1}`, qty: i % 97 }));

/** One row's HTML, for the re-rendered fragment baseline (what an htmx-style server sends). */
export const row = (r: Row) =>
  html`<tr id="row-${r.id}"><td>${r.id}</td><td class="name">${r.name}</td><td>${r.qty}</td><td><button phx-click="touch" phx-value-id="${r.id}">touch</button></td></tr>`;

const rowsEvents = {
  /** Renames row `id` (to `name`, or "touched <n>"). */
  touch: (p: { id?: string; name?: string }, socket: ViewSocket<{ rows: Row[]; touched: number }>) => {
    const id = Number(p.id);
    const name = typeof p.name === "string" ? p.name : `touched ${socket.assigns.touched + 1}`;
    socket.assign({ rows: socket.assigns.rows.map((r) => (r.id === id ? { ...r, name } : r)), touched: socket.assigns.touched + 1 });
  },
};

const mountRows = (params: Params, _s: Session, socket: ViewSocket<{ rows: Row[]; touched: number }>) => {
  socket.assign({ rows: rowsOf(Math.min(100_000, Number(params.n ?? 10_000))), touched: 0 });
};

/** `?n=` rows (default 10,000) in one list; `touch` renames one row. */
export const RowsLive = defineView<{ rows: Row[]; touched: number }>({
  name: "RowsLive",
  mount: mountRows,
  events: rowsEvents,
  render: (a) => html`<table id="rows"><tbody>${a.rows.map(row)}</tbody></table>`,
});

/** One row as a live component: a change re-renders and patches that component alone. */
const RowComponent = defineComponent<{ row: Row }>({
  name: "RowComponent",
  render: (a) => row(a.row),
});

/** The same table with each row a live component. */
export const ComponentRowsLive = defineView<{ rows: Row[]; touched: number }>({
  name: "ComponentRowsLive",
  mount: mountRows,
  events: rowsEvents,
  render: (a) => html`<table id="rows"><tbody>${a.rows.map((r) => component(RowComponent, { id: String(r.id), row: r }))}</tbody></table>`,
});

type Shape = "tree" | "flat" | "positional";

/** The rows in `each()` as it sends them (a tree when long), always flat, or as a plain (positional) list. */
export const rowsIn = (shape: Shape, rows: Row[]) =>
  shape === "positional" ? rows.map(row) : shape === "flat" ? flatShape(each(rows, (r) => r.id, row)) : each(rows, (r) => r.id, row);

/** A scramble of the order that is the same in every run. */
export const shuffled = (rows: Row[]) => rows.slice().sort((a, b) => ((a.id * 7919) % 1009) - ((b.id * 7919) % 1009));

/** `?n=` rows (default 1,000) with `?shape=`; `prepend` adds row 0 (then -1, -2, ...), `reverse` and `shuffle` reorder. */
export const KeyedRowsLive = defineView<{ rows: Row[]; shape: Shape; prepended: number }>({
  name: "KeyedRowsLive",
  mount(params, _s, socket) {
    const shape = params.shape === "flat" || params.shape === "positional" ? params.shape : "tree";
    socket.assign({ rows: rowsOf(Math.min(100_000, Number(params.n ?? 1_000))), shape, prepended: 0 });
  },
  events: {
    prepend: (_p, socket) => {
      const id = -socket.assigns.prepended;
      socket.assign({ rows: [{ id, name: `item ${id}`, qty: 0 }, ...socket.assigns.rows], prepended: socket.assigns.prepended + 1 });
    },
    reverse: (_p, socket) => {
      socket.update("rows", (rows) => rows.slice().reverse());
    },
    shuffle: (_p, socket) => {
      socket.update("rows", shuffled);
    },
  },
  render: (a) => html`<table id="rows"><tbody>${rowsIn(a.shape, a.rows)}</tbody></table>`,
});

export const benchRoutes = () => [
  liveSession({ name: "bench" }, [
    live("/rows", RowsLive),
    live("/component-rows", ComponentRowsLive),
    live("/keyed-rows", KeyedRowsLive),
    live("/stream", LogLive),
  ]),
];
