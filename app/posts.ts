/** Blog posts for the posts pages: a title and body, tags from a fixed set, and links. */
import { z } from "zod";
import type { Db } from "./db.js";
import { plainText } from "./text.js";

export const TAGS = ["news", "tech", "life", "howto"] as const;
export type Tag = (typeof TAGS)[number];

export interface PostLink {
  readonly title: string;
  readonly url: string;
}

export interface Post {
  readonly id: number;
  readonly title: string;
  readonly body: string;
  readonly author: string;
  readonly publishedAt: number;
  readonly tags: readonly Tag[];
  readonly links: readonly PostLink[];
}

export const MAX_LINKS = 10;

/** What the editor changes: the title, the tags and the links (web addresses only). */
export const PostEdit = z.object({
  title: plainText(120).pipe(z.string().min(3, "should be at least 3 characters")),
  tags: z.array(z.enum(TAGS)).max(TAGS.length),
  links: z
    .array(
      z.object({
        title: plainText(80),
        url: z.url({ protocol: /^https?$/, error: "should be an http(s) address" }).max(500, "should be at most 500 characters"),
      }),
    )
    .max(MAX_LINKS, `at most ${MAX_LINKS} links`),
});
export type PostEditData = z.infer<typeof PostEdit>;

export type PostSort = "newest" | "oldest";

const COLUMNS = `id, title, body, author, published_at as "publishedAt"`;
type PostRow = Omit<Post, "tags" | "links">;

export class Posts {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  async list(sort: PostSort): Promise<PostRow[]> {
    const order = sort === "oldest" ? "asc" : "desc";
    return this.#db.all<PostRow>(`select ${COLUMNS} from posts order by published_at ${order}, id ${order}`);
  }

  async get(id: number): Promise<Post | null> {
    if (!Number.isSafeInteger(id)) return null;
    const row = await this.#db.get<PostRow>(`select ${COLUMNS} from posts where id = ?`, [id]);
    if (!row) return null;
    const tags = await this.#db.all<{ tag: Tag }>("select tag from post_tags where post_id = ? order by tag", [id]);
    const links = await this.#db.all<PostLink>("select title, url from post_links where post_id = ? order by position", [id]);
    return { ...row, tags: tags.map((t) => t.tag), links };
  }

  /** Replaces the post's title, tags and links at once; false when there is no such post. */
  async update(id: number, input: unknown): Promise<{ ok: true; post: Post } | { ok: false; error: string }> {
    const parsed = PostEdit.safeParse(input);
    if (!parsed.success) return { ok: false, error: parsed.error.issues[0]!.message };
    const { title, tags, links } = parsed.data;
    const found = await this.#db.transaction(async (tx) => {
      if ((await tx.run("update posts set title = ? where id = ?", [title, id])) === 0) return false;
      await tx.run("delete from post_tags where post_id = ?", [id]);
      await tx.run("delete from post_links where post_id = ?", [id]);
      for (const tag of new Set(tags)) await tx.run("insert into post_tags (post_id, tag) values (?, ?)", [id, tag]);
      for (const [i, link] of links.entries()) {
        await tx.run("insert into post_links (post_id, position, title, url) values (?, ?, ?, ?)", [id, i, link.title, link.url]);
      }
      return true;
    });
    if (!found) return { ok: false, error: "no such post" };
    return { ok: true, post: (await this.get(id))! };
  }
}
