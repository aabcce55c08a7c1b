/** A stream fed one item per event, for stream size and memory tests. */
import { defineView, html, live, liveSession, type LiveStream } from "../../../shell/index.js";

interface Line {
  id: number;
  body: string;
}

export const LogLive = defineView<{ next: number; streams: { lines: LiveStream<Line> } }>({
  name: "LogLive",
  mount(_p, _s, socket) {
    socket.assign({ next: 1 }).stream<Line>("lines", []);
  },
  events: {
    add: (_p, socket) => {
      const id = socket.assigns.next;
      socket.assign({ next: id + 1 }).streamInsert("lines", { id, body: `message number ${id}` });
    },
  },
  render: (a) => html`<ul id="lines" phx-update="stream">${a.streams.lines.map((m, id) => html`<li id=${id}>${m.body}</li>`)}</ul>`,
});

export const logRoutes = () => [liveSession({ name: "log" }, [live("/log", LogLive)])];
