/**
 * Chat rooms: messages are stored, then broadcast on the room's topic (`chat:<room>`).
 * A message can be deleted by its author only.
 */
import { z } from "zod";
import type { PubSub } from "lagoon";
import type { User } from "./accounts.js";
import { sql, type Db } from "./db.js";

export interface Message {
  readonly id: number;
  readonly room: string;
  readonly userId: number;
  readonly userName: string;
  readonly body: string;
  readonly createdAt: number;
}

export const RoomName = z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/, "room names are 1-32 lowercase letters, digits or dashes");
export const MessageBody = z.string().trim().min(1, "can't be blank").max(500, "should be at most 500 characters");

export type ChatChange = { type: "chat:message"; message: Message } | { type: "chat:deleted"; id: number };
export const roomTopic = (room: string) => `chat:${room}`;

export type MessageResult = { ok: true; message: Message } | { ok: false; error: string };

const SELECT = `select m.id, m.room, m.user_id as userId, u.name as userName, m.body, m.created_at as createdAt
  from messages m join users u on u.id = m.user_id`;
export const HISTORY = 50;

export class Chat {
  readonly #db: Db;
  readonly #pubsub: PubSub;

  constructor(db: Db, pubsub: PubSub) {
    this.#db = db;
    this.#pubsub = pubsub;
  }

  /** The room's last 50 messages, oldest first. */
  recent(room: string): Message[] {
    const rows = sql(this.#db, `${SELECT} where m.room = ? order by m.id desc limit ${HISTORY}`).all(room) as Message[];
    return rows.reverse();
  }

  post(user: User, room: string, body: unknown): MessageResult {
    if (!RoomName.safeParse(room).success) return { ok: false, error: "no such room" };
    const parsed = MessageBody.safeParse(body);
    if (!parsed.success) return { ok: false, error: parsed.error.issues[0]!.message };
    const info = sql(this.#db, "insert into messages (room, user_id, body, created_at) values (?, ?, ?, ?)").run(
      room,
      user.id,
      parsed.data,
      Date.now(),
    );
    const message = sql(this.#db, `${SELECT} where m.id = ?`).get(Number(info.lastInsertRowid)) as Message;
    this.#pubsub.broadcast(roomTopic(room), { type: "chat:message", message } satisfies ChatChange);
    return { ok: true, message };
  }

  /** Deletes `user`'s own message in `room`; anyone else's is refused. */
  remove(user: User, room: string, id: unknown): MessageResult {
    if (typeof id !== "number" || !Number.isSafeInteger(id)) return { ok: false, error: "message not found" };
    const message = sql(this.#db, `${SELECT} where m.id = ? and m.room = ?`).get(id, room) as Message | undefined;
    if (!message) return { ok: false, error: "message not found" };
    if (message.userId !== user.id) return { ok: false, error: "only the author can delete a message" };
    sql(this.#db, "delete from messages where id = ?").run(id);
    this.#pubsub.broadcast(roomTopic(room), { type: "chat:deleted", id } satisfies ChatChange);
    return { ok: true, message };
  }
}
