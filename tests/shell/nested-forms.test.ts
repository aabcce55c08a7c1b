/**
 * Nested forms through the test client, which sends what the official client's
 * serializeForm sends (DOM order, `_unused_` markers, a clicked button's name and value):
 * nested objects, checkbox groups, multi-selects and rows added, removed and reordered
 * with the sort and drop params; and hostile params, refused without a crash.
 */
import { describe, expect, it } from "vitest";
import type { Form } from "../../shell/index.js";
import { visit, type LiveViewTest } from "../../shell/testing/index.js";
import { ArticleForm, nestedFormRoutes, type ArticleData } from "../support/views/nested-forms.js";

const open = () => visit(nestedFormRoutes(), "/article");
const form = (view: LiveViewTest) => view.form("#article-form");
const value = (view: LiveViewTest, name: string) => view.find(`input[name="${name}"]`)?.getAttribute("value");
const error = (view: LiveViewTest, id: string) => view.find(`#${id}_error`)?.textContent;
const rowIds = (view: LiveViewTest) =>
  view
    .dom()
    .querySelectorAll("#links fieldset")
    .map((f) => f.id);
const checked = (view: LiveViewTest, selector: string) =>
  view
    .dom()
    .querySelectorAll(selector)
    .filter((e) => e.hasAttribute("checked") || e.hasAttribute("selected"))
    .map((e) => e.getAttribute("value"));

/** A raw form event, as a forged client could send it. */
const forged = (view: LiveViewTest, value: string) =>
  view.push({ type: "form", event: "validate", value, meta: { _target: "x" }, uploads: {} });

