/**
 * The demo's database, whichever store holds it: the embedded SQLite file (better-sqlite3,
 * the default: nothing to install) or Postgres when DATABASE_URL is set (node-postgres,
 * which several app processes on several machines share). The domain modules speak this
 * small interface only, with `?` placeholders and SQL both stores read alike; where the
 * dialects differ (DDL, locking) the migrations and the adapters decide.
 *
 * Opening runs the migrations (migrations.ts), so a database from an older build is
 * brought forward in place on start.
 */
import { migrate } from "./migrations.js";

export type Value = string | number | null;

/** What runs statements: the database itself, or one transaction on it. */
export interface Queryable {
  all<T>(sql: string, params?: readonly Value[]): Promise<T[]>;
  /** The first row, if any. */
  get<T>(sql: string, params?: readonly Value[]): Promise<T | undefined>;
  /** Runs a statement that returns no rows; resolves with the number of rows it changed. */
  run(sql: string, params?: readonly Value[]): Promise<number>;
  /** Runs statements without parameters, several separated by semicolons (migrations' DDL). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly dialect: "sqlite" | "postgres";
  /**
   * Runs `fn` in one transaction, committed when it resolves and rolled back when it throws.
   * Transactions naming the same `lock` run one at a time, across every process on the
   * database (Postgres: an advisory lock; SQLite: BEGIN IMMEDIATE takes the one write lock).
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>, opts?: { lock?: string }): Promise<T>;
  /** Resolves when the database answers a query (readiness checks). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface DbOptions {
  /** A postgres:// URL: the Postgres store. */
  readonly url?: string;
  /** Otherwise the SQLite file (created when missing), or ":memory:". */
  readonly file?: string;
}

/** Opens the store `opts` names and migrates it. */
export async function openDb(opts: DbOptions): Promise<Db> {
  const db = opts.url
    ? await (await import("./db-postgres.js")).openPostgres(opts.url)
    : (await import("./db-sqlite.js")).openSqlite(opts.file ?? ":memory:");
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

/** A unique index refused the row (an email or name taken by a concurrent registration). */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  // SQLite's extended result code; Postgres's SQLSTATE unique_violation
  return code === "SQLITE_CONSTRAINT_UNIQUE" || code === "23505";
}
