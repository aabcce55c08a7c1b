import { defineView, html, HttpError } from "lagoon";
import type { Post, PostSort, Posts } from "../posts.js";

const date = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The seed's PostLive.Index: the sort links patch the URL (handleParams runs on the same
 * view, its state kept); each title navigates to the post's own view over the same socket.
 */
export function postsLive(posts: Posts) {
  return defineView<{ posts: Post[]; sort: PostSort; pageTitle: string; patches: number }>({
    name: "PostsLive",
    mount(_params, _session, socket) {
      socket.assign({ pageTitle: "Posts", patches: 0 });
    },
    async handleParams(params, _url, socket) {
      const sort: PostSort = params.sort === "oldest" ? "oldest" : "newest";
      socket.assign({ sort, posts: await posts.list(sort) });
      socket.update("patches", (n) => n + 1);
    },
    render: (a) => html`<main>
  <h1>Posts</h1>
  <p class="sort">Sort:
    <a href="/posts?sort=newest" data-phx-link="patch" data-phx-link-state="push" aria-current=${a.sort === "newest" ? "true" : false}>Newest</a>
    <a href="/posts?sort=oldest" data-phx-link="patch" data-phx-link-state="push" aria-current=${a.sort === "oldest" ? "true" : false}>Oldest</a>
  </p>
  <ol id="posts">${a.posts.map(
    (p) =>
      html`<li><a href=${`/posts/${p.id}`} data-phx-link="redirect" data-phx-link-state="push">${p.title}</a> <small>${p.author}, ${date(p.publishedAt)}</small></li>`,
  )}</ol>
  <p class="meta">URL changes seen by this view: <span id="patch-count">${a.patches}</span></p>
</main>`,
  });
}

export function postLive(posts: Posts) {
  return defineView<{ post: Post | null; pageTitle: string }>({
    name: "PostLive",
    async mount(params, _session, socket) {
      const post = /^\d{1,15}$/.test(String(params.id ?? "")) ? await posts.get(Number(params.id)) : null;
      // the HTTP render answers 404; a live navigation to a missing post shows the message
      if (!post && !socket.connected) throw new HttpError(404, "Post not found");
      socket.assign({ post, pageTitle: post?.title ?? "Post not found" });
    },
    render: ({ post }) => html`<main>
  <p><a href="/posts" data-phx-link="redirect" data-phx-link-state="push">← Back to posts</a></p>
  ${
    post
      ? html`<article><h1>${post.title}</h1><p class="byline">${post.author}, ${date(post.publishedAt)}</p><p>${post.body}</p></article>`
      : html`<h1>Post not found</h1>`
  }
</main>`,
  });
}
