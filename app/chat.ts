/**
 * Chat rooms: messages are stored, then broadcast on the room's topic (`chat:<room>`).
 * A message can be deleted by its author only.
 */
import { z } from "zod";
import type { PubSub } from "lagoon";
import type { User } from "./accounts.js";
import type { Db } from "./db.js";
import { plainText } from "./text.js";

export interface Message {
  readonly id: number;
  readonly room: string;
  readonly userId: number;
  readonly userName: string;
  readonly body: string;
  readonly createdAt: number;
}

export const RoomName = z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/, "room names are 1-32 lowercase letters, digits or dashes");
export const MessageBody = plainText(500);

export type ChatChange = { type: "chat:message"; message: Message } | { type: "chat:deleted"; id: number };
export const roomTopic = (room: string) => `chat:${room}`;

export type MessageResult = { ok: true; message: Message } | { ok: false; error: string };

const SELECT = `select m.id, m.room, m.user_id as "userId", u.name as "userName", m.body, m.created_at as "createdAt"
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
  async recent(room: string): Promise<Message[]> {
    const rows = await this.#db.all<Message>(`${SELECT} where m.room = ? order by m.id desc limit ${HISTORY}`, [room]);
    return rows.reverse();
  }

  async post(user: User, room: string, body: unknown): Promise<MessageResult> {
    if (!RoomName.safeParse(room).success) return { ok: false, error: "no such room" };
    const parsed = MessageBody.safeParse(body);
    if (!parsed.success) return { ok: false, error: parsed.error.issues[0]!.message };
    const row = await this.#db.get<{ id: number }>(
      "insert into messages (room, user_id, body, created_at) values (?, ?, ?, ?) returning id",
      [room, user.id, parsed.data, Date.now()],
    );
    const message = (await this.#db.get<Message>(`${SELECT} where m.id = ?`, [row!.id]))!;
    this.#pubsub.broadcast(roomTopic(room), { type: "chat:message", message } satisfies ChatChange);
    return { ok: true, message };
  }

  /** Deletes `user`'s own message in `room`; anyone else's is refused. */
  async remove(user: User, room: string, id: unknown): Promise<MessageResult> {
    if (typeof id !== "number" || !Number.isSafeInteger(id)) return { ok: false, error: "message not found" };
    const message = await this.#db.get<Message>(`${SELECT} where m.id = ? and m.room = ?`, [id, room]);
    if (!message) return { ok: false, error: "message not found" };
    if (message.userId !== user.id) return { ok: false, error: "only the author can delete a message" };
    await this.#db.run("delete from messages where id = ? and user_id = ?", [id, user.id]);
    this.#pubsub.broadcast(roomTopic(room), { type: "chat:deleted", id } satisfies ChatChange);
    return { ok: true, message };
  }
}
