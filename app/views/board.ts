import { z } from "zod";
import { defineView, event, EventRejected, html, type ViewSocket } from "lagoon";
import { island, islandEvents, pushCommand, type PropsInput } from "lagoon/islands";
import { Board } from "../react-islands/board.contract.js";
import type { AuthAssigns } from "../auth.js";
import { NewTodo, newTodoEvents, newTodoForm, type NewTodoForm } from "./new-todo.js";
import type { User } from "../accounts.js";
import { privateTopic, TEAM_TOPIC, type Todo, type TodoChange, type Todos } from "../todos.js";
import { changedBy, SAVE_AGAIN } from "./conflict.js";

type Cards = PropsInput<typeof Board>;

type BoardAssigns = AuthAssigns & {
  cards: Cards;
  /** How many todos each column has, shown or not. */
  totals: { todo: number; done: number };
  form: NewTodoForm;
  /**
   * The card open in the edit form, as it was when the form opened (its version is the one
   * a save expects; its title what the input shows, even when someone renames it meanwhile).
   */
  editing: Todo | null;
  editError: string | null;
  pageTitle: string;
};

type Socket = ViewSocket<BoardAssigns>;

const Rename = z.object({ title: z.string().max(1000) });

/** Cards a column shows at most: the board's props (and each change's re-read) stay bounded. */
export const BOARD_CARDS = 100;

const card = (t: Todo) => ({ id: t.id, title: t.title, owner: t.ownerName, private: t.private });

/**
 * /board: the todos as a drag-and-drop board (the Board island). A move is a typed island
 * event: the contract validates it, the domain layer decides (the todo must be one the
 * viewer sees), commits the order and broadcasts it; every board, this one included,
 * re-reads its cards and the island gets them as props. Adding and editing stay in the
 * server-rendered page around the island.
 */
export function boardLive(todos: Todos) {
  const viewerOf = (socket: Socket): User => socket.assigns.currentUser!;
  /** The first cards of each column the viewer sees, in board order: the island's props. */
  const refresh = async (socket: Socket) => {
    const viewer = viewerOf(socket);
    const [todo, done] = await Promise.all([todos.column(viewer, "todo", BOARD_CARDS), todos.column(viewer, "done", BOARD_CARDS)]);
    socket.assign({ cards: { todo: todo.todos.map(card), done: done.todos.map(card) }, totals: { todo: todo.total, done: done.total } });
  };

  return defineView<BoardAssigns>({
    name: "BoardLive",
    async mount(_params, _session, socket) {
      const viewer = viewerOf(socket);
      if (socket.connected) {
        socket.subscribe(TEAM_TOPIC);
        socket.subscribe(privateTopic(viewer.id));
      }
      socket.assign({ pageTitle: "Board", form: NewTodo.empty(), editing: null, editError: null });
      await refresh(socket);
    },
    events: {
      ...islandEvents(Board, {
        move: async ({ id, to, index }, socket: Socket) => {
          const result = await todos.move(viewerOf(socket), id, to, index);
          if (!result.ok) return { ok: false, error: result.error };
          // the new order rides on this event's reply; the broadcast updates the other boards
          await refresh(socket);
          return { ok: true };
        },
        select: async ({ id }, socket: Socket) => {
          const todo = await todos.get(viewerOf(socket), id);
          if (!todo) throw new EventRejected("not_found", "todo not found");
          socket.assign({ editing: todo, editError: null });
        },
      }),
      ...newTodoEvents(todos),
      rename: event(Rename, async ({ title }, socket) => {
        const editing = socket.assigns.editing;
        if (!editing) return;
        const result = await todos.rename(viewerOf(socket), editing.id, title, editing.version);
        if (!result.ok && result.reason === "conflict") {
          // the user's text stays in the input; saving again replaces the current title knowingly
          const current = result.current;
          return void socket.assign({ editing: { ...current, title }, editError: changedBy(current, SAVE_AGAIN) });
        }
        if (!result.ok) return void socket.assign({ editError: result.error });
        socket.assign({ editing: null, editError: null });
      }),
      remove: async (_p, socket) => {
        const editing = socket.assigns.editing;
        if (editing) await todos.remove(viewerOf(socket), editing.id);
        socket.assign({ editing: null, editError: null });
      },
      close: (_p, socket) => {
        socket.assign({ editing: null, editError: null });
      },
    },
    async info(message: TodoChange, socket) {
      await refresh(socket);
      const editing = socket.assigns.editing;
      if (message.type === "todo:saved") {
        pushCommand(socket, Board, "board", "highlight", { id: message.todo.id });
      } else if (editing?.id === message.id) {
        socket.assign({ editing: null, editError: null });
      }
    },
    render: (a) => {
      return html`<main>
  <h1>Board</h1>
  <p>Drag the cards, or use the keyboard: Tab to a card's ⠿ handle, Space to pick it up, arrow keys to move it, Space to drop it. Everyone's board follows.</p>
  ${newTodoForm(a.form)}
  ${island(Board, { id: "board", props: a.cards })}
  ${
    a.totals.todo > BOARD_CARDS || a.totals.done > BOARD_CARDS
      ? html`<p class="paging">The board shows the first ${BOARD_CARDS} cards of each column (${a.totals.todo} to do, ${a.totals.done} done); <a href="/todos" data-phx-link="redirect" data-phx-link-state="push">the list</a> has them all.</p>`
      : ""
  }
  ${
    a.editing
      ? html`<form id="edit-card" phx-submit="rename">
    <h2>Edit “${a.editing.title}”</h2>
    <label for="edit-title">Title</label>
    <input id="edit-title" name="title" value=${a.editing.title} maxlength="1000">
    <button type="submit">Save</button>
    <button type="button" phx-click="remove" data-confirm="Delete this todo?">Delete</button>
    <button type="button" phx-click="close">Close</button>
    ${a.editError ? html`<p class="error" role="alert">${a.editError}</p>` : ""}
  </form>`
      : ""
  }
</main>`;
    },
  });
}
