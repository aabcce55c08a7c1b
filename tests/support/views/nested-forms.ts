/**
 * A form with every nested kind: a nested object (author), a checkbox group (tags), a
 * multi-select (roles) and rows of objects (links) added, removed and reordered with the
 * sort and drop params. Each error sits under its own field; a submit shows the data.
 */
import { z } from "zod";
import { defineForm, defineView, html, live, liveSession, type Form, type FormFields } from "../../../shell/index.js";

export const TAGS = ["news", "tech", "life"] as const;
export const ROLES = ["editor", "admin", "viewer"] as const;

export const Article = z.object({
  title: z.string().trim().min(3, "at least 3 characters"),
  author: z.object({ name: z.string().min(2, "at least 2 characters"), email: z.email("not an email") }),
  tags: z.array(z.enum(TAGS)).min(1, "pick at least one"),
  roles: z.array(z.enum(ROLES)).max(2, "at most two roles"),
  links: z.array(z.object({ title: z.string().min(1, "can't be blank"), url: z.url("not a URL") })).max(4, "at most 4 links"),
});
export type ArticleData = z.infer<typeof Article>;

export const ArticleForm = defineForm(Article, { name: "article", maxRows: 5 });

function text(f: FormFields, path: string, label: string) {
  const id = f.inputId(path);
  const error = f.error(path);
  return html`<div class="field">
  <label for=${id}>${label}</label>
  <input id=${id} name=${f.inputName(path)} value=${f.value(path)} aria-invalid=${error ? "true" : false}>
  ${error ? html`<p class="error" id=${`${id}_error`}>${error}</p>` : ""}
</div>`;
}

function groupError(form: FormFields, path: string) {
  const error = form.error(path);
  return error ? html`<p class="error" id=${`${form.inputId(path)}_error`}>${error}</p>` : "";
}

export const ArticleLive = defineView<{ form: Form<ArticleData>; saved: string }>({
  name: "ArticleLive",
  mount(_p, _s, socket) {
    socket.assign({ form: ArticleForm.empty(), saved: "" });
  },
  events: {
    validate: (params, socket) => void socket.assign({ form: ArticleForm.change(params) }),
    save: (params, socket) => {
      const form = ArticleForm.submit(params);
      socket.assign({ form, saved: form.data ? JSON.stringify(form.data) : "" });
    },
  },
  render: ({ form, saved }) => {
    const author = form.fieldsFor("author");
    return html`<form id="article-form" phx-change="validate" phx-submit="save">
  ${text(form, "title", "Title")}
  <fieldset id="author">${text(author, "name", "Author")}${text(author, "email", "Email")}</fieldset>
  <fieldset id="tags">
    ${form.emptyInput("tags")}
    ${TAGS.map(
      (tag) =>
        html`<label><input type="checkbox" id=${form.inputId("tags", tag)} name=${form.inputName("tags")} value=${tag} checked=${form.checked("tags", tag)}> ${tag}</label>`,
    )}
    ${groupError(form, "tags")}
  </fieldset>
  ${form.emptyInput("roles")}
  <select multiple id=${form.inputId("roles")} name=${form.inputName("roles")}>
    ${ROLES.map((role) => html`<option value=${role} selected=${form.selected("roles", role)}>${role}</option>`)}
  </select>
  ${groupError(form, "roles")}
  <div id="links">
    ${form.inputsFor("links").map(
      (link) => html`<fieldset class="link" id=${link.id}>
      ${link.sortInput()}
      ${text(link, "title", "Link title")}${text(link, "url", "URL")}
      ${link.dropButton("Remove", { label: `Remove link ${link.index + 1}` })}
    </fieldset>`,
    )}
  </div>
  ${groupError(form, "links")}
  ${form.addButton("links", "Add link", { class: "add" })}
  <button type="submit">Save</button>
</form>
<pre id="saved">${saved}</pre>`;
  },
});

export const nestedFormRoutes = () => [liveSession({ name: "nested-forms" }, [live("/article", ArticleLive)])];
