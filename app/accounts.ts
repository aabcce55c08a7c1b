/** Accounts: registration, credentials, lookups. Views call this; no SQL in views. */
import { z } from "zod";
import { isUniqueViolation, type Db } from "./db.js";
import { DUMMY_HASH, hashPassword, verifyPassword } from "./passwords.js";
import { DisplayName, nameKey } from "./text.js";

export interface User {
  readonly id: number;
  readonly name: string;
  readonly email: string;
}

export const Registration = z.object({
  name: DisplayName,
  email: z.string().trim().max(160, "should be at most 160 characters").pipe(z.email("must be a valid email")),
  password: z.string().min(12, "should be at least 12 characters").max(200, "should be at most 200 characters"),
});
export type RegistrationInput = z.infer<typeof Registration>;

export const Credentials = z.object({
  email: z.string().max(160),
  password: z.string().max(200),
});

export type RegisterResult = { ok: true; user: User } | { ok: false; errors: Record<string, string> };

const TAKEN = "has already been taken";

export class Accounts {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  async get(id: number): Promise<User | null> {
    return (await this.#db.get<User>("select id, name, email from users where id = ?", [id])) ?? null;
  }

  /** The user registered with `email` (ignoring case), if any. */
  async byEmail(email: string): Promise<User | null> {
    return (await this.#db.get<User>("select id, name, email from users where lower(email) = lower(?)", [email.trim()])) ?? null;
  }

  async emailTaken(email: string): Promise<boolean> {
    return (await this.byEmail(email)) !== null;
  }

  /** Someone is called `name` already, ignoring case and compatibility forms. */
  async nameTaken(name: string): Promise<boolean> {
    return (await this.#db.get("select 1 as taken from users where name_key = ?", [nameKey(name.trim())])) !== undefined;
  }

  async register(input: RegistrationInput): Promise<RegisterResult> {
    const errors = await this.#taken(input);
    if (errors) return { ok: false, errors };
    const hash = await hashPassword(input.password);
    try {
      const row = await this.#db.get<{ id: number }>(
        "insert into users (name, name_key, email, password_hash, created_at) values (?, ?, ?, ?, ?) returning id",
        [input.name, nameKey(input.name), input.email, hash, Date.now()],
      );
      return { ok: true, user: { id: row!.id, name: input.name, email: input.email } };
    } catch (error) {
      // two registrations raced past the checks: the unique indexes decided, ask which
      if (isUniqueViolation(error)) return { ok: false, errors: (await this.#taken(input)) ?? { email: TAKEN } };
      throw error;
    }
  }

  /** The user with these credentials, or null; as slow for an unknown email as for a wrong password. */
  async authenticate(email: unknown, password: unknown): Promise<User | null> {
    const creds = Credentials.safeParse({ email, password });
    if (!creds.success) return null;
    const row = await this.#db.get<User & { password_hash: string }>(
      "select id, name, email, password_hash from users where lower(email) = lower(?)",
      [creds.data.email.trim()],
    );
    const ok = await verifyPassword(creds.data.password, row?.password_hash ?? DUMMY_HASH);
    return ok && row ? { id: row.id, name: row.name, email: row.email } : null;
  }

  async #taken(input: { name: string; email: string }): Promise<Record<string, string> | null> {
    const [email, name] = await Promise.all([this.emailTaken(input.email), this.nameTaken(input.name)]);
    if (!email && !name) return null;
    return { ...(email ? { email: TAKEN } : {}), ...(name ? { name: TAKEN } : {}) };
  }
}
