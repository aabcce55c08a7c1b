import { z } from "zod";
import {
  component,
  defineComponent,
  defineView,
  event,
  EventRejected,
  html,
  JS,
  type LiveStream,
  type Template,
  type ViewSocket,
} from "lagoon";
import { button, cancelModal, hideModal, modal, showModal } from "lagoon/components";
import type { AuthAssigns } from "../auth.js";
import { NewTodo, newTodoEvents, newTodoForm, type NewTodoForm } from "./new-todo.js";
import type { User } from "../accounts.js";
import { privateTopic, TEAM_TOPIC, type Todo, type TodoChange, type TodoResult, type Todos } from "../todos.js";
import { changedBy, SAVE_AGAIN } from "./conflict.js";

/** A todo id as the browser sends it (phx-value-id): digits only. */
const TodoId = z.object({
  id: z
    .string()
    .regex(/^\d{1,15}$/, "must be a todo id")
    .transform(Number),
});

const EditTodo = z.object({ id: TodoId.shape.id, title: z.string().max(1000) });

/** A refused change (missing, not visible, bad title) is an error reply; nothing changes. */
function check(result: TodoResult): Todo {
  if (!result.ok) throw new EventRejected(result.reason, result.error);
  return result.todo;
}

/**
 * Delete asks first, in a dialog that opens and closes in the browser: only its Delete
 * button sends an event (to the item's component), and closes it on the way.
 */
function confirmDelete(todo: Todo, myself: number): Template {
  const id = `delete-todo-${todo.id}`;
  return modal(
    { id, title: html`Delete “${todo.title}”?` },
    html`<p>It goes for everyone who can see it.</p>
    <div class="todo-dialog-actions">
      ${button({ type: "button", variant: "secondary", "phx-click": cancelModal(id) }, "Cancel")}
      ${button({ type: "button", variant: "danger", "phx-click": JS.push("delete", { value: { id: String(todo.id) }, target: myself }).concat(hideModal(id)) }, "Delete")}
    </div>`,
  );
}

/**
 * `domId` is the stream item's DOM id: the component's root element carries it. `editing`
 * is the version the edit started from and the text its input shows: a broadcast renaming
 * the todo meanwhile neither changes what the user is typing nor slips under their save.
 */
type ItemAssigns = {
  domId: string;
  todo: Todo;
  viewer: User;
  todos: Todos;
  editing: { version: number; title: string } | null;
  error: string | null;
};

/**
 * One todo: toggle, inline edit, delete. Events target the component (phx-target=myself);
 * the domain layer decides what the viewer may touch, and the broadcast that follows a
 * change re-renders this item in every browser, this one included.
 */
const TodoItem = defineComponent<ItemAssigns>({
  name: "TodoItem",
  mount(socket) {
    socket.assign({ editing: null, error: null });
  },
  events: {
    toggle: event(TodoId, async ({ id }, socket) => {
      const { todo, viewer, todos } = socket.assigns;
      // ticked as the user saw it: a change they had not seen yet wins, and they are told
      const result = await todos.toggle(viewer, id, id === todo.id ? todo.version : undefined);
      if (!result.ok && result.reason === "conflict") return void socket.assign({ todo: result.current, error: changedBy(result.current) });
      socket.assign({ todo: check(result), error: null });
    }),
    edit: (_p, socket) => {
      const { todo } = socket.assigns;
      socket.assign({ editing: { version: todo.version, title: todo.title }, error: null });
    },
    cancel: (_p, socket) => {
      socket.assign({ editing: null, error: null });
    },
    save: event(EditTodo, async ({ id, title }, socket) => {
      const { viewer, todos, editing } = socket.assigns;
      const result = await todos.rename(viewer, id, title, editing?.version);
      if (!result.ok && result.reason === "conflict") {
        // the user's text stays; saving again replaces the current one knowingly
        return void socket.assign({ editing: { version: result.current.version, title }, error: changedBy(result.current, SAVE_AGAIN) });
      }
      if (!result.ok && result.reason === "invalid") return void socket.assign({ error: result.error });
      socket.assign({ todo: check(result), editing: null, error: null });
    }),
    delete: event(TodoId, async ({ id }, socket) => {
      check(await socket.assigns.todos.remove(socket.assigns.viewer, id));
    }),
  },
  render: ({ domId, todo, editing, error, myself }) =>
    html`<li id=${domId} class=${todo.done ? "todo done" : "todo"}>${
      editing
        ? html`<form id=${`edit-${todo.id}`} phx-submit="save" phx-target=${myself}>
      <input type="hidden" name="id" value=${String(todo.id)}>
      <label for=${`edit-title-${todo.id}`}>Title</label>
      <input id=${`edit-title-${todo.id}`} name="title" value=${editing.title} maxlength="1000" phx-mounted=${'[["focus",{}]]'}>
      <button type="submit">Save</button> <button type="button" phx-click="cancel" phx-target=${myself}>Cancel</button>
      ${error ? html`<p class="error" role="alert">${error}</p>` : ""}
    </form>`
        : html`<input type="checkbox" id=${`done-${todo.id}`} checked=${todo.done} phx-click="toggle" phx-value-id=${String(todo.id)} phx-target=${myself}>
    <label for=${`done-${todo.id}`} class="title">${todo.title}</label>
    <small>${todo.ownerName}${todo.private ? " · private" : ""}</small>
    <button type="button" phx-click="edit" phx-target=${myself}>Edit</button>
    <button type="button" phx-click=${showModal(`delete-todo-${todo.id}`)} aria-haspopup="dialog">Delete</button>
    ${confirmDelete(todo, myself)}
    ${error ? html`<p class="error" role="alert">${error}</p>` : ""}`
    }</li>`,
});

