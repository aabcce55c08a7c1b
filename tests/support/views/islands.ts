/** Fixture views around the fixture app's islands (tests/support/app/islands): Echo and Dial. */
import { defineView, html, live, liveSession, type ViewSocket } from "../../../shell/index.js";
import { island, islandEvents, loadIslands, pushCommand } from "../../../islands/index.js";
import { Dial } from "../app/islands/dial.contract.js";
import { Echo } from "../app/islands/echo.contract.js";

// registered for server rendering, as a server does on start
await loadIslands(new URL("../app/islands/", import.meta.url));

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
 * /dial?load=visible|idle|eager: the Dial island loaded as asked, below a spacer taller
 * than the viewport when `far` is set; `toggle` removes it and brings it back with new
 * props. With `drift`, the connected mount starts from another count than the HTTP render
 * (data that changed between the page load and the join).
 */
export const DialLive = defineView<{ load: "eager" | "idle" | "visible"; far: boolean; show: boolean; count: number }>({
  name: "DialLive",
  mount(params, _session, socket) {
    const load = params.load === "idle" || params.load === "visible" ? params.load : "eager";
    socket.assign({ load, far: params.far === "1", show: true, count: params.drift === "1" && socket.connected ? 7 : 0 });
  },
  events: {
    toggle: (_p, socket) => {
      socket.update("show", (s) => !s).update("count", (n) => n + 1);
    },
    ...islandEvents(Dial, {
      add: ({ by }, socket: ViewSocket<{ count: number }>) => {
        socket.update("count", (n) => n + by);
      },
      rename: ({ label }) => ({ label, length: label.length }),
    }),
  },
  render: (a) => html`<main>
  <button phx-click="toggle">toggle</button>
  <div id="spacer" style=${a.far ? "height: 3000px" : "height: 0"}></div>
  ${a.show ? island(Dial, { id: "dial", props: { count: a.count, label: "Far" }, load: a.load }) : ""}
</main>`,
});

export const islandRoutes = () => [liveSession({ name: "islands" }, [live("/echo", EchoLive), live("/dial", DialLive)])];
