/** A live view: the count lives on the server; the Stepper island adds to it with a typed event. */
import { defineView, html } from "lagoon";
import { island, islandEvents } from "lagoon/islands";
import { Stepper } from "../islands/stepper.contract.js";

export const CounterLive = defineView<{ count: number; pageTitle: string }>({
  name: "CounterLive",
  mount(_params, _session, socket) {
    socket.assign({ count: 0, pageTitle: "Counter" });
  },
  events: {
    increment: (_params, socket) => {
      socket.update("count", (n) => n + 1);
    },
    decrement: (_params, socket) => {
      socket.update("count", (n) => n - 1);
    },
    ...islandEvents(Stepper, {
      add: ({ by }, socket) => {
        socket.update("count", (n: number) => n + by);
      },
    }),
  },
  render: (a) => html`<main>
  <h1>Count: ${a.count}</h1>
  <button phx-click="decrement">-</button>
  <button phx-click="increment">+</button>
  ${island(Stepper, { id: "stepper", props: { count: a.count } })}
</main>`,
});
