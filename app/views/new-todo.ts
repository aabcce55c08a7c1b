/**
 * The "New todo" form that /todos and /board share: its schema, its two events and its
 * markup. The list itself arrives through the todos' broadcast, so adding only clears the
 * form.
 */
import { z } from "zod";
import { defineForm, html, type Form, type Params, type Template, type ViewSocket } from "lagoon";
import type { AuthAssigns } from "../auth.js";
import { TodoTitle, type Todos } from "../todos.js";

export const NewTodo = defineForm(z.object({ title: TodoTitle, private: z.string().optional() }), { name: "todo" });

export type NewTodoForm = Form<{ title: string; private?: string }>;

type Socket = ViewSocket<AuthAssigns & { form: NewTodoForm }>;

/** `validate` (phx-change) and `add` (phx-submit); the viewer must be logged in. */
export function newTodoEvents(todos: Todos) {
  return {
    validate: (params: Params, socket: Socket) => {
      socket.assign({ form: NewTodo.change(params) });
    },
    add: async (params: Params, socket: Socket) => {
      const form = NewTodo.submit(params);
      if (!form.data) return void socket.assign({ form });
      const result = await todos.create(socket.assigns.currentUser!, { title: form.data.title, private: form.data.private === "on" });
      if (!result.ok) return void socket.assign({ form: NewTodo.withErrors(form, { title: result.error }) });
      socket.assign({ form: NewTodo.empty() });
    },
  };
}

export function newTodoForm(form: NewTodoForm): Template {
  const titleError = form.error("title");
  return html`<form id="new-todo" phx-change="validate" phx-submit="add">
    <label for="todo_title">New todo</label>
    <input id="todo_title" name="todo[title]" value=${form.values.title} autocomplete="off" aria-invalid=${titleError ? "true" : false} aria-describedby=${titleError ? "todo_title_error" : false}>
    <label><input type="checkbox" name="todo[private]" checked=${form.values.private === "on"}> Private</label>
    <button type="submit">Add</button>
    ${titleError ? html`<p class="error" id="todo_title_error">${titleError}</p>` : ""}
  </form>`;
}
