/** The demo's post editor: /posts/:id/edit, the "edit" action of the post's view, with nested form fields. */
import { afterEach, describe, expect, it } from "vitest";
import { demo, type Demo } from "../support/demo.js";

let app: Demo;
afterEach(() => app?.close());

const linkRows = (view: { dom(): { querySelectorAll(s: string): { id: string }[] } }) =>
  view
    .dom()
    .querySelectorAll(".post-link")
    .map((r) => r.id);

describe("the post editor", () => {
  it("sends anonymous users to log in, and back", async () => {
    app = await demo();
    await expect(app.visit("/posts/1/edit")).rejects.toMatchObject({ to: "/login?return_to=%2Fposts%2F1%2Fedit" });
    const view = await app.visit("/posts/1");
    expect(view.has("a", "Edit")).toBe(false);
  });

  it("edits the title, tags and links on the same view, and shows them once saved", async () => {
    app = await demo();
    const view = await app.visit("/posts/1", { user: await app.user("alice@example.com") });
    expect(view.liveAction).toBe("show");
    await view.element("a", "Edit").click();
    expect(view.path).toBe("/posts/1/edit");
    expect(view.liveAction).toBe("edit");
    expect(view.has("#post-form")).toBe(true);

    await view.form("#post-form").change({ post: { tags: ["tech", "howto"] } });
    await view.element("button", "Add link").click();
    await view.element("button", "Add link").click();
    const [first, second] = linkRows(view);
    const key = (id: string) => id.split("_").pop()!;
    await view.form("#post-form").change({
      post: {
        links: {
          [key(first!)]: { title: "Phoenix", url: "https://phoenixframework.org" },
          [key(second!)]: { title: "Lagoon", url: "https://example.org/lagoon" },
        },
      },
    });
    // remove the first row: the second keeps its inputs and what was typed
    await view.element(`#${first} button`, "Remove").click();
    expect(linkRows(view)).toEqual([second]);
    expect(view.find(`#${second} input[type=url]`)?.getAttribute("value")).toBe("https://example.org/lagoon");

    await view.form("#post-form").submit();
    expect(view.path).toBe("/posts/1");
    expect(view.liveAction).toBe("show");
    expect(view.find("#flash")?.textContent).toContain("Post saved");
    expect(
      view
        .dom()
        .querySelectorAll(".tags .tag")
        .map((t) => t.textContent),
    ).toEqual(["howto", "tech"]);
    expect(view.find(".links a")?.getAttribute("href")).toBe("https://example.org/lagoon");
    const stored = await app.ctx.posts.get(1);
    expect(stored).toMatchObject({ tags: ["howto", "tech"], links: [{ title: "Lagoon", url: "https://example.org/lagoon" }] });
  });

  it("shows each error under its own field once used, all on save, and stores nothing invalid", async () => {
    app = await demo();
    const view = await app.visit("/posts/1/edit", { user: await app.user("alice@example.com") });
    await view.element("button", "Add link").click();
    const row = linkRows(view)[0]!;
    const k = row.split("_").pop()!;
    await view.form("#post-form").change({ post: { links: { [k]: { url: "javascript:alert(1)" } } } });
    expect(view.find(`#${row} .error`)?.textContent).toBe("should be an http(s) address");
    // the row's title was not used yet: no error for it
    expect(view.dom().querySelectorAll(`#${row} .error`)).toHaveLength(1);
    await view.form("#post-form").submit({ post: { title: "x" } });
    expect(view.path).toBe("/posts/1/edit");
    expect(view.find("#post_title_error")?.textContent).toBe("should be at least 3 characters");
    expect(view.dom().querySelectorAll(`#${row} .error`)).toHaveLength(2);
    expect((await app.ctx.posts.get(1))?.links).toEqual([]);
  });

  it("Cancel goes back without saving; a save outside the editor is refused", async () => {
    app = await demo();
    const view = await app.visit("/posts/1/edit", { user: await app.user("alice@example.com") });
    await view.form("#post-form").change({ post: { title: "Not kept" } });
    await view.element("a", "Cancel").click();
    expect(view.path).toBe("/posts/1");
    expect(view.find("h1")?.textContent).toBe("Hello, Lagoon");
    await expect(view.push({ type: "form", event: "save", value: "post[title]=Sneaky", meta: {} })).rejects.toMatchObject({
      response: { reason: "forbidden" },
    });
    expect((await app.ctx.posts.get(1))?.title).toBe("Hello, Lagoon");
  });
});
