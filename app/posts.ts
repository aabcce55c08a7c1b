/** Blog posts for the posts pages. */
import type { Db } from "./db.js";

export interface Post {
  readonly id: number;
  readonly title: string;
  readonly body: string;
  readonly author: string;
  readonly publishedAt: number;
}

export type PostSort = "newest" | "oldest";

const COLUMNS = `id, title, body, author, published_at as "publishedAt"`;

export class Posts {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  list(sort: PostSort): Promise<Post[]> {
    const order = sort === "oldest" ? "asc" : "desc";
    return this.#db.all<Post>(`select ${COLUMNS} from posts order by published_at ${order}, id ${order}`);
  }

  async get(id: number): Promise<Post | null> {
    if (!Number.isSafeInteger(id)) return null;
    return (await this.#db.get<Post>(`select ${COLUMNS} from posts where id = ?`, [id])) ?? null;
  }
}
