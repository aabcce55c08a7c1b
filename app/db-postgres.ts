/**
 * The Postgres store (node-postgres): a pool of connections shared by the process's views.
 * The domain's `?` placeholders become `$1, $2, ...` (its SQL has no `?` inside literals),
 * and each statement text is prepared once per connection under a name of its own.
 */
import pg from "pg";
import type { Db, Queryable, Value } from "./db.js";

// bigint columns (count(*), epoch milliseconds) as numbers: every value the demo stores in one is a safe integer
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === pg.types.builtins.INT8 ? Number : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export async function openPostgres(url: string): Promise<Db> {
  const pool = new pg.Pool({
    connectionString: url,
    types,
    max: 10,
    // a database that does not answer fails readiness and requests rather than hanging them
    connectionTimeoutMillis: 5000,
  });
  // an idle client losing its connection (a Postgres restart) must not crash the process
  pool.on("error", (error) => console.error("[lagoon demo] idle Postgres connection failed:", error.message));
  const db = new PostgresDb(pool);
  try {
    await db.ping();
  } catch (error) {
    await pool.end();
    throw error;
  }
  return db;
}

interface Statement {
  readonly name: string;
  readonly text: string;
}

class PostgresDb implements Db {
  readonly dialect = "postgres";
  readonly #pool: pg.Pool;
  readonly #statements = new Map<string, Statement>();

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  all<T>(sql: string, params?: readonly Value[]): Promise<T[]> {
    return this.#on(this.#pool).all<T>(sql, params);
  }

  get<T>(sql: string, params?: readonly Value[]): Promise<T | undefined> {
    return this.#on(this.#pool).get<T>(sql, params);
  }

  run(sql: string, params?: readonly Value[]): Promise<number> {
    return this.#on(this.#pool).run(sql, params);
  }

  async exec(sql: string): Promise<void> {
    await this.#pool.query(sql);
  }

  async transaction<T>(fn: (tx: Queryable) => Promise<T>, opts: { lock?: string } = {}): Promise<T> {
    const client = await this.#pool.connect();
    try {
      await client.query("begin");
      // held until commit or rollback, by whichever process on the database asked first
      if (opts.lock) await client.query("select pg_advisory_xact_lock(hashtext($1))", [opts.lock]);
      const result = await fn(this.#on(client));
      await client.query("commit");
      return result;
    } catch (error) {
      await client.query("rollback").catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  async ping(): Promise<void> {
    await this.#pool.query("select 1");
  }

  async close(): Promise<void> {
    await this.#pool.end();
  }

  #on(target: pg.Pool | pg.PoolClient): Queryable {
    const query = <T extends pg.QueryResultRow>(sql: string, params: readonly Value[] = []) => {
      const { name, text } = this.#statement(sql);
      return target.query<T>({ name, text, values: params as Value[] });
    };
    return {
      all: async <T>(sql: string, params?: readonly Value[]) => (await query(sql, params)).rows as T[],
      get: async <T>(sql: string, params?: readonly Value[]) => (await query(sql, params)).rows[0] as T | undefined,
      run: async (sql: string, params?: readonly Value[]) => (await query(sql, params)).rowCount ?? 0,
      // without a name and values: the simple protocol, which takes several statements
      exec: async (sql: string) => void (await target.query(sql)),
    };
  }

  #statement(sql: string): Statement {
    let statement = this.#statements.get(sql);
    if (!statement) {
      let n = 0;
      statement = { name: `lagoon_${this.#statements.size + 1}`, text: sql.replace(/\?/g, () => `$${++n}`) };
      this.#statements.set(sql, statement);
    }
    return statement;
  }
}