describe("nested forms", () => {
  it("names nested inputs with brackets and shows no error before anything is used", async () => {
    const view = await open();
    expect(view.staticHtml).toContain('name="article[author][name]"');
    expect(view.staticHtml).toContain('<input type="hidden" name="article[tags][]" value="">');
    expect(view.staticHtml).toContain('id="article_tags_news" name="article[tags][]" value="news"');
    expect(view.staticHtml).toContain('<select multiple id="article_roles" name="article[roles][]">');
    expect(view.find(".error")).toBeNull();
  });

  it("shows an error under a nested field once used, never under its unused siblings, and writes values back as typed", async () => {
    const view = await open();
    await form(view).change({ article: { author: { name: "A" } } });
    expect(error(view, "article_author_name")).toBe("at least 2 characters");
    expect(error(view, "article_author_email")).toBeUndefined();
    expect(error(view, "article_title")).toBeUndefined();
    await form(view).change({ article: { title: "  Hi there  ", author: { email: "nope" } } });
    expect(value(view, "article[title]")).toBe("  Hi there  ");
    expect(value(view, "article[author][name]")).toBe("A");
    expect(error(view, "article_author_email")).toBe("not an email");
    expect(error(view, "article_title")).toBeUndefined();
  });

  it("adds rows with the add button; a new row shows no error until used", async () => {
    const view = await open();
    await view.element("button.add").click();
    await view.element("button.add").click();
    expect(rowIds(view)).toEqual(["article_links_0", "article_links_1"]);
    expect(view.find("#links .error")).toBeNull();
    await form(view).change({ article: { links: { 0: { title: "Docs", url: "https://docs.example" }, 1: { url: "bad" } } } });
    expect(value(view, "article[links][0][title]")).toBe("Docs");
    expect(value(view, "article[links][1][url]")).toBe("bad");
    expect(error(view, "article_links_1_url")).toBe("not a URL");
    expect(error(view, "article_links_1_title")).toBeUndefined();
    expect(view.find("#article_links_0 .error")).toBeNull();
  });

  it("removes a row: the others keep their names, values and errors, and a new row takes a free key", async () => {
    const view = await open();
    await view.element("button.add").click();
    await view.element("button.add").click();
    await form(view).change({ article: { links: { 0: { title: "first" }, 1: { title: "second", url: "bad" } } } });
    await view.element('button[name="article[links_drop][]"][value="0"]').click();
    expect(rowIds(view)).toEqual(["article_links_1"]);
    expect(value(view, "article[links][1][title]")).toBe("second");
    expect(error(view, "article_links_1_url")).toBe("not a URL");
    // the row is still the one the user typed in: its error stays through later changes
    await form(view).change({ article: { title: "Hello" } });
    expect(error(view, "article_links_1_url")).toBe("not a URL");
    await view.element("button.add").click();
    expect(rowIds(view)).toEqual(["article_links_1", "article_links_0"]);
    expect(value(view, "article[links][0][title]")).toBe("");
  });

  it("reorders rows by the order of their sort inputs", async () => {
    const view = await open();
    await view.element("button.add").click();
    await view.element("button.add").click();
    await form(view).change({ article: { links: { 0: { title: "A" }, 1: { title: "B" } } } });
    await form(view).change({ article: { links_sort: ["1", "0"] } });
    expect(rowIds(view)).toEqual(["article_links_1", "article_links_0"]);
    expect(
      view
        .dom()
        .querySelectorAll("#links input[name$='[title]']")
        .map((i) => i.getAttribute("value")),
    ).toEqual(["B", "A"]);
    await form(view).submit({
      article: {
        title: "Order",
        author: { name: "Ada", email: "ada@example.com" },
        tags: ["news"],
        links: { 0: { url: "https://a.example" }, 1: { url: "https://b.example" } },
      },
    });
    expect(JSON.parse(view.find("#saved")!.textContent).links).toEqual([
      { title: "B", url: "https://b.example" },
      { title: "A", url: "https://a.example" },
    ]);
  });

  it("ticks a checkbox group, down to none, with its error once used", async () => {
    const view = await open();
    await form(view).change({ article: { title: "Hello" } });
    expect(error(view, "article_tags")).toBeUndefined();
    await form(view).change({ article: { tags: ["news", "life"] } });
    expect(checked(view, "#tags input[type=checkbox]")).toEqual(["news", "life"]);
    await form(view).change({ article: { tags: [] } });
    expect(checked(view, "#tags input[type=checkbox]")).toEqual([]);
    expect(error(view, "article_tags")).toBe("pick at least one");
    // an issue about one element (a forged tag) shows under the group
    await form(view).change({ article: { tags: ["tech", "forged"] } });
    expect(checked(view, "#tags input[type=checkbox]")).toEqual(["tech"]);
    expect(error(view, "article_tags")).toMatch(/expected one of/);
  });

  it("picks options of a multi-select, down to none", async () => {
    const view = await open();
    await form(view).change({ article: { roles: ["editor", "admin", "viewer"] } });
    expect(checked(view, "#article_roles option")).toEqual(["editor", "admin", "viewer"]);
    expect(error(view, "article_roles")).toBe("at most two roles");
    await form(view).change({ article: { roles: [] } });
    expect(checked(view, "#article_roles option")).toEqual([]);
    expect(error(view, "article_roles")).toBeUndefined();
  });

  it("shows every error on submit, new rows included, and parses the data when valid", async () => {
    const view = await open();
    await view.element("button.add").click();
    await form(view).submit();
    for (const id of [
      "article_title",
      "article_author_name",
      "article_author_email",
      "article_tags",
      "article_links_0_title",
      "article_links_0_url",
    ]) {
      expect(error(view, id), id).toBeTruthy();
    }
    expect(view.find("#saved")?.textContent).toBe("");
    await view.element("button.add").click();
    await form(view).submit({
      article: {
        title: "  Nested forms  ",
        author: { name: "Ada", email: "ada@example.com" },
        tags: ["tech", "news"],
        roles: ["editor"],
        links: { 0: { title: "Docs", url: "https://docs.example" }, 1: { title: "Repo", url: "https://repo.example" } },
      },
    });
    expect(view.find(".error")).toBeNull();
    expect(JSON.parse(view.find("#saved")!.textContent)).toEqual({
      title: "Nested forms",
      author: { name: "Ada", email: "ada@example.com" },
      tags: ["news", "tech"],
      roles: ["editor"],
      links: [
        { title: "Docs", url: "https://docs.example" },
        { title: "Repo", url: "https://repo.example" },
      ],
    });
    expect(value(view, "article[title]")).toBe("  Nested forms  ");
  });

  it("refuses hostile rows, indexes and shapes without a crash", async () => {
    const view = await open();
    await forged(
      view,
      "article[links][__proto__][url]=a&article[links][constructor][url]=b&article[links][x][url]=c&article[links][01][url]=d&article[links][-1][url]=e&article[links][1e3][url]=f",
    );
    expect(rowIds(view)).toEqual([]);
    expect(({} as Record<string, unknown>).url).toBeUndefined();
    // sort indexes naming no row, repeated or malformed are ignored
    await forged(
      view,
      "article[links][0][url]=a&article[links_sort][]=7&article[links_sort][]=0&article[links_sort][]=0&article[links_sort][]=-1",
    );
    expect(rowIds(view)).toEqual(["article_links_0"]);
    // wrong shapes: an object where a list or rows belong, a string where an object does
    await forged(view, "article[tags][x]=1&article[author]=me&article[links]=many&article[links_sort][a]=1&article[links_drop]=0");
    expect(rowIds(view)).toEqual([]);
    expect(error(view, "article_tags")).toBeTruthy();
    // a thousand rows asked for: capped, with an error on the rows
    await forged(view, Array.from({ length: 1000 }, () => "article[links_sort][]=new").join("&"));
    expect(rowIds(view)).toHaveLength(5);
    expect(error(view, "article_links")).toBe("has too many rows (at most 5)");
    await view.element("button.add").click();
    expect(rowIds(view)).toHaveLength(5);
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
    await form(view).change({ article: { title: "still alive" } });
    expect(value(view, "article[title]")).toBe("still alive");
  });
});

