/** Fixture views around the Echo island (tests/support/islands/echo.tsx) for the test client. */
import { defineView, html, live, liveSession, type ViewSocket } from "../../../shell/index.js";
import { island, islandEvents, pushCommand, registerIsland } from "../../../islands/index.js";
import { Tally } from "../../../islands/index.js";
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
    socket.assign({ text: String(params.text ?? "hello"), items: ["a", "b"], other: 0, said: [], show: true });
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
      pushCommand(socket, Echo, "echo", "ping", { n: Number(p.n ?? 1) });
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

/**
 * /tally?load=visible|idle|eager: the Tally island (registered in the browser) loaded as
 * asked, below a spacer taller than the viewport when `far` is set; `toggle` removes it and
 * brings it back with new props. With `drift`, the connected mount starts from another
 * count than the HTTP render (data that changed between the page load and the join).
 */
export const TallyLive = defineView<{ load: "eager" | "idle" | "visible"; far: boolean; show: boolean; count: number }>({
  name: "TallyLive",
  mount(params, _session, socket) {
    const load = params.load === "idle" || params.load === "visible" ? params.load : "eager";
    socket.assign({ load, far: params.far === "1", show: true, count: params.drift === "1" && socket.connected ? 7 : 0 });
  },
  events: {
    toggle: (_p, socket) => {
      socket.update("show", (s) => !s).update("count", (n) => n + 1);
    },
    ...islandEvents(Tally, {
      add: ({ by }, socket: ViewSocket<{ count: number }>) => {
        socket.update("count", (n) => n + by);
      },
      rename: ({ label }) => ({ label, length: label.length }),
    }),
  },
  render: (a) => html`<main>
  <button phx-click="toggle">toggle</button>
  <div id="spacer" style=${a.far ? "height: 3000px" : "height: 0"}></div>
  ${a.show ? island(Tally, { id: "tally", props: { count: a.count, label: "Far" }, load: a.load }) : ""}
</main>`,
});

export const islandRoutes = () => [liveSession({ name: "islands" }, [live("/echo", EchoLive), live("/tally", TallyLive)])];
