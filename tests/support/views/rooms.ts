/**
 * One room for the multi-process tests: /room?name=<who> shows every line said in the room
 * by a view on any process that shares the PubSub, as it comes, and who is here
 * (Presence), and which process serves it. roomRoutes takes the server's PubSub, as an
 * app's Presence does.
 */
import { z } from "zod";
import {
  defineView,
  event,
  html,
  live,
  liveSession,
  Presence,
  type PresenceChanged,
  type PresenceEntry,
  type PubSub,
} from "../../../shell/index.js";

type Said = { type: "said"; line: string };

export function roomRoutes(pubsub: PubSub) {
  const presence = new Presence(pubsub);
  const RoomLive = defineView<{ name: string; lines: string[]; present: readonly PresenceEntry[] }>({
    name: "RoomLive",
    mount(params, _session, socket) {
      const name = z
        .string()
        .regex(/^[A-Za-z]{1,20}$/)
        .catch("someone")
        .parse(params.name);
      if (socket.connected) {
        socket.subscribe("room");
        presence.track(socket, "room", name);
        presence.watch(socket, "room");
      }
      socket.assign({ name, lines: [], present: presence.list("room") });
    },
    events: {
      say: event(z.object({ text: z.string().max(200) }), ({ text }, socket) => {
        socket.broadcast("room", { type: "said", line: `${socket.assigns.name}: ${text}` } satisfies Said);
      }),
    },
    info(message: Said | PresenceChanged, socket) {
      if (message.type === "presence") socket.assign({ present: message.entries });
      else socket.update("lines", (lines) => [...lines, message.line]);
    },
    render: (a) => html`<form id="say" phx-submit="say"><input name="text" aria-label="Line"><button>Say</button></form>
<ul id="present">${a.present.map((entry) => html`<li>${entry.key}</li>`)}</ul>
<ol id="lines">${a.lines.map((line) => html`<li>${line}</li>`)}</ol>
<p id="process">${`process ${process.pid}`}</p>`,
  });
  return [liveSession({ name: "rooms" }, [live("/room", RoomLive)])];
}
