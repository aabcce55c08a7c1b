/** The product catalog the search page queries. */
import type { Db } from "./db.js";

export interface Product {
  readonly id: number;
  readonly name: string;
  readonly category: string;
  readonly priceCents: number;
}

export const MAX_QUERY_LENGTH = 100;
const LIMIT = 50;

export class Catalog {
  readonly #db: Db;
  readonly #delayMs: number;

  /** `delayMs` simulates a slow catalog service (the demo's LAGOON_CATALOG_DELAY_MS). */
  constructor(db: Db, opts: { delayMs?: number } = {}) {
    this.#db = db;
    this.#delayMs = opts.delayMs ?? 0;
  }

  /** Products whose name or category contains every word of `query`, at most 50. */
  async search(query: string, signal?: AbortSignal): Promise<Product[]> {
    if (this.#delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.#delayMs, { signal }));
    signal?.throwIfAborted();
    const words = query.slice(0, MAX_QUERY_LENGTH).trim().split(/\s+/).filter(Boolean).slice(0, 8);
    if (words.length === 0) return [];
    // LIKE wildcards in the user's words are matched literally; lower() on both sides
    // matches ignoring case in both stores (Postgres's LIKE heeds case, SQLite's does not)
    const like = (w: string) => `%${w.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const where = words.map(() => "(lower(name) like ? escape '\\' or lower(category) like ? escape '\\')").join(" and ");
    const args = words.flatMap((w) => [like(w), like(w)]);
    return this.#db.all<Product>(
      `select id, name, category, price_cents as "priceCents" from products where ${where} order by name limit ${LIMIT}`,
      args,
    );
  }

  async count(): Promise<number> {
    return (await this.#db.get<{ n: number }>("select count(*) as n from products"))!.n;
  }
}
