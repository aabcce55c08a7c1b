/** What one user can make the server hold is bounded: a todo quota, pages of todos, a bounded board. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { demo, type Demo } from "../support/demo.js";
import { MAX_OWNED } from "../../app/todos.js";
import { PAGE, SHOWN } from "../../app/views/todos.js";
import { BOARD_CARDS } from "../../app/views/board.js";
import { Board } from "../../app/react-islands/board.contract.js";

let app: Demo;
beforeEach(async () => {
  app = await demo();
});
afterEach(() => app.close());

const titles = (view: { html(): string }) =>
  [...view.html().matchAll(/<label for="done-\d+" class="title">([^<]*)<\/label>/g)].map((m) => m[1]);

async function seed(n: number, email = "alice@example.com") {
  const user = await app.user(email);
  for (let i = 1; i <= n; i++) await app.ctx.todos.create(user, { title: `Todo ${i}` });
  return user;
}

describe("todo quota", () => {
  it("refuses the todo past a user's quota in the form, and another user is not affected", async () => {
    await seed(MAX_OWNED);
    const alice = await app.visit("/todos", { user: await app.user("alice@example.com") });
    await alice.form("#new-todo").submit({ todo: { title: "One too many" } });
    expect(alice.find("#todo_title_error")?.textContent).toBe(`you have ${MAX_OWNED} todos already; finish or delete some first`);
    expect((await app.ctx.todos.create(await app.user("bob@example.com"), { title: "Bob's" })).ok).toBe(true);
  });
});

describe("todo pages", () => {
  it("loads a page at a time, keeps the last ones on the page, and goes back to the top", async () => {
    await seed(4 * PAGE + 10);
    const view = await app.visit("/todos", { user: await app.user("alice@example.com") });
    expect(titles(view)).toHaveLength(PAGE);
    expect(titles(view)[0]).toBe("Todo 1");
    for (let i = 0; i < 4; i++) await view.element("button", "Show more").click();
    // every todo loaded; the first ones left the page (and the server's memory)
    expect(view.has("button", "Show more")).toBe(false);
    const shown = titles(view);
    expect(shown).toHaveLength(SHOWN);
    expect(shown.at(-1)).toBe(`Todo ${4 * PAGE + 10}`);
    await view.element("button", "Back to the top").click();
    expect(titles(view)).toHaveLength(PAGE);
    expect(titles(view)[0]).toBe("Todo 1");
  });

  it("shows a new todo at the end once the end is loaded, and an edit where the todo is", async () => {
    const alice = await seed(PAGE + 5);
    const view = await app.visit("/todos", { user: alice });
    await app.ctx.todos.create(alice, { title: "Added while browsing" });
    await view.flush();
    expect(titles(view)).not.toContain("Added while browsing");
    const first = (await app.ctx.todos.page(alice, 1))[0]!;
    await app.ctx.todos.rename(alice, first.id, "Renamed first");
    await view.flush();
    expect(titles(view)[0]).toBe("Renamed first");
    await view.element("button", "Show more").click();
    expect(titles(view).at(-1)).toBe("Added while browsing");
  });
});

describe("board", () => {
  it("shows at most its card limit per column, and says where the rest are", async () => {
    await seed(BOARD_CARDS + 20);
    const view = await app.visit("/board", { user: await app.user("alice@example.com") });
    const props = view.island(Board, "board").props();
    expect(props.todo).toHaveLength(BOARD_CARDS);
    expect(view.find(".paging")?.textContent).toContain(`(${BOARD_CARDS + 20} to do, 0 done)`);
  });
});
