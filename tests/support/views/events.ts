/** A view that records every binding kind the client sends: click values, keys, focus, blur, forms. */
import { defineView, html, live, liveSession } from "../../../shell/index.js";

export const EventsLive = defineView<{ log: string[]; draft: string }>({
  name: "EventsLive",
  mount(_p, _s, socket) {
    socket.assign({ log: [], draft: "" });
  },
  events: {
    pick: (p: { item?: string; userid?: string }, socket) => {
      socket.update("log", (l) => [...l, `pick ${p.item}/${p.userid}`]);
    },
    key: (p: { key?: string; value?: string }, socket) => {
      socket.update("log", (l) => [...l, `key ${p.key} ${p.value ?? ""}`]);
    },
    focused: (_p, socket) => {
      socket.update("log", (l) => [...l, "focus"]);
    },
    blurred: (p: { value?: string }, socket) => {
      socket.update("log", (l) => [...l, `blur ${p.value ?? ""}`]);
    },
    change: (p: { note?: { text?: string }; _target?: string }, socket) => {
      socket.assign({ draft: p.note?.text ?? "" });
    },
    save: (p: { note?: { text?: string } }, socket) => {
      socket.update("log", (l) => [...l, `saved ${p.note?.text ?? ""}`]).assign({ draft: "" });
    },
  },
  render: (a) => html`<ol id="log">${a.log.map((l) => html`<li>${l}</li>`)}</ol>
<button phx-click="pick" phx-value-item="apple" phx-value-userId="7">pick</button>
<input id="keys" name="keys" phx-keydown="key" phx-key="Enter" phx-focus="focused" phx-blur="blurred">
<form id="note-form" phx-change="change" phx-submit="save">
  <label for="note-text">Note</label>
  <input id="note-text" name="note[text]" value=${a.draft}>
  <button type="submit">Save</button>
</form>
<p id="draft">draft: ${a.draft}</p>`,
});

export const eventRoutes = () => [liveSession({ name: "events" }, [live("/events", EventsLive)])];
