/** Accounts: registration, credentials, lookups. Views call this; no SQL in views. */
import { z } from "zod";
import { sql, type Db } from "./db.js";
import { DUMMY_HASH, hashPassword, verifyPassword } from "./passwords.js";

export interface User {
  readonly id: number;
  readonly name: string;
  readonly email: string;
}

export const Registration = z.object({
  name: z.string().trim().min(1, "can't be blank").max(80, "should be at most 80 characters"),
  email: z.string().trim().max(160, "should be at most 160 characters").pipe(z.email("must be a valid email")),
  password: z.string().min(12, "should be at least 12 characters").max(200, "should be at most 200 characters"),
});
export type RegistrationInput = z.infer<typeof Registration>;

export const Credentials = z.object({
  email: z.string().max(160),
  password: z.string().max(200),
});

export type RegisterResult = { ok: true; user: User } | { ok: false; errors: Record<string, string> };

export class Accounts {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  get(id: number): User | null {
    const row = sql(this.#db, "select id, name, email from users where id = ?").get(id) as User | undefined;
    return row ?? null;
  }

  emailTaken(email: string): boolean {
    return sql(this.#db, "select 1 from users where email = ?").get(email.trim()) !== undefined;
  }

  async register(input: RegistrationInput): Promise<RegisterResult> {
    if (this.emailTaken(input.email)) return { ok: false, errors: { email: "has already been taken" } };
    const hash = await hashPassword(input.password);
    try {
      const info = sql(this.#db, "insert into users (name, email, password_hash, created_at) values (?, ?, ?, ?)").run(
        input.name,
        input.email,
        hash,
        Date.now(),
      );
      return { ok: true, user: { id: Number(info.lastInsertRowid), name: input.name, email: input.email } };
    } catch (error) {
      // two registrations raced past the check: the unique index decides
      if (error instanceof Error && /UNIQUE/.test(error.message)) return { ok: false, errors: { email: "has already been taken" } };
      throw error;
    }
  }

  /** The user with these credentials, or null; as slow for an unknown email as for a wrong password. */
  async authenticate(email: unknown, password: unknown): Promise<User | null> {
    const creds = Credentials.safeParse({ email, password });
    if (!creds.success) return null;
    const row = sql(this.#db, "select id, name, email, password_hash from users where email = ?").get(creds.data.email.trim()) as
      | (User & { password_hash: string })
      | undefined;
    const ok = await verifyPassword(creds.data.password, row?.password_hash ?? DUMMY_HASH);
    return ok && row ? { id: row.id, name: row.name, email: row.email } : null;
  }
}
