/**
 * The scratchpad: a sticky live view in the authenticated layout. It lives beside the page
 * rather than in it, so moving between /todos, /board and /chat keeps it (same view, no new
 * join) and what is typed stays. Saved as the user types, for them only.
 */
import { defineView, html } from "lagoon";
import type { Accounts, User } from "../accounts.js";
import { NOTE_MAX, noteTopic, type NoteSaved, type Notes } from "../notes.js";

type ScratchpadAssigns = { user: User | null; note: string; status: string };

export function scratchpadLive(notes: Notes, accounts: Accounts) {
  return defineView<ScratchpadAssigns>({
    name: "Scratchpad",
    async mount(_params, session, socket) {
      // a sticky view runs no live session hooks: it finds its user itself
      const user = typeof session.userId === "number" ? await accounts.get(session.userId) : null;
      socket.assign({ user, note: user ? await notes.get(user) : "", status: "" });
      if (user && socket.connected) socket.subscribe(noteTopic(user.id));
    },
    events: {
      save: async (params: { note?: unknown }, socket) => {
        const { user } = socket.assigns;
        if (!user) return;
        const text = typeof params.note === "string" ? params.note : "";
        const saved = await notes.save(user, text);
        socket.assign(saved.ok ? { note: text, status: "Saved" } : { status: `Not saved: ${saved.error}` });
      },
    },
    info(message: NoteSaved, socket) {
      // another tab of this user saved; the client leaves the textarea alone while it is being typed in
      if (message.type === "note:saved") socket.assign({ note: message.text });
    },
    render: ({ user, note, status }) =>
      user
        ? html`<form id="scratchpad-form" phx-change="save" phx-submit="save">
  <label for="scratchpad-note">Scratchpad</label>
  <textarea id="scratchpad-note" name="note" rows="4" maxlength=${NOTE_MAX} phx-debounce="300">${note}</textarea>
  <p class="scratchpad-status" role="status">${status}</p>
</form>`
        : html``,
  });
}
