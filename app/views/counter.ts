import { defineView, html } from "lagoon";

export const CounterLive = defineView<{ count: number; pageTitle: string }>({
  name: "CounterLive",
  mount(_params, _session, socket) {
    socket.assign({ count: 0, pageTitle: "Counter" });
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
</section>`,
});
