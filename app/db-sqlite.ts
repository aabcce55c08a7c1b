/**
 * The SQLite store (better-sqlite3): one file, synchronous statements behind the async
 * interface. A transaction stays open across awaits, so statements from outside it wait
 * for it to end rather than slip into it; that holds for every connection this process has
 * to the file (a dev-server reload opens a second one), since a statement blocked on
 * another connection's lock would block the whole thread, and so the transaction holding
 * it. Other processes on the file wait in SQLite's busy timeout instead.
 */
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import Database from "better-sqlite3";
import type { Db, Queryable, Value } from "./db.js";

/** This process's open transaction on a file, shared by its connections to it. */
interface Gate {
  tx: Promise<unknown> | undefined;
  connections: number;
}

const gates = new Map<string, Gate>();

export function openSqlite(file: string): Db {
  const memory = file === ":memory:";
  if (!memory) mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma("journal_mode = WAL"); // readers never wait for the writer
  db.pragma("synchronous = NORMAL"); // with WAL: durable across a process kill
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000"); // several processes may share the file
  // an in-memory database is its connection's alone
  const key = memory ? undefined : resolve(file);
  let gate = key === undefined ? undefined : gates.get(key);
  if (!gate) {
    gate = { tx: undefined, connections: 0 };
    if (key !== undefined) gates.set(key, gate);
  }
  gate.connections++;
  return new SqliteDb(db, gate, () => {
    if (--gate.connections === 0 && key !== undefined) gates.delete(key);
  });
}

class SqliteDb implements Db {
  readonly dialect = "sqlite";
  readonly #db: Database.Database;
  readonly #gate: Gate;
  readonly #closed: () => void;
  // prepare() parses and plans the SQL every time: each text is compiled once
  readonly #statements = new Map<string, Database.Statement>();
  readonly #direct: Queryable = {
    all: async <T>(sql: string, params: readonly Value[] = []) => this.#statement(sql).all(...params) as T[],
    get: async <T>(sql: string, params: readonly Value[] = []) => this.#statement(sql).get(...params) as T | undefined,
    run: async (sql: string, params: readonly Value[] = []) => this.#statement(sql).run(...params).changes,
    exec: async (sql: string) => void this.#db.exec(sql),
  };

  constructor(db: Database.Database, gate: Gate, closed: () => void) {
    this.#db = db;
    this.#gate = gate;
    this.#closed = closed;
  }

  // each method checks for a transaction right before its statement, after its last await:
  // a check made earlier could pass while another transaction begins in between

  async all<T>(sql: string, params?: readonly Value[]): Promise<T[]> {
    while (this.#gate.tx) await this.#settled();
    return this.#direct.all<T>(sql, params);
  }

  async get<T>(sql: string, params?: readonly Value[]): Promise<T | undefined> {
    while (this.#gate.tx) await this.#settled();
    return this.#direct.get<T>(sql, params);
  }

  async run(sql: string, params?: readonly Value[]): Promise<number> {
    while (this.#gate.tx) await this.#settled();
    return this.#direct.run(sql, params);
  }

  async exec(sql: string): Promise<void> {
    while (this.#gate.tx) await this.#settled();
    return this.#direct.exec(sql);
  }

  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    while (this.#gate.tx) await this.#settled();
    // BEGIN IMMEDIATE takes the write lock now (waiting up to busy_timeout for another
    // process), so two transactions never both read and then fail to upgrade
    this.#db.exec("begin immediate");
    const done = (async () => {
      try {
        const result = await fn(this.#direct);
        this.#db.exec("commit");
        return result;
      } catch (error) {
        if (this.#db.inTransaction) this.#db.exec("rollback");
        throw error;
      }
    })();
    this.#gate.tx = done;
    try {
      return await done;
    } finally {
      this.#gate.tx = undefined;
    }
  }

  async ping(): Promise<void> {
    await this.get("select 1");
  }

  async close(): Promise<void> {
    while (this.#gate.tx) await this.#settled();
    this.#db.close();
    this.#closed();
  }

  /** The open transaction's end, whichever way it ends. */
  #settled(): Promise<unknown> {
    return this.#gate.tx!.catch(() => undefined);
  }

  #statement(sql: string): Database.Statement {
    let statement = this.#statements.get(sql);
    if (!statement) this.#statements.set(sql, (statement = this.#db.prepare(sql)));
    return statement;
  }
}
