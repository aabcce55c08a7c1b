/** The product catalog the search page queries. */
import { sql, type Db } from "./db.js";

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
    // LIKE wildcards in the user's words are matched literally
    const like = (w: string) => `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const where = words.map(() => "(name like ? escape '\\' or category like ? escape '\\')").join(" and ");
    const args = words.flatMap((w) => [like(w), like(w)]);
    return sql(
      this.#db,
      `select id, name, category, price_cents as priceCents from products where ${where} order by name limit ${LIMIT}`,
    ).all(...args) as Product[];
  }

  count(): number {
    return (sql(this.#db, "select count(*) as n from products").get() as { n: number }).n;
  }
}
