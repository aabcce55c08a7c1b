/** /board through the test client: moves as typed island events, refusals, broadcasts, the shell around the island. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ReplyError, type IslandTestView } from "lagoon/testing";
import { Board } from "../../app/react-islands/board.contract.js";
import { demo, type Demo } from "../support/demo.js";

let app: Demo;
beforeEach(async () => {
  app = await demo();
});
afterEach(() => app.close());

/** The board island's props as its component has them. */
const titles = (view: IslandTestView) => {
  const c = view.island(Board, "board").props();
  return { todo: c.todo.map((x) => x.title), done: c.done.map((x) => x.title) };
};

async function boards() {
  const alice = await app.user("alice@example.com");
  const bob = await app.user("bob@example.com");
  for (const title of ["A", "B", "C"]) await app.ctx.todos.create(alice, { title });
  const secret = await app.ctx.todos.create(bob, { title: "Bob's secret", private: true });
  if (!secret.ok) throw new Error(secret.error);
  const a = await app.visit("/board", { user: alice });
  const b = await app.visit("/board", { user: bob });
  const todos = await app.ctx.todos.visible(alice);
  const id = (title: string) => todos.find((t) => t.title === title)!.id;
  return { alice, bob, a, b, id, secretId: secret.todo.id };
}

describe("/board (test client)", () => {
  it("needs a login", async () => {
    await expect(app.visit("/board")).rejects.toMatchObject({ kind: "redirect", to: "/login?return_to=%2Fboard" });
  });

  it("renders the viewer's todos as the island's props and server HTML", async () => {
    const { a, b } = await boards();
    expect(titles(a)).toEqual({ todo: ["A", "B", "C"], done: [] });
    expect(titles(b)).toEqual({ todo: ["A", "B", "C", "Bob's secret"], done: [] });
    expect(a.staticHtml).toContain(">A</span>");
    expect(a.staticHtml).not.toContain("Bob&#39;s secret");
  });

  it("moves a card within and across columns; the order is stored and every board follows", async () => {
    const { a, b, id, alice } = await boards();
    expect(await a.hook("Board:move", { id: "board", payload: { id: id("C"), to: "todo", index: 0 } })).toEqual({ ok: true });
    expect(titles(a)).toEqual({ todo: ["C", "A", "B"], done: [] });
    expect(await a.hook("Board:move", { id: "board", payload: { id: id("A"), to: "done", index: 0 } })).toEqual({ ok: true });
    expect(await a.hook("Board:move", { id: "board", payload: { id: id("B"), to: "done", index: 0 } })).toEqual({ ok: true });
    expect(titles(a)).toEqual({ todo: ["C"], done: ["B", "A"] });
    await b.flush();
    expect(titles(b)).toEqual({ todo: ["C", "Bob's secret"], done: ["B", "A"] });
    // stored: a fresh board shows the same order
    const again = await app.visit("/board", { user: alice });
    expect(titles(again)).toEqual({ todo: ["C"], done: ["B", "A"] });
    // the moved card is highlighted on the other board
    expect(b.island(Board, "board").commands().at(-1)).toEqual({ command: "highlight", payload: { id: id("B") } });
  });

  it("refuses forged moves (unknown column, wrong types, another user's private todo) and changes nothing", async () => {
    const { a, b, id, secretId, alice, bob } = await boards();
    const before = { alice: await app.ctx.todos.visible(alice), bob: await app.ctx.todos.visible(bob) };
    const forged = [
      { id: id("A"), to: "archive", index: 0 },
      { id: String(id("A")), to: "done", index: 0 },
      { id: id("A"), to: "done", index: "0" },
      { id: id("A"), to: "done", index: -1 },
      { id: id("A"), to: "done", index: 0.5 },
      { id: -3, to: "done", index: 0 },
      { id: id("A"), to: "done" },
      { id: id("A"), to: ["done"], index: 0 },
    ];
    for (const payload of forged) {
      const error = await a.hook("Board:move", { id: "board", payload }).catch((e: unknown) => e);
      expect(error, JSON.stringify(payload)).toBeInstanceOf(ReplyError);
      expect((error as ReplyError).response.reason).toBe("invalid_params");
    }
    // well-formed, but not Alice's to move: the domain says no, as a typed reply
    expect(await a.hook("Board:move", { id: "board", payload: { id: secretId, to: "done", index: 0 } })).toEqual({
      ok: false,
      error: "todo not found",
    });
    expect(await a.hook("Board:move", { id: "board", payload: { id: 999_999, to: "done", index: 0 } })).toEqual({
      ok: false,
      error: "todo not found",
    });
    await b.flush();
    expect({ alice: await app.ctx.todos.visible(alice), bob: await app.ctx.todos.visible(bob) }).toEqual(before);
    expect(titles(a)).toEqual({ todo: ["A", "B", "C"], done: [] });
    expect(titles(b)).toEqual({ todo: ["A", "B", "C", "Bob's secret"], done: [] });
  });

  it("adds and edits todos in the server-rendered page around the island", async () => {
    const { a, b, id, secretId } = await boards();
    await a.form("#new-todo").submit({ todo: { title: "D" } });
    await b.flush();
    expect(titles(a).todo).toEqual(["A", "B", "C", "D"]);
    expect(titles(b).todo).toContain("D");

    await a.hook("Board:select", { id: "board", payload: { id: id("B") } });
    expect(a.find("#edit-card h2")?.textContent).toBe("Edit “B”");
    await a.form("#edit-card").submit({ title: "B, renamed" });
    await b.flush();
    expect(a.has("#edit-card")).toBe(false);
    expect(titles(a).todo).toEqual(["A", "B, renamed", "C", "D"]);
    expect(titles(b).todo).toContain("B, renamed");

    const error = await a.hook("Board:select", { id: "board", payload: { id: secretId } }).catch((e: unknown) => e);
    expect((error as ReplyError).response.reason).toBe("not_found");
    expect(a.has("#edit-card")).toBe(false);
  });

  it("tells the second of two boards renaming one card that it changed, keeping what was typed", async () => {
    const { a, b, id } = await boards();
    await a.hook("Board:select", { id: "board", payload: { id: id("C") } });
    await b.hook("Board:select", { id: "board", payload: { id: id("C") } });
    await a.form("#edit-card").submit({ title: "C by Alice" });
    await b.flush();
    // Bob's form still shows what he opened, and his save does not overwrite Alice's unseen
    expect(b.find("#edit-title")?.getAttribute("value")).toBe("C");
    await b.form("#edit-card").submit({ title: "C by Bob" });
    expect(b.find("#edit-card .error")?.textContent).toBe("Changed by someone else: it now reads “C by Alice”. Save again to replace it.");
    expect(b.find("#edit-title")?.getAttribute("value")).toBe("C by Bob");
    expect(titles(b).todo).toContain("C by Alice");
    await b.form("#edit-card").submit({ title: "C by Bob" });
    await a.flush();
    expect(b.has("#edit-card")).toBe(false);
    expect(titles(a).todo).toContain("C by Bob");
  });
});