type TodosAssigns = AuthAssigns & {
  form: NewTodoForm;
  pageTitle: string;
  /** Where the loaded todos end, in board order; null when every todo is loaded. */
  cursor: Pick<Todo, "position" | "id"> | null;
  /** Todos scrolled out of the page at the top (past SHOWN): "Back to the top" loads them again. */
  trimmed: boolean;
  streams: { todos: LiveStream<Todo> };
};

/** Todos loaded at a time, and at most on the page (each is a live component the server keeps). */
export const PAGE = 50;
export const SHOWN = 200;

/**
 * The team todo list: a stream of TodoItem components, live for everyone through PubSub.
 * Long lists come a page at a time ("Show more"), and the page keeps the last SHOWN of
 * them (the stream's limit), so a view holds a bounded number of components however many
 * todos there are.
 */
export function todosLive(todos: Todos) {
  /** The next page after the socket's cursor (the first page without one), into the stream. */
  const load = async (socket: ViewSocket<TodosAssigns>, after: Pick<Todo, "position" | "id"> | undefined, reset: boolean) => {
    const page = await todos.page(socket.assigns.currentUser!, PAGE + 1, after);
    const shown = page.slice(0, PAGE);
    const last = shown.at(-1);
    socket.assign({ cursor: page.length > PAGE && last ? { position: last.position, id: last.id } : null });
    if (reset) return void socket.stream("todos", shown, { reset: true, limit: -SHOWN });
    for (const todo of shown) socket.streamInsert("todos", todo, { limit: -SHOWN });
  };
  return defineView<TodosAssigns>({
    name: "TodosLive",
    async mount(_params, _session, socket) {
      const viewer = socket.assigns.currentUser!;
      if (socket.connected) {
        socket.subscribe(TEAM_TOPIC);
        socket.subscribe(privateTopic(viewer.id));
      }
      socket.assign({ pageTitle: "Todos", form: NewTodo.empty(), trimmed: false });
      await load(socket, undefined, true);
    },
    events: {
      ...newTodoEvents(todos),
      more: async (_p, socket) => {
        const { cursor } = socket.assigns;
        if (!cursor) return;
        await load(socket, cursor, false);
        // more than SHOWN loaded: the stream dropped the first ones from the page
        socket.assign({ trimmed: true });
      },
      top: async (_p, socket) => {
        socket.assign({ trimmed: false });
        await load(socket, undefined, true);
      },
    },
    info(message: TodoChange, socket) {
      if (message.type === "todo:deleted") return void socket.streamDelete("todos", `todos-${message.id}`);
      const todo = message.todo;
      // a change updates the todo where the page shows it (if it does); a new one (its first
      // version) joins the end, unless the page has not loaded the end yet ("Show more" will)
      if (todo.version > 1) return void socket.streamInsert("todos", todo, { updateOnly: true });
      if (!socket.assigns.cursor) socket.streamInsert("todos", todo, { limit: -SHOWN });
    },
    render: (a) => {
      const viewer = a.currentUser!;
      return html`<main>
  <h1>Todos</h1>
  ${newTodoForm(a.form)}
  ${a.trimmed ? html`<p class="paging"><button type="button" phx-click="top">Back to the top</button></p>` : ""}
  <ul id="todos" phx-update="stream">${a.streams.todos.map((todo, domId) => component(TodoItem, { id: `todo-${todo.id}`, domId, todo, viewer, todos }))}</ul>
  ${a.cursor ? html`<p class="paging"><button type="button" phx-click="more">Show more</button></p>` : ""}
</main>`;
    },
  });
}
