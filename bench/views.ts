/**
 * Views the benchmarks drive: a 10,000-row list kept in assigns (plain, or one live
 * component per row), and the tests' stream fed one item per event.
 */
import {
  component,
  defineComponent,
  defineView,
  html,
  live,
  liveSession,
  type Params,
  type Session,
  type ViewSocket,
} from "../shell/index.js";
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

export const benchRoutes = () => [
  liveSession({ name: "bench" }, [live("/rows", RowsLive), live("/component-rows", ComponentRowsLive), live("/stream", LogLive)]),
];
