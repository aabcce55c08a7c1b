/**
 * The team todo list. Public todos belong to the whole team (anyone logged in sees and
 * changes them); a private todo is visible to, and changeable by, its owner only. Every
 * change is committed first, then broadcast on a narrow topic: `todos` for public todos,
 * `todos:user:<id>` for one owner's private ones.
 */
import { z } from "zod";
import type { PubSub } from "lagoon";
import type { User } from "./accounts.js";
import { sql, type Db } from "./db.js";

export interface Todo {
  readonly id: number;
  readonly title: string;
  readonly done: boolean;
  readonly private: boolean;
  /** Order on the board (within its column). */
  readonly position: number;
  readonly ownerId: number;
  readonly ownerName: string;
}

export type Column = "todo" | "done";

export const TodoTitle = z.string().trim().min(1, "can't be blank").max(200, "should be at most 200 characters");

/** What subscribers of the todo topics receive. */
export type TodoChange = { type: "todo:saved"; todo: Todo } | { type: "todo:deleted"; id: number };

export const TEAM_TOPIC = "todos";
export const privateTopic = (userId: number) => `todos:user:${userId}`;

export type TodoResult = { ok: true; todo: Todo } | { ok: false; error: string };

const NOT_FOUND: TodoResult = { ok: false, error: "todo not found" };

const SELECT = `select t.id, t.title, t.done, t.private, t.position, t.owner_id as ownerId, u.name as ownerName
  from todos t join users u on u.id = t.owner_id`;
const VISIBLE = "(t.private = 0 or t.owner_id = ?)";

interface Row extends Omit<Todo, "done" | "private"> {
  done: number;
  private: number;
}

const toTodo = (row: Row): Todo => ({ ...row, done: row.done === 1, private: row.private === 1 });

export class Todos {
  readonly #db: Db;
  readonly #pubsub: PubSub;

  constructor(db: Db, pubsub: PubSub) {
    this.#db = db;
    this.#pubsub = pubsub;
  }

  /** Every todo `viewer` may see, in board order. */
  visible(viewer: User): Todo[] {
    return (sql(this.#db, `${SELECT} where ${VISIBLE} order by t.position, t.id`).all(viewer.id) as Row[]).map(toTodo);
  }

  /** The todo, when `viewer` may see it. */
  get(viewer: User, id: unknown): Todo | null {
    if (typeof id !== "number" || !Number.isSafeInteger(id)) return null;
    const row = sql(this.#db, `${SELECT} where t.id = ? and ${VISIBLE}`).get(id, viewer.id) as Row | undefined;
    return row ? toTodo(row) : null;
  }

  create(viewer: User, input: { title: unknown; private?: boolean }): TodoResult {
    const title = TodoTitle.safeParse(input.title);
    if (!title.success) return { ok: false, error: title.error.issues[0]!.message };
    const { next } = sql(this.#db, "select coalesce(max(position), 0) + 1 as next from todos").get() as { next: number };
    const info = sql(this.#db, "insert into todos (owner_id, title, private, position, created_at) values (?, ?, ?, ?, ?)").run(
      viewer.id,
      title.data,
      input.private ? 1 : 0,
      next,
      Date.now(),
    );
    return this.#saved(viewer, Number(info.lastInsertRowid));
  }

  toggle(viewer: User, id: unknown): TodoResult {
    const todo = this.get(viewer, id);
    if (!todo) return NOT_FOUND;
    sql(this.#db, "update todos set done = ? where id = ?").run(todo.done ? 0 : 1, todo.id);
    return this.#saved(viewer, todo.id);
  }

  rename(viewer: User, id: unknown, newTitle: unknown): TodoResult {
    const todo = this.get(viewer, id);
    if (!todo) return NOT_FOUND;
    const title = TodoTitle.safeParse(newTitle);
    if (!title.success) return { ok: false, error: title.error.issues[0]!.message };
    sql(this.#db, "update todos set title = ? where id = ?").run(title.data, todo.id);
    return this.#saved(viewer, todo.id);
  }

  remove(viewer: User, id: unknown): TodoResult {
    const todo = this.get(viewer, id);
    if (!todo) return NOT_FOUND;
    sql(this.#db, "delete from todos where id = ?").run(todo.id);
    this.#publish(todo, { type: "todo:deleted", id: todo.id });
    return { ok: true, todo };
  }

  /**
   * Moves a todo to `index` among the todos `viewer` sees in column `to` (the board's drag
   * and drop): it takes the position between its new neighbours, so no other row changes.
   */
  move(viewer: User, id: unknown, to: Column, index: number): TodoResult {
    const todo = this.get(viewer, id);
    if (!todo) return NOT_FOUND;
    const column = this.visible(viewer).filter((t) => t.done === (to === "done") && t.id !== todo.id);
    const at = Math.max(0, Math.min(index, column.length));
    const before = column[at - 1]?.position;
    const after = column[at]?.position;
    const position =
      before === undefined && after === undefined
        ? todo.position
        : before === undefined
          ? after! - 1
          : after === undefined
            ? before + 1
            : (before + after) / 2;
    sql(this.#db, "update todos set done = ?, position = ? where id = ?").run(to === "done" ? 1 : 0, position, todo.id);
    return this.#saved(viewer, todo.id);
  }

  #saved(viewer: User, id: number): TodoResult {
    const todo = this.get(viewer, id);
    if (!todo) return NOT_FOUND;
    this.#publish(todo, { type: "todo:saved", todo });
    return { ok: true, todo };
  }

  #publish(todo: Todo, change: TodoChange): void {
    this.#pubsub.broadcast(todo.private ? privateTopic(todo.ownerId) : TEAM_TOPIC, change);
  }
}
