/** Blog posts for the posts pages. */
import { sql, type Db } from "./db.js";

export interface Post {
  readonly id: number;
  readonly title: string;
  readonly body: string;
  readonly author: string;
  readonly publishedAt: number;
}

export type PostSort = "newest" | "oldest";

const COLUMNS = "id, title, body, author, published_at as publishedAt";

export class Posts {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  list(sort: PostSort): Post[] {
    const order = sort === "oldest" ? "asc" : "desc";
    return sql(this.#db, `select ${COLUMNS} from posts order by published_at ${order}, id ${order}`).all() as Post[];
  }

  get(id: number): Post | null {
    if (!Number.isSafeInteger(id)) return null;
    return (sql(this.#db, `select ${COLUMNS} from posts where id = ?`).get(id) as Post | undefined) ?? null;
  }
}
