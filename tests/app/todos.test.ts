/** The todo list and chat through the test client: components, streams, PubSub, authorization. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { demo, type Demo } from "../support/demo.js";

let app: Demo;
beforeEach(async () => {
  app = await demo();
});
afterEach(() => app.close());

const titles = (view: { html(): string }) =>
  [...view.html().matchAll(/<label for="done-\d+" class="title">([^<]*)<\/label>/g)].map((m) => m[1]);
const idOf = (view: { find(s: string): { getAttribute(n: string): string | undefined } | null }, title: string) => {
  const html = (view as unknown as { html(): string }).html();
  const m = new RegExp(`id="done-(\\d+)"[^>]*>\\s*<label for="done-\\d+" class="title">${title}<`).exec(html);
  if (!m) throw new Error(`no todo ${title}`);
  return m[1]!;
};

describe("todos (test client)", () => {
  it("adds, toggles, edits and deletes, and a second user sees each change", async () => {
    const alice = await app.visit("/todos", { user: await app.user("alice@example.com") });
    const bob = await app.visit("/todos", { user: await app.user("bob@example.com") });
    await alice.form("#new-todo").submit({ todo: { title: "Buy milk" } });
    await alice.flush();
    await bob.flush();
    expect(titles(alice)).toEqual(["Buy milk"]);
    expect(titles(bob)).toEqual(["Buy milk"]);
    expect(alice.find("#todo_title")?.getAttribute("value")).toBe("");

    const id = idOf(alice, "Buy milk");
    await alice.element(`#done-${id}`).click();
    await bob.flush();
    expect(bob.find(`#done-${id}`)?.hasAttribute("checked")).toBe(true);

    await alice.element(`#todos-${id} button`, "Edit").click();
    await alice.form(`#edit-${id}`).submit({ title: "Buy oat milk" });
    await bob.flush();
    expect(titles(alice)).toEqual(["Buy oat milk"]);
    expect(titles(bob)).toEqual(["Buy oat milk"]);

    await bob.element(`#todos-${id} button`, "Delete").click();
    await bob.element(`#delete-todo-${id} [role=dialog] button`, "Delete").click();
    await alice.flush();
    expect(titles(alice)).toEqual([]);
    expect(titles(bob)).toEqual([]);
    expect(await app.ctx.todos.visible(await app.user("alice@example.com"))).toEqual([]);
  });

  it("asks before deleting, in a dialog that opens and closes without a message to the server", async () => {
    const alice = await app.visit("/todos", { user: await app.user("alice@example.com") });
    await alice.form("#new-todo").submit({ todo: { title: "Keep me" } });
    await alice.flush();
    const id = idOf(alice, "Keep me");
    const dialog = () => alice.find(`#delete-todo-${id}`)!;
    const frames = alice.messages.length;
    expect(dialog().getAttribute("style")).toBe("display: none");

    await alice.element(`#todos-${id} button`, "Delete").click();
    expect(dialog().getAttribute("style")).toBe("display: block");
    expect(alice.find(`#delete-todo-${id} [role=dialog]`)?.getAttribute("aria-modal")).toBe("true");
    expect(alice.find(`#delete-todo-${id}-title`)?.textContent).toBe("Delete “Keep me”?");
    expect(alice.focused()?.textContent).toBe("Cancel");
    await alice.element(`#delete-todo-${id} button`, "Cancel").click();
    expect(dialog().getAttribute("style")).toBe("display: none");
    expect(alice.focused()?.textContent).toBe("Delete");

    await alice.element(`#todos-${id} button`, "Delete").click();
    await alice.keydown("Escape");
    expect(dialog().getAttribute("style")).toBe("display: none");
    expect(alice.messages.length).toBe(frames);
    expect(titles(alice)).toEqual(["Keep me"]);
  });

  it("marks the current page in the nav", async () => {
    const alice = await app.visit("/todos", { user: await app.user("alice@example.com") });
    expect(
      alice
        .dom()
        .querySelectorAll('nav a[aria-current="page"]')
        .map((a) => a.textContent),
    ).toEqual(["Todos"]);
  });

  it("refuses empty and over-200-character titles, storing nothing", async () => {
    const alice = await app.visit("/todos", { user: await app.user("alice@example.com") });
    await alice.form("#new-todo").submit({ todo: { title: "   " } });
    expect(alice.find("#todo_title_error")?.textContent).toBe("can't be blank");
    await alice.form("#new-todo").submit({ todo: { title: "x".repeat(201) } });
    expect(alice.find("#todo_title_error")?.textContent).toBe("should be at most 200 characters");
    await alice.form("#new-todo").change({ todo: { title: "x".repeat(201) } });
    expect(alice.find("#todo_title_error")?.textContent).toBe("should be at most 200 characters");
    expect(await app.ctx.todos.visible(await app.user("alice@example.com"))).toEqual([]);
  });

  it("tells the second of two users editing one todo that it changed, with its current text, keeping theirs", async () => {
    const alice = await app.visit("/todos", { user: await app.user("alice@example.com") });
    const bob = await app.visit("/todos", { user: await app.user("bob@example.com") });
    await alice.form("#new-todo").submit({ todo: { title: "Plan the trip" } });
    await bob.flush();
    const id = idOf(alice, "Plan the trip");
    // both open the edit form on the same version
    await alice.element(`#todos-${id} button`, "Edit").click();
    await bob.element(`#todos-${id} button`, "Edit").click();
    await alice.form(`#edit-${id}`).submit({ title: "Plan the ferry trip" });
    await bob.flush();
    // bob's form still shows what he started from, not alice's title
    expect(bob.find(`#edit-title-${id}`)?.getAttribute("value")).toBe("Plan the trip");
    await bob.form(`#edit-${id}`).submit({ title: "Plan the train trip" });
    expect(bob.find(`#edit-${id} .error`)?.textContent).toBe(
      "Changed by someone else: it now reads “Plan the ferry trip”. Save again to replace it.",
    );
    expect(bob.find(`#edit-title-${id}`)?.getAttribute("value")).toBe("Plan the train trip");
    expect((await app.ctx.todos.get(await app.user("alice@example.com"), Number(id)))?.title).toBe("Plan the ferry trip");
    // saving again, knowingly, replaces it for everyone
    await bob.form(`#edit-${id}`).submit({ title: "Plan the train trip" });
    await alice.flush();
    expect(titles(alice)).toEqual(["Plan the train trip"]);
    expect(titles(bob)).toEqual(["Plan the train trip"]);
  });

  it("refuses NUL in titles and chat messages", async () => {
    const alice = await app.visit("/todos", { user: await app.user("alice@example.com") });
    await alice.form("#new-todo").submit({ todo: { title: "nul\u0000byte" } });
    expect(alice.find("#todo_title_error")?.textContent).toBe("can't contain NUL characters");
    const chat = await app.visit("/chat/lobby", { user: await app.user("alice@example.com") });
    await chat.form("#chat-form").submit({ message: { body: "nul\u0000byte" } });
    expect(chat.find("#chat-form .error")?.textContent).toBe("can't contain NUL characters");
    expect(await app.ctx.todos.visible(await app.user("alice@example.com"))).toEqual([]);
    expect(await app.ctx.chat.recent("lobby")).toEqual([]);
  });

  it("re-renders only the targeted component for a phx-target event", async () => {
    const alice = await app.visit("/todos", { user: await app.user("alice@example.com") });
    await alice.form("#new-todo").submit({ todo: { title: "one" } });
    await alice.form("#new-todo").submit({ todo: { title: "two" } });
    await alice.flush();
    const id = idOf(alice, "two");
    await alice.element(`#todos-${id} button`, "Edit").click();
    const diff = alice.lastDiff as Record<string, unknown>;
    // only the component section, with one component in it
    expect(Object.keys(diff)).toEqual(["c"]);
    expect(Object.keys(diff.c as object)).toHaveLength(1);
    expect(alice.find(`#edit-${id}`)).not.toBeNull();
    expect(alice.find(`#edit-${idOf(alice, "one")}`)).toBeNull();
  });

  it("answers forged toggles, edits and deletes with an error, changing nothing", async () => {
    const aliceUser = await app.user("alice@example.com");
    const alice = await app.visit("/todos", { user: aliceUser });
    const bob = await app.visit("/todos", { user: await app.user("bob@example.com") });
    await alice.form("#new-todo").submit({ todo: { title: "secret plan", private: "on" } });
    await alice.form("#new-todo").submit({ todo: { title: "team task" } });
    await bob.flush();
    // the private todo never reaches bob
    expect(titles(bob)).toEqual(["team task"]);
    const secret = (await app.ctx.todos.visible(aliceUser)).find((t) => t.title === "secret plan")!;
    const team = (await app.ctx.todos.visible(aliceUser)).find((t) => t.title === "team task")!;
    const bobCid = Number(bob.find(`#todos-${team.id}`)?.getAttribute("data-phx-component"));
    const forge = (event: string, value: Record<string, unknown>) => bob.push({ type: "click", event, value, cid: bobCid });
    await expect(forge("toggle", { id: String(secret.id) })).rejects.toMatchObject({ response: { reason: "not_found" } });
    await expect(forge("delete", { id: String(secret.id) })).rejects.toMatchObject({ response: { reason: "not_found" } });
    await expect(forge("save", { id: String(secret.id), title: "pwned" })).rejects.toMatchObject({ response: { reason: "not_found" } });
    await expect(forge("toggle", { id: "99999" })).rejects.toMatchObject({ response: { reason: "not_found" } });
    await expect(forge("toggle", { id: "1 or 1=1" })).rejects.toMatchObject({ response: { reason: "invalid_params" } });
    await expect(forge("delete", { id: { $gt: 0 } })).rejects.toMatchObject({ response: { reason: "invalid_params" } });
    await expect(forge("delete", {})).rejects.toMatchObject({ response: { reason: "invalid_params" } });
    expect(await app.ctx.todos.get(aliceUser, secret.id)).toMatchObject({ title: "secret plan", done: false });
    expect(await app.ctx.todos.visible(aliceUser)).toHaveLength(2);
    // bob's view lives on
    await bob.element(`#done-${team.id}`).click();
    expect((await app.ctx.todos.get(aliceUser, team.id))?.done).toBe(true);
  });

  it("renders HTML in titles as text, in the first render and in diffs", async () => {
    const alice = await app.visit("/todos", { user: await app.user("alice@example.com") });
    const payload = `<img src=x onerror="alert(1)"><script>alert(2)</script>`;
    await alice.form("#new-todo").submit({ todo: { title: payload } });
    await alice.flush();
    expect(alice.html()).not.toContain("<img src=x");
    expect(alice.html()).not.toContain("<script>alert");
    expect(titles(alice)).toEqual(["&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;"]);
    const again = await app.visit("/todos", { user: await app.user("bob@example.com") });
    expect(again.staticHtml).not.toContain("<img src=x");
    expect(again.staticHtml).toContain("&lt;img src=x");
  });
});

describe("chat (test client)", () => {
  it("shows the last 50 messages on join and delivers new ones to the room only", async () => {
    const alice = await app.user("alice@example.com");
    for (let i = 1; i <= 60; i++) await app.ctx.chat.post(alice, "lobby", `message ${i}`);
    const a = await app.visit("/chat/lobby", { user: alice });
    const bodies = () => [...a.html().matchAll(/<span class="body">([^<]*)<\/span>/g)].map((m) => m[1]);
    expect(bodies()).toHaveLength(50);
    expect(bodies()[0]).toBe("message 11");
    expect(bodies()[49]).toBe("message 60");
    const b = await app.visit("/chat/lobby", { user: await app.user("bob@example.com") });
    const elsewhere = await app.visit("/chat/other", { user: await app.user("bob@example.com") });
    await b.form("#chat-form").submit({ message: { body: "hi from bob" } });
    await a.flush();
    await elsewhere.flush();
    expect(bodies()).toContain("hi from bob");
    expect(elsewhere.html()).not.toContain("hi from bob");
  });

  it("shows message times in the browser's time zone (UTC in the HTTP render, or for a zone that is not one)", async () => {
    const alice = await app.user("alice@example.com");
    const posted = await app.ctx.chat.post(alice, "zones", "what time is it");
    if (!posted.ok) throw new Error("post failed");
    const at = posted.message.createdAt;
    const inZone = (timeZone: string) =>
      new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(at);
    const tokyo = await app.visit("/chat/zones", { user: alice, connectParams: { timezone: "Asia/Tokyo" } });
    expect(tokyo.staticHtml).toContain(`>${inZone("UTC")}</time>`);
    expect(tokyo.find("#messages time")?.textContent).toBe(inZone("Asia/Tokyo"));
    const bogus = await app.visit("/chat/zones", { user: alice, connectParams: { timezone: "Mars/Olympus" } });
    expect(bogus.find("#messages time")?.textContent).toBe(inZone("UTC"));
  });

  it("lets only the author delete a message", async () => {
    const alice = await app.user("alice@example.com");
    const mine = await app.ctx.chat.post(alice, "lobby", "alice's words");
    if (!mine.ok) throw new Error("post failed");
    const b = await app.visit("/chat/lobby", { user: await app.user("bob@example.com") });
    // no Delete button on someone else's message, and a forged event is refused
    expect(b.find(`#messages-${mine.message.id} button`)).toBeNull();
    await expect(b.push({ type: "click", event: "delete", value: { id: String(mine.message.id) } })).rejects.toMatchObject({
      response: { reason: "forbidden" },
    });
    expect(await app.ctx.chat.recent("lobby")).toHaveLength(1);
    const a = await app.visit("/chat/lobby", { user: alice });
    await a.element(`#messages-${mine.message.id} button`, "Delete").click();
    await b.flush();
    expect(b.find(`#messages-${mine.message.id}`)).toBeNull();
    expect(await app.ctx.chat.recent("lobby")).toHaveLength(0);
  });

  it("refuses a room name that is not one", async () => {
    await expect(app.visit("/chat/..%2F..", { user: await app.user("alice@example.com") })).rejects.toThrow();
  });
});
