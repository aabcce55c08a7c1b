/**
 * Each user's scratchpad note: one text per user, saved as they type and shared by their
 * tabs (`notes:user:<id>` carries each save to the others).
 */
import { z } from "zod";
import type { PubSub } from "lagoon";
import type { User } from "./accounts.js";
import type { Db } from "./db.js";

export const NOTE_MAX = 5000;
export const NoteText = z
  .string()
  .max(NOTE_MAX, `should be at most ${NOTE_MAX} characters`)
  .refine((s) => !s.includes("\0"), "can't contain NUL characters");

export const noteTopic = (userId: number) => `notes:user:${userId}`;
export type NoteSaved = { type: "note:saved"; text: string };

export class Notes {
  readonly #db: Db;
  readonly #pubsub: PubSub;

  constructor(db: Db, pubsub: PubSub) {
    this.#db = db;
    this.#pubsub = pubsub;
  }

  async get(user: User): Promise<string> {
    return (await this.#db.get<{ body: string }>("select body from notes where user_id = ?", [user.id]))?.body ?? "";
  }

  /** Stores the note (or says why not); the user's other tabs hear it. */
  async save(user: User, text: unknown): Promise<{ ok: true } | { ok: false; error: string }> {
    const parsed = NoteText.safeParse(text);
    if (!parsed.success) return { ok: false, error: parsed.error.issues[0]!.message };
    await this.#db.run(
      `insert into notes (user_id, body, updated_at) values (?, ?, ?)
       on conflict (user_id) do update set body = excluded.body, updated_at = excluded.updated_at`,
      [user.id, parsed.data, Date.now()],
    );
    this.#pubsub.broadcast(noteTopic(user.id), { type: "note:saved", text: parsed.data } satisfies NoteSaved);
    return { ok: true };
  }
}
