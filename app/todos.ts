/**
 * The team todo list. Public todos belong to the whole team (anyone logged in sees and
 * changes them); a private todo is visible to, and changeable by, its owner only. Every
 * change is committed first, then broadcast on a narrow topic: `todos` for public todos,
 * `todos:user:<id>` for one owner's private ones.
 *
 * Concurrent writers: each change is one conditional statement, so two processes never
 * lose one another's update. An edit names the version it started from; when someone else
 * changed the todo since, it is refused with the current todo ("changed by someone else").
 * Board moves run one at a time (a transaction under a lock), since they read neighbours.
 */
import type { PubSub } from "lagoon";
import type { User } from "./accounts.js";
import type { Db, Queryable } from "./db.js";
import { plainText } from "./text.js";

export interface Todo {
  readonly id: number;
  readonly title: string;
  readonly done: boolean;
  readonly private: boolean;
  /** Order on the board (within its column). */
  readonly position: number;
  /** Goes up with each change of the title or the column. */
  readonly version: number;
  readonly ownerId: number;
  readonly ownerName: string;
}

export type Column = "todo" | "done";

export const TodoTitle = plainText(200);

/** What subscribers of the todo topics receive. */
export type TodoChange = { type: "todo:saved"; todo: Todo } | { type: "todo:deleted"; id: number };

export const TEAM_TOPIC = "todos";
export const privateTopic = (userId: number) => `todos:user:${userId}`;

export const CHANGED = "changed by someone else";

/** Todos one user may own at once: what one account can make the server hold is bounded. */
export const MAX_OWNED = 500;

export type TodoResult =
  | { ok: true; todo: Todo }
  | { ok: false; reason: "not_found" | "invalid" | "quota"; error: string }
  /** The todo changed since the version the edit started from: `current` is what it is now. */
  | { ok: false; reason: "conflict"; error: string; current: Todo };

const NOT_FOUND: TodoResult = { ok: false, reason: "not_found", error: "todo not found" };

/**
 * Positions closer than this are renumbered before a move between them: halving the gap
 * 55 times in a row (moving cards into one slot again and again) would make a midpoint
 * equal one of its neighbours, and the order would be lost.
 */
export const MIN_GAP = 2 ** -20;
const ORDER_LOCK = "todos:order";

const SELECT = `select t.id, t.title, t.done, t.private, t.position, t.version, t.owner_id as "ownerId", u.name as "ownerName"
  from todos t join users u on u.id = t.owner_id`;
const VISIBLE = "(t.private = 0 or t.owner_id = ?)";
const WRITABLE = "(private = 0 or owner_id = ?)";

interface Row extends Omit<Todo, "done" | "private"> {
  done: number;
  private: number;
}

const toTodo = (row: Row): Todo => ({ ...row, done: row.done === 1, private: row.private === 1 });

const validId = (id: unknown): id is number => typeof id === "number" && Number.isSafeInteger(id);

export class Todos {
  readonly #db: Db;
  readonly #pubsub: PubSub;

  constructor(db: Db, pubsub: PubSub) {
    this.#db = db;
    this.#pubsub = pubsub;
  }

  /** Every todo `viewer` may see, in board order. */
  async visible(viewer: User, db: Queryable = this.#db): Promise<Todo[]> {
    return (await db.all<Row>(`${SELECT} where ${VISIBLE} order by t.position, t.id`, [viewer.id])).map(toTodo);
  }

  /** Up to `limit` of the todos `viewer` sees, in board order, from after `after` (a todo's place). */
  async page(viewer: User, limit: number, after?: Pick<Todo, "position" | "id">): Promise<Todo[]> {
    const from = after ? " and (t.position > ? or (t.position = ? and t.id > ?))" : "";
    const params = after ? [viewer.id, after.position, after.position, after.id] : [viewer.id];
    return (await this.#db.all<Row>(`${SELECT} where ${VISIBLE}${from} order by t.position, t.id limit ${Math.floor(limit)}`, params)).map(
      toTodo,
    );
  }

