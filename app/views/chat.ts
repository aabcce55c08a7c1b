import { z } from "zod";
import {
  defineForm,
  defineView,
  event,
  EventRejected,
  html,
  HttpError,
  type Form,
  type LiveStream,
  type Presence,
  type PresenceChanged,
  type PresenceEntry,
} from "lagoon";
import type { AuthAssigns } from "../auth.js";
import { MessageBody, RoomName, roomTopic, type Chat, type ChatChange, type Message } from "../chat.js";
import { clock, type ClientHints } from "../client-hints.js";

const MessageForm = defineForm(z.object({ body: MessageBody }), { name: "message" });
const MessageId = z.object({
  id: z
    .string()
    .regex(/^\d{1,15}$/, "must be a message id")
    .transform(Number),
});

/** Messages the browser keeps: the newest 200 (the server keeps none after sending). */
const CLIENT_LIMIT = -200;

type ChatAssigns = AuthAssigns & {
  room: string;
  present: PresenceEntry[];
  form: Form<{ body: string }>;
  pageTitle: string;
  streams: { messages: LiveStream<Message> };
} & ClientHints;

/** A chat room: the last 50 messages on join, then live through the room's topic. */
export function chatLive(chat: Chat, presence: Presence) {
  return defineView<ChatAssigns>({
    name: "ChatLive",
    async mount(params, _session, socket) {
      const room = RoomName.safeParse(params.room);
      if (!room.success) throw new HttpError(404, "No such room");
      const topic = roomTopic(room.data);
      const me = socket.assigns.currentUser!;
      if (socket.connected) {
        socket.subscribe(topic);
        presence.track(socket, topic, String(me.id), { name: me.name });
        presence.watch(socket, topic);
      }
      socket.assign({ room: room.data, pageTitle: `#${room.data}`, form: MessageForm.empty(), present: presence.list(topic) });
      socket.stream("messages", await chat.recent(room.data));
    },
    events: {
      send: async (params, socket) => {
        const form = MessageForm.submit(params);
        if (!form.data) return void socket.assign({ form });
        const result = await chat.post(socket.assigns.currentUser!, socket.assigns.room, form.data.body);
        if (!result.ok) return void socket.assign({ form: MessageForm.withErrors(form, { body: result.error }) });
        socket.assign({ form: MessageForm.empty() });
      },
      delete: event(MessageId, async ({ id }, socket) => {
        const result = await chat.remove(socket.assigns.currentUser!, socket.assigns.room, id);
        if (!result.ok) throw new EventRejected(result.error === "message not found" ? "not_found" : "forbidden", result.error);
      }),
    },
    info(message: ChatChange | PresenceChanged, socket) {
      if (message.type === "presence") socket.assign({ present: message.entries as PresenceEntry[] });
      else if (message.type === "chat:message") socket.streamInsert("messages", message.message, { limit: CLIENT_LIMIT });
      else if (message.type === "chat:deleted") socket.streamDelete("messages", `messages-${message.id}`);
    },
    render: (a) => {
      const me = a.currentUser!;
      const error = a.form.error("body");
      const time = clock(a.timeZone);
      return html`<main>
  <h1>#${a.room}</h1>
  <section aria-label="Who is here"><h2>Here now</h2><ul id="present">${a.present.map(
    (p) =>
      html`<li>${String(p.metas[0]?.name ?? "someone")}${p.metas.length > 1 ? html` <small>(${p.metas.length} tabs)</small>` : ""}</li>`,
  )}</ul></section>
  <ol id="messages" phx-update="stream" aria-live="polite">${a.streams.messages.map(
    (m, domId) =>
      html`<li id=${domId} class="message"><time datetime=${new Date(m.createdAt).toISOString()}>${time.format(m.createdAt)}</time> <strong class="author">${m.userName}</strong>: <span class="body">${m.body}</span>${
        m.userId === me.id
          ? html` <button type="button" phx-click="delete" phx-value-id=${String(m.id)} aria-label="Delete message">Delete</button>`
          : ""
      }</li>`,
  )}</ol>
  <form id="chat-form" phx-submit="send">
    <label for="message_body">Message</label>
    <input id="message_body" name="message[body]" value=${a.form.values.body} autocomplete="off" maxlength="500">
    <button type="submit">Send</button>
    ${error ? html`<p class="error" role="alert">${error}</p>` : ""}
  </form>
</main>`;
    },
  });
}
