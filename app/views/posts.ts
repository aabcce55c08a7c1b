import { defineView, EventRejected, html, HttpError } from "lagoon";
import type { AuthAssigns } from "../auth.js";
import type { Post, PostSort, Posts } from "../posts.js";
import { PostForm, postEditor, postForm, type PostEditForm } from "./post-editor.js";

const date = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The seed's PostLive.Index: the sort links patch the URL (handleParams runs on the same
 * view, its state kept); each title navigates to the post's own view over the same socket.
 */
export function postsLive(posts: Posts) {
  return defineView<{ posts: Omit<Post, "tags" | "links">[]; sort: PostSort; pageTitle: string; patches: number }>({
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

type PostAssigns = AuthAssigns & { post: Post | null; form: PostEditForm | null; pageTitle: string };

const postIdOf = (params: Record<string, unknown>) => (/^\d{1,15}$/.test(String(params.id ?? "")) ? Number(params.id) : null);

/**
 * One post, and its editor: `/posts/:id` is the "show" action and `/posts/:id/edit` the
 * "edit" action of this one view, so Edit and Cancel patch the URL over the same view (the
 * post stays loaded) and the browser's back button goes between them. Editing needs a
 * logged-in user.
 */
export function postLive(posts: Posts) {
  return defineView<PostAssigns>({
    name: "PostLive",
    async mount(params, _session, socket) {
      const id = postIdOf(params);
      const post = id === null ? null : await posts.get(id);
      // the HTTP render answers 404; a live navigation to a missing post shows the message
      if (!post && !socket.connected) throw new HttpError(404, "Post not found");
      socket.assign({ post, form: null, pageTitle: post?.title ?? "Post not found" });
    },
    async handleParams(params, url, socket) {
      // a patch to another post's URL (a hand-made patch link, say) loads that post
      const id = postIdOf(params);
      let post = socket.assigns.post;
      if (post?.id !== id) socket.assign({ post: (post = id === null ? null : await posts.get(id)) });
      if (socket.liveAction !== "edit" || !post) return void socket.assign({ form: null, pageTitle: post?.title ?? "Post not found" });
      if (!socket.assigns.currentUser) return void socket.redirect(`/login?return_to=${encodeURIComponent(url.pathname)}`);
      socket.assign({ form: postForm(post), pageTitle: `Edit ${post.title}` });
    },
    events: {
      validate: (params, socket) => {
        if (socket.assigns.form) socket.assign({ form: PostForm.change(params) });
      },
      save: async (params, socket) => {
        const { post, currentUser } = socket.assigns;
        if (!post || !currentUser || socket.liveAction !== "edit") throw new EventRejected("forbidden", "log in to edit posts");
        const form = PostForm.submit(params);
        if (!form.data) return void socket.assign({ form });
        const saved = await posts.update(post.id, form.data);
        if (!saved.ok) return void socket.assign({ form: PostForm.withErrors(form, { title: saved.error }) });
        socket.assign({ post: saved.post }).putFlash("info", "Post saved").pushPatch(`/posts/${post.id}`);
      },
    },
    render: ({ post, form, currentUser }) => html`<main>
  <p><a href="/posts" data-phx-link="redirect" data-phx-link-state="push">← Back to posts</a></p>
  ${post && form ? postEditor(post, form) : post ? article(post, !!currentUser) : html`<h1>Post not found</h1>`}
</main>`,
  });
}

function article(post: Post, canEdit: boolean) {
  return html`<article>
  <h1>${post.title}</h1>
  <p class="byline">${post.author}, ${date(post.publishedAt)}</p>
  ${post.tags.length ? html`<p class="tags">${post.tags.map((t) => html`<span class="tag">${t}</span> `)}</p>` : ""}
  <p>${post.body}</p>
  ${post.links.length ? html`<ul class="links">${post.links.map((l) => html`<li><a href=${l.url} rel="noopener nofollow">${l.title}</a></li>`)}</ul>` : ""}
  ${canEdit ? html`<p><a href=${`/posts/${post.id}/edit`} data-phx-link="patch" data-phx-link-state="push">Edit</a></p>` : ""}
</article>`;
}
