/**
 * The post editor (`/posts/:id/edit`, the "edit" action of PostLive): the title, the tags as
 * a checkbox group and the links as rows added, removed and reordered with the sort and
 * drop params; errors per field once it is used, all on save.
 */
import { defineForm, html, type Form, type FormFields, type Template } from "lagoon";
import { MAX_LINKS, PostEdit, TAGS, type Post, type PostEditData } from "../posts.js";

export const PostForm = defineForm(PostEdit, { name: "post", maxRows: MAX_LINKS });
export type PostEditForm = Form<PostEditData>;

/** The form as the post stands. */
export function postForm(post: Post): PostEditForm {
  return PostForm.empty({ title: post.title, tags: [...post.tags], links: post.links.map((l) => ({ ...l })) });
}

function textField(f: FormFields, path: string, label: string, extra: { type?: string; maxlength?: number } = {}): Template {
  const id = f.inputId(path);
  const error = f.error(path);
  return html`<div class="field">
  <label for=${id}>${label}</label>
  <input id=${id} name=${f.inputName(path)} type=${extra.type ?? "text"} value=${f.value(path)} maxlength=${extra.maxlength ?? false} aria-invalid=${error ? "true" : false} aria-describedby=${error ? `${id}_error` : false}>
  ${error ? html`<p class="error" id=${`${id}_error`}>${error}</p>` : ""}
</div>`;
}

function groupError(f: FormFields, path: string): Template | string {
  const error = f.error(path);
  return error ? html`<p class="error" id=${`${f.inputId(path)}_error`}>${error}</p>` : "";
}

export function postEditor(post: Post, form: PostEditForm): Template {
  return html`<h1>Edit “${post.title}”</h1>
<form id="post-form" phx-change="validate" phx-submit="save" novalidate>
  ${textField(form, "title", "Title", { maxlength: 120 })}
  <fieldset id="post-tags">
    <legend>Tags</legend>
    ${form.emptyInput("tags")}
    ${TAGS.map(
      (tag) =>
        html`<label><input type="checkbox" id=${form.inputId("tags", tag)} name=${form.inputName("tags")} value=${tag} checked=${form.checked("tags", tag)}> ${tag}</label>`,
    )}
    ${groupError(form, "tags")}
  </fieldset>
  <fieldset id="post-links">
    <legend>Links</legend>
    ${form.inputsFor("links").map(
      (link) => html`<div class="post-link" id=${link.id}>
      ${link.sortInput()}
      ${textField(link, "title", `Link ${link.index + 1} title`, { maxlength: 80 })}
      ${textField(link, "url", `Link ${link.index + 1} address`, { type: "url", maxlength: 500 })}
      ${link.dropButton("Remove", { label: `Remove link ${link.index + 1}` })}
    </div>`,
    )}
    ${groupError(form, "links")}
    ${form.inputsFor("links").length < MAX_LINKS ? form.addButton("links", "Add link") : ""}
  </fieldset>
  <button type="submit" phx-disable-with="Saving…">Save</button>
  <a href=${`/posts/${post.id}`} data-phx-link="patch" data-phx-link-state="push">Cancel</a>
</form>`;
}
