import { defineView, html, type ViewSocket } from "lagoon";
import { island, islandEvents, pushCommand } from "lagoon/islands";
import { Tally } from "../react-islands/tally.contract.js";

interface IslandsAssigns {
  count: number;
  label: string;
  flashes: number;
  log: string[];
  pageTitle: string;
}

const note = (socket: ViewSocket<IslandsAssigns>, line: string) => socket.update("log", (log) => [line, ...log].slice(0, 5));

/** /islands: a React island (Tally) inside a live view, with server state on both sides of it. */
export const IslandsLive = defineView<IslandsAssigns>({
  name: "IslandsLive",
  mount(_params, _session, socket) {
    socket.assign({ count: 0, label: "Apples", flashes: 0, log: [], pageTitle: "Islands" });
  },
  events: {
    bump: (_p, socket) => {
      socket.update("count", (n) => n + 1);
      note(socket, "server: +1");
    },
    flash: (_p, socket) => {
      const n = socket.assigns.flashes + 1;
      pushCommand(socket.assign({ flashes: n }), Tally, "tally", "flash", { message: `Hello from the server #${n}` });
    },
    ...islandEvents(Tally, {
      add: ({ by }, socket: ViewSocket<IslandsAssigns>) => {
        socket.update("count", (n) => n + by);
        note(socket, `island: +${by}`);
      },
      rename: ({ label }, socket: ViewSocket<IslandsAssigns>) => {
        socket.assign({ label });
        note(socket, `island: renamed to ${label}`);
        return { label, length: [...label].length };
      },
    }),
  },
  render: (a) => html`<main>
  <h1>Islands</h1>
  <p>The box below is a React island: server-rendered, then hydrated. Its count and label are the view's state; its step, its label draft and its messages are React state.</p>
  ${island(Tally, { id: "tally", props: { count: a.count, label: a.label } })}
  <section aria-label="Server">
    <p id="server-count">Server count: ${a.count}</p>
    <button phx-click="bump">+1 from the server</button>
    <button phx-click="flash">Send a command</button>
    <ul id="server-log">${a.log.map((line) => html`<li>${line}</li>`)}</ul>
  </section>
</main>`,
});
