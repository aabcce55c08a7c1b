import { z } from "zod";
import { component, defineComponent, defineView, event, EventRejected, html, JS, type LiveStream, type Template } from "lagoon";
import { button, cancelModal, hideModal, modal, showModal } from "lagoon/components";
import type { AuthAssigns } from "../auth.js";
import { NewTodo, newTodoEvents, newTodoForm, type NewTodoForm } from "./new-todo.js";
import type { User } from "../accounts.js";
import { privateTopic, TEAM_TOPIC, type Todo, type TodoChange, type TodoResult, type Todos } from "../todos.js";

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
  if (!result.ok) throw new EventRejected(result.error === "todo not found" ? "not_found" : "invalid", result.error);
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

/** `domId` is the stream item's DOM id: the component's root element carries it. */
type ItemAssigns = { domId: string; todo: Todo; viewer: User; todos: Todos; editing: boolean; error: string | null };

/**
 * One todo: toggle, inline edit, delete. Events target the component (phx-target=myself);
 * the domain layer decides what the viewer may touch, and the broadcast that follows a
 * change re-renders this item in every browser, this one included.
 */
const TodoItem = defineComponent<ItemAssigns>({
  name: "TodoItem",
  mount(socket) {
    socket.assign({ editing: false, error: null });
  },
  events: {
    toggle: event(TodoId, ({ id }, socket) => {
      check(socket.assigns.todos.toggle(socket.assigns.viewer, id));
    }),
    edit: (_p, socket) => {
      socket.assign({ editing: true, error: null });
    },
    cancel: (_p, socket) => {
      socket.assign({ editing: false, error: null });
    },
    save: event(EditTodo, ({ id, title }, socket) => {
      const result = socket.assigns.todos.rename(socket.assigns.viewer, id, title);
      if (!result.ok && result.error !== "todo not found") return void socket.assign({ error: result.error });
      socket.assign({ todo: check(result), editing: false, error: null });
    }),
    delete: event(TodoId, ({ id }, socket) => {
      check(socket.assigns.todos.remove(socket.assigns.viewer, id));
    }),
  },
  render: ({ domId, todo, editing, error, myself }) =>
    html`<li id=${domId} class=${todo.done ? "todo done" : "todo"}>${
      editing
        ? html`<form id=${`edit-${todo.id}`} phx-submit="save" phx-target=${myself}>
      <input type="hidden" name="id" value=${String(todo.id)}>
      <label for=${`edit-title-${todo.id}`}>Title</label>
      <input id=${`edit-title-${todo.id}`} name="title" value=${todo.title} maxlength="1000" phx-mounted=${'[["focus",{}]]'}>
      <button type="submit">Save</button> <button type="button" phx-click="cancel" phx-target=${myself}>Cancel</button>
      ${error ? html`<p class="error" role="alert">${error}</p>` : ""}
    </form>`
        : html`<input type="checkbox" id=${`done-${todo.id}`} checked=${todo.done} phx-click="toggle" phx-value-id=${String(todo.id)} phx-target=${myself}>
    <label for=${`done-${todo.id}`} class="title">${todo.title}</label>
    <small>${todo.ownerName}${todo.private ? " · private" : ""}</small>
    <button type="button" phx-click="edit" phx-target=${myself}>Edit</button>
    <button type="button" phx-click=${showModal(`delete-todo-${todo.id}`)} aria-haspopup="dialog">Delete</button>
    ${confirmDelete(todo, myself)}`
    }</li>`,
});

type TodosAssigns = AuthAssigns & {
  form: NewTodoForm;
  pageTitle: string;
  streams: { todos: LiveStream<Todo> };
};

/** The team todo list: a stream of TodoItem components, live for everyone through PubSub. */
export function todosLive(todos: Todos) {
  return defineView<TodosAssigns>({
    name: "TodosLive",
    mount(_params, _session, socket) {
      const viewer = socket.assigns.currentUser!;
      if (socket.connected) {
        socket.subscribe(TEAM_TOPIC);
        socket.subscribe(privateTopic(viewer.id));
      }
      socket.assign({ pageTitle: "Todos", form: NewTodo.empty() });
      socket.stream("todos", todos.visible(viewer));
    },
    events: {
      ...newTodoEvents(todos),
    },
    info(message: TodoChange, socket) {
      if (message.type === "todo:saved") socket.streamInsert("todos", message.todo);
      else if (message.type === "todo:deleted") socket.streamDelete("todos", `todos-${message.id}`);
    },
    render: (a) => {
      const viewer = a.currentUser!;
      return html`<main>
  <h1>Todos</h1>
  ${newTodoForm(a.form)}
  <ul id="todos" phx-update="stream">${a.streams.todos.map((todo, domId) => component(TodoItem, { id: `todo-${todo.id}`, domId, todo, viewer, todos }))}</ul>
</main>`;
    },
  });
}
