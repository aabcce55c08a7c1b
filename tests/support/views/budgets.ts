/** Fixture views for the budgets and fairness tests: a busy view, a view of many components. */
import { component, defineComponent, defineView, html, live, liveSession } from "../../../shell/index.js";

/** `spin` busies the event loop for `ms` (a slow handler); `tick` is cheap. */
export const BusyLive = defineView<{ n: number }>({
  name: "BusyLive",
  mount(_p, _s, socket) {
    socket.assign({ n: 0 });
  },
  events: {
    spin: (p: { ms?: string }, socket) => {
      const until = performance.now() + Math.min(50, Number(p.ms ?? 10));
      while (performance.now() < until);
      socket.update("n", (n) => n + 1);
    },
    tick: (_p, socket) => {
      socket.update("n", (n) => n + 1);
    },
  },
  render: (a) => html`<p id="n">${a.n}</p>`,
});

const Row = defineComponent<{ n: number }>({ name: "Row", render: (a) => html`<li>${a.n}</li>` });

/** ?rows=N live components. */
export const RowsLive = defineView<{ rows: number }>({
  name: "RowsLive",
  mount(params, _s, socket) {
    socket.assign({ rows: Math.min(100_000, Number(params.rows ?? 1)) });
  },
  render: (a) => html`<ul>${Array.from({ length: a.rows }, (_, n) => component(Row, { id: n, n }))}</ul>`,
});

export const budgetRoutes = () => [liveSession({ name: "budgets" }, [live("/busy", BusyLive), live("/rows", RowsLive)])];
