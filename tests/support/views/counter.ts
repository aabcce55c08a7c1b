/**
 * The smallest live view, for the tests of what surrounds views (the wire protocol, metrics,
 * browser signals, draining and deploys): a count with three buttons, inside a layout so
 * the view's tree sits at one dynamic of the page's, as in any app. A connected mount whose
 * page was served by another build (its tracked assets changed) shows a new-version notice.
 */
import { defineView, html, live, liveSession, type Template } from "../../../shell/index.js";

export const CounterLive = defineView<{ count: number; pageTitle: string; stale: boolean }>({
  name: "CounterLive",
  mount(_p, _s, socket) {
    socket.assign({ count: 0, pageTitle: "Counter", stale: socket.staticChanged });
  },
  events: {
    increment: (_p, socket) => {
      socket.update("count", (n) => n + 1);
    },
    decrement: (_p, socket) => {
      socket.update("count", (n) => n - 1);
    },
    reset: (_p, socket) => {
      socket.assign({ count: 0 });
    },
  },
  render: (a) => html`<section class="counter">
  <h1>Count: ${a.count}</h1>
  <button phx-click="increment">+</button>
  <button phx-click="decrement">-</button>
  <button phx-click="reset">Reset</button>
  ${a.stale ? html`<p id="new-version" role="status">A new version is available — <a href="">reload</a></p>` : ""}
</section>`,
});

const layout = (inner: Template) => html`<main>${inner}</main>`;

export const counterRoutes = () => [liveSession({ name: "counter", layout }, [live("/counter", CounterLive)])];
