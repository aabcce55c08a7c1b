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
 * (data that changed between the page load and the join). The island's events change the
 * count and label and are logged; buttons outside it change its props and send it a command.
 */
export interface DialAssigns {
  load: "eager" | "idle" | "visible";
  far: boolean;
  show: boolean;
  count: number;
  label: string;
  log: string[];
  commands: number;
}

export const DialLive = defineView<DialAssigns>({
  name: "DialLive",
  mount(params, _session, socket) {
    const load = params.load === "idle" || params.load === "visible" ? params.load : "eager";
    const count = params.drift === "1" && socket.connected ? 7 : 0;
    socket.assign({ load, far: params.far === "1", show: true, count, label: "Far", log: [], commands: 0 });
  },
  events: {
    toggle: (_p, socket) => {
      socket.update("show", (s) => !s).update("count", (n) => n + 1);
    },
    bump: (_p, socket) => {
      socket.update("count", (n) => n + 1);
    },
    command: (_p, socket) => {
      socket.update("commands", (n) => n + 1);
      pushCommand(socket, Dial, "dial", "flash", { message: `Hello from the server #${socket.assigns.commands}` });
    },
    ...islandEvents(Dial, {
      add: ({ by }, socket: ViewSocket<DialAssigns>) => {
        socket.update("count", (n) => n + by).update("log", (l) => [...l, `island: +${by}`]);
      },
      rename: ({ label }, socket: ViewSocket<DialAssigns>) => {
        socket.assign({ label });
        return { label, length: [...label].length };
      },
    }),
  },
  render: (a) => html`<main>
  <button phx-click="toggle">toggle</button>
  <button phx-click="bump">+1 from the server</button>
  <button phx-click="command">Send a command</button>
  <p id="server-count">Server count: ${a.count}</p>
  <ol id="server-log">${a.log.map((l) => html`<li>${l}</li>`)}</ol>
  <div id="spacer" style=${a.far ? "height: 3000px" : "height: 0"}></div>
  ${a.show ? island(Dial, { id: "dial", props: { count: a.count, label: a.label }, load: a.load }) : ""}
</main>`,
});

export const islandRoutes = () => [liveSession({ name: "islands" }, [live("/echo", EchoLive), live("/dial", DialLive)])];