describe("defineForm with nested fields", () => {
  it("arranges rows like Ecto's sort_param and drop_param, keeping each row's key", () => {
    const rows = { 0: { title: "zero" }, 1: { title: "one" }, 2: { title: "two" } };
    const f = ArticleForm.change({ article: { links: rows, links_sort: ["2", "new", "0"], links_drop: ["0"] } });
    expect(f.values.links.map((l) => l.title)).toEqual(["two", "", "one"]);
    expect(f.inputsFor("links").map((r) => [r.index, r.key])).toEqual([
      [0, 2],
      [1, 3],
      [2, 1],
    ]);
    expect(f.inputName("links.0.url")).toBe("article[links][2][url]");
    expect(f.inputsFor("links")[1]!.inputName("url")).toBe("article[links][3][url]");
    expect(f.inputId("links.2.title")).toBe("article_links_1_title");
    expect(f.sortName("links")).toBe("article[links_sort][]");
    expect(f.dropName("links")).toBe("article[links_drop][]");
  });

  it("starts from values: rows and lists included, no errors, typed like the data", () => {
    const f: Form<ArticleData> = ArticleForm.empty({ title: "T", tags: ["tech"], links: [{ title: "a", url: "b" }] });
    const url: string = f.values.links[0]!.url;
    const tags: readonly string[] = f.values.tags;
    expect([url, tags, f.values.author.name]).toEqual(["b", ["tech"], ""]);
    expect([f.checked("tags", "tech"), f.checked("tags", "news"), f.selected("roles", "admin")]).toEqual([true, false, false]);
    expect(f.inputsFor("links").map((r) => r.value("title"))).toEqual(["a"]);
    expect(f.errors).toEqual({});
    expect(f.valid).toBe(false);
  });

  it("maps issue paths to fields and adds errors the schema cannot know by path", () => {
    const f = ArticleForm.submit({ article: { links: { 0: { title: "x", url: "nope" } }, tags: ["tech", "bogus"] } });
    expect(f.error("links.0.url")).toBe("not a URL");
    expect(f.inputsFor("links")[0]!.error("url")).toBe("not a URL");
    expect(f.error("tags")).toMatch(/expected one of/);
    expect(f.touched("links.0.url")).toBe(true);
    const more = ArticleForm.withErrors(f, { "links.0.title": "already linked" });
    expect(more.error("links.0.title")).toBe("already linked");
    expect(more.values.links[0]!.url).toBe("nope");
  });
});