  /** The first `limit` todos of a column `viewer` sees, and how many it has. */
  async column(viewer: User, column: Column, limit: number): Promise<{ todos: Todo[]; total: number }> {
    const done = column === "done" ? 1 : 0;
    const rows = await this.#db.all<Row>(`${SELECT} where ${VISIBLE} and t.done = ? order by t.position, t.id limit ${Math.floor(limit)}`, [
      viewer.id,
      done,
    ]);
    const count = await this.#db.get<{ n: number }>(`select count(*) as n from todos t where ${VISIBLE} and t.done = ?`, [viewer.id, done]);
    return { todos: rows.map(toTodo), total: Number(count?.n ?? 0) };
  }

  /** The todo, when `viewer` may see it. */
  async get(viewer: User, id: unknown, db: Queryable = this.#db): Promise<Todo | null> {
    if (!validId(id)) return null;
    const row = await db.get<Row>(`${SELECT} where t.id = ? and ${VISIBLE}`, [id, viewer.id]);
    return row ? toTodo(row) : null;
  }

  async create(viewer: User, input: { title: unknown; private?: boolean }): Promise<TodoResult> {
    const title = TodoTitle.safeParse(input.title);
    if (!title.success) return { ok: false, reason: "invalid", error: title.error.issues[0]!.message };
    // one statement: the quota holds however many of the user's requests run at once on SQLite
    const row = await this.#db.get<{ id: number }>(
      `insert into todos (owner_id, title, private, position, created_at)
       select ?, ?, ?, (select coalesce(max(position), 0) + 1 from todos), ?
       where (select count(*) from todos where owner_id = ?) < ${MAX_OWNED} returning id`,
      [viewer.id, title.data, input.private ? 1 : 0, Date.now(), viewer.id],
    );
    if (!row) return { ok: false, reason: "quota", error: `you have ${MAX_OWNED} todos already; finish or delete some first` };
    return this.#saved(viewer, row.id);
  }

  /** Ticks or unticks the todo; with `version`, only if nobody changed it since. */
  async toggle(viewer: User, id: unknown, version?: number): Promise<TodoResult> {
    if (!validId(id)) return NOT_FOUND;
    return this.#update(viewer, id, version, "done = 1 - done", []);
  }

  /** Renames the todo; with `version`, only if nobody changed it since. */
  async rename(viewer: User, id: unknown, newTitle: unknown, version?: number): Promise<TodoResult> {
    if (!validId(id)) return NOT_FOUND;
    const title = TodoTitle.safeParse(newTitle);
    if (!title.success) {
      return (await this.get(viewer, id)) ? { ok: false, reason: "invalid", error: title.error.issues[0]!.message } : NOT_FOUND;
    }
    return this.#update(viewer, id, version, "title = ?", [title.data]);
  }

  async remove(viewer: User, id: unknown): Promise<TodoResult> {
    const todo = await this.get(viewer, id);
    if (!todo) return NOT_FOUND;
    if ((await this.#db.run(`delete from todos where id = ? and ${WRITABLE}`, [todo.id, viewer.id])) === 0) return NOT_FOUND;
    this.#publish(todo, { type: "todo:deleted", id: todo.id });
    return { ok: true, todo };
  }

  /**
   * Moves a todo to `index` among the todos `viewer` sees in column `to` (the board's drag
   * and drop): it takes the position between its new neighbours, so no other row changes,
   * unless they are too close: then every todo is renumbered first, keeping the order.
   */
  async move(viewer: User, id: unknown, to: Column, index: number): Promise<TodoResult> {
    const moved = await this.#db.transaction(
      async (tx) => {
        const todo = await this.get(viewer, id, tx);
        if (!todo) return null;
        let position = positionAt(await this.#column(tx, viewer, todo, to), index, todo.position);
        if (position === null) {
          await renumber(tx);
          position = positionAt(await this.#column(tx, viewer, todo, to), index, todo.position)!;
        }
        const done = to === "done" ? 1 : 0;
        await tx.run("update todos set version = version + (case when done = ? then 0 else 1 end), done = ?, position = ? where id = ?", [
          done,
          done,
          position,
          todo.id,
        ]);
        return todo.id;
      },
      { lock: ORDER_LOCK },
    );
    return moved === null ? NOT_FOUND : this.#saved(viewer, moved);
  }

  async #column(tx: Queryable, viewer: User, todo: Todo, to: Column): Promise<number[]> {
    return (await this.visible(viewer, tx)).filter((t) => t.done === (to === "done") && t.id !== todo.id).map((t) => t.position);
  }

  /** One conditional statement: the change applies only to a row the viewer may change, at `version` when given. */
  async #update(viewer: User, id: number, version: number | undefined, set: string, params: (string | number)[]): Promise<TodoResult> {
    const checked = version === undefined ? "" : " and version = ?";
    const changed = await this.#db.run(`update todos set ${set}, version = version + 1 where id = ? and ${WRITABLE}${checked}`, [
      ...params,
      id,
      viewer.id,
      ...(version === undefined ? [] : [version]),
    ]);
    if (changed === 0) {
      const current = await this.get(viewer, id);
      return current ? { ok: false, reason: "conflict", error: CHANGED, current } : NOT_FOUND;
    }
    return this.#saved(viewer, id);
  }

  async #saved(viewer: User, id: number): Promise<TodoResult> {
    const todo = await this.get(viewer, id);
    if (!todo) return NOT_FOUND;
    this.#publish(todo, { type: "todo:saved", todo });
    return { ok: true, todo };
  }

  #publish(todo: Todo, change: TodoChange): void {
    this.#pubsub.broadcast(todo.private ? privateTopic(todo.ownerId) : TEAM_TOPIC, change);
  }
}

/** The position between the neighbours at `index` of a column's positions; null when they are too close. */
function positionAt(column: readonly number[], index: number, current: number): number | null {
  const at = Math.max(0, Math.min(index, column.length));
  const before = column[at - 1];
  const after = column[at];
  if (before === undefined && after === undefined) return current;
  if (before === undefined) return after! - 1;
  if (after === undefined) return before + 1;
  return after - before < MIN_GAP ? null : (before + after) / 2;
}

/** Positions 1, 2, 3... in the current order, for every todo (private ones too: the order is global). */
async function renumber(tx: Queryable): Promise<void> {
  const rows = await tx.all<{ id: number }>("select id from todos order by position, id");
  for (const [i, { id }] of rows.entries()) await tx.run("update todos set position = ? where id = ?", [i + 1, id]);
}
