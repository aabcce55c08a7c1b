/** Fixture views around the Echo island (tests/support/islands/echo.tsx) for the test client. */
import { defineView, html, live, liveSession, type ViewSocket } from "../../../shell/index.js";
import { island, islandEvents, registerIsland } from "../../../islands/index.js";
import { Echo, echoModule } from "../islands/echo.js";

registerIsland(echoModule);

export interface EchoAssigns {
  text: string;
  items: string[];
  other: number;
  said: { id: string; text: string }[];
  show: boolean;
}

export const EchoLive = defineView<EchoAssigns>({
  name: "EchoLive",
  mount(params, _session, socket) {
    socket.assign({ text: params.text ?? "hello", items: ["a", "b"], other: 0, said: [], show: true });
  },
  events: {
    set: (p: { text?: string }, socket) => {
      socket.assign({ text: String(p.text ?? "") });
    },
    other: (_p, socket) => {
      socket.update("other", (n) => n + 1);
    },
    toggle: (_p, socket) => {
      socket.update("show", (s) => !s);
    },
    ping: (p: { n?: number }, socket) => {
      socket.pushCommand(Echo, "echo", "ping", { n: Number(p.n ?? 1) });
    },
    ...islandEvents(Echo, {
      say: ({ text }, socket: ViewSocket<EchoAssigns>, { id }) => {
        socket.update("said", (s) => [...s, { id, text }]);
      },
      measure: ({ text }) => ({ length: text.length }),
    }),
  },
  render: (a) => html`<main>
  <p id="other">other: ${a.other}</p>
  ${a.show ? island(Echo, { id: "echo", props: { text: a.text, items: a.items } }) : ""}
  <ol id="said">${a.said.map((s) => html`<li>${s.id}: ${s.text}</li>`)}</ol>
</main>`,
});

export const islandRoutes = () => [liveSession({ name: "islands" }, [live("/echo", EchoLive)])];
