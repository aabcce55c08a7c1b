/** /board, the todos as a drag-and-drop React island, with two users in two Chromium contexts. */
import { beforeEach, describe, expect, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { startServer } from "../../support/server.js";
import { inChromium } from "../../support/chromium-suite.js";
import { watchProblems } from "../../support/browser.js";
import { httpLogIn, logIn } from "../../support/login.js";
import type { User } from "../../../app/accounts.js";

const env = inChromium(() => startServer());

const user = async (email: string): Promise<User> => (await env.server.ctx.accounts.byEmail(email))!;
const positions = () => env.server.ctx.db.all("select id, done, position from todos order by id");

let ids: Record<string, number>;
let secretId: number;
beforeEach(async () => {
  await env.server.ctx.db.run("delete from todos");
  const alice = await user("alice@example.com");
  ids = {};
  for (const title of ["Water the plants", "Book the ferry", "Buy sunscreen"]) {
    const r = await env.server.ctx.todos.create(alice, { title });
    if (r.ok) ids[title] = r.todo.id;
  }
  const secret = await env.server.ctx.todos.create(await user("bob@example.com"), { title: "Bob's surprise", private: true });
  if (secret.ok) secretId = secret.todo.id;
});

interface UserPage {
  context: BrowserContext;
  page: Page;
  problems: string[];
}

async function boardFor(email: string): Promise<UserPage> {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const problems = watchProblems(page);
  await page.addInitScript(() =>
    document.addEventListener("DOMContentLoaded", () => {
      (window as any).__ssrCard = document.querySelector("#board .board-card");
    }),
  );
  await logIn(page, env.server.url, email, undefined, "/board");
  // hydrated and connected: React enabled the handles
  await page.waitForFunction(() => document.querySelector("#board .board-handle")?.getAttribute("aria-disabled") === "false");
  return { context, page, problems };
}

const column = (page: Page, name: "todo" | "done") => page.locator(`#board .board-${name} .board-title`).allTextContents();
const handle = (page: Page, title: string) => page.getByRole("button", { name: `Move ${title}` });

/** What dnd-kit's live region last told the screen reader. */
const announced = (page: Page) => page.locator("[role=status][aria-live]").last().textContent();

/**
 * Presses `key` during a keyboard drag, then waits until the card is announced `where`
 * (dnd-kit moves it on the next frames). The press waits for two animation frames first:
 * dnd-kit measures the droppable columns in the frames after a pickup, and an arrow key
 * pressed before that finds no column to move to (no person presses within a frame).
 */
async function dragKey(page: Page, key: string, where: string): Promise<void> {
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  await page.keyboard.press(key);
  await expect.poll(() => announced(page)).toContain(where);
}

describe("/board in Chromium", () => {
  it("serves the cards in the HTML to a browser without JavaScript", async () => {
    const cookie = await httpLogIn(env.server.url, "alice@example.com");
    const context = await env.browser.newContext({ javaScriptEnabled: false, extraHTTPHeaders: { cookie } });
    const page = await context.newPage();
    await page.goto(env.server.url + "/board");
    expect(await column(page, "todo")).toEqual(["Water the plants", "Book the ferry", "Buy sunscreen"]);
    expect(await page.locator("#board h2").allTextContents()).toEqual(["To do (3)", "Done (0)"]);
    await context.close();
  });

  it("hydrates the server's cards without console errors or warnings", async () => {
    const alice = await boardFor("alice@example.com");
    expect(await alice.page.evaluate(() => document.querySelector("#board .board-card") === (window as any).__ssrCard)).toBe(true);
    expect(await column(alice.page, "todo")).toEqual(["Water the plants", "Book the ferry", "Buy sunscreen"]);
    expect(alice.problems).toEqual([]);
    await alice.context.close();
  });

  it("a card dragged with the mouse to Done moves on the other user's board, and stays moved", async () => {
    const alice = await boardFor("alice@example.com");
    const bob = await boardFor("bob@example.com");
    const from = (await handle(alice.page, "Book the ferry").boundingBox())!;
    const to = (await alice.page.locator("#board .board-done .board-cards").boundingBox())!;
    await alice.page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await alice.page.mouse.down();
    await alice.page.mouse.move(from.x + 20, from.y + 10, { steps: 5 });
    await alice.page.mouse.move(to.x + to.width / 2, to.y + 20, { steps: 15 });
    await alice.page.mouse.up();
    await expect.poll(() => column(alice.page, "done")).toEqual(["Book the ferry"]);
    await expect.poll(() => column(bob.page, "done")).toEqual(["Book the ferry"]);
    expect(await column(bob.page, "todo")).toEqual(["Water the plants", "Buy sunscreen", "Bob's surprise"]);
    expect((await env.server.ctx.todos.get(await user("alice@example.com"), ids["Book the ferry"]))?.done).toBe(true);
    expect(alice.problems).toEqual([]);
    expect(bob.problems).toEqual([]);
    await alice.context.close();
    await bob.context.close();
  });

  it("moves cards with the keyboard, within a column and across, and the other board follows", async () => {
    const alice = await boardFor("alice@example.com");
    const bob = await boardFor("bob@example.com");
    const { page } = alice;
    // reorder: Buy sunscreen to the top
    await handle(page, "Buy sunscreen").focus();
    await dragKey(page, "Space", "Picked up Buy sunscreen");
    await dragKey(page, "ArrowUp", "over To do, position 2 of 3");
    await dragKey(page, "ArrowUp", "over To do, position 1 of 3");
    await dragKey(page, "Space", "Dropped Buy sunscreen at To do, position 1 of 3");
    await expect.poll(() => column(bob.page, "todo")).toEqual(["Buy sunscreen", "Water the plants", "Book the ferry", "Bob's surprise"]);
    expect(await column(page, "todo")).toEqual(["Buy sunscreen", "Water the plants", "Book the ferry"]);
    // across: Water the plants to Done
    await handle(page, "Water the plants").focus();
    await dragKey(page, "Space", "Picked up Water the plants");
    await dragKey(page, "ArrowRight", "over Done, position 1 of 1");
    await dragKey(page, "Space", "Dropped Water the plants at Done, position 1 of 1");
    await expect.poll(() => column(bob.page, "done")).toEqual(["Water the plants"]);
    expect(await column(page, "done")).toEqual(["Water the plants"]);
    expect(alice.problems).toEqual([]);
    await alice.context.close();
    await bob.context.close();
  });

  it("refuses forged moves (unknown column, wrong types, another user's private todo); nothing changes anywhere", async () => {
    const alice = await boardFor("alice@example.com");
    const bob = await boardFor("bob@example.com");
    const before = await positions();
    const outcomes = await alice.page.evaluate(
      async ({ a, secret }) => {
        const el = document.getElementById("board")!;
        const hook = (window as any).liveSocket.main.getHook(el);
        const forged = [
          { id: a, to: "archive", index: 0 },
          { id: String(a), to: "done", index: 0 },
          { id: a, to: "done", index: "first" },
          { id: secret, to: "done", index: 0 },
        ];
        const out: unknown[] = [];
        for (const payload of forged) {
          out.push(
            await hook.pushEvent("Board:move", { id: "board", payload }).then(
              (reply: unknown) => reply,
              (e: Error) => e.message,
            ),
          );
        }
        return out;
      },
      { a: ids["Water the plants"]!, secret: secretId },
    );
    expect(outcomes.slice(0, 3).every((o) => JSON.stringify(o).includes('"reason":"invalid_params"'))).toBe(true);
    expect(outcomes[3]).toEqual({ ok: false, error: "todo not found" });
    expect(await positions()).toEqual(before);
    // a real move still goes through afterwards, and is the only change the other board sees
    await handle(alice.page, "Water the plants").focus();
    await dragKey(alice.page, "Space", "Picked up Water the plants");
    await dragKey(alice.page, "ArrowDown", "over To do, position 2 of 3");
    await dragKey(alice.page, "Space", "Dropped Water the plants at To do, position 2 of 3");
    await expect.poll(() => column(bob.page, "todo")).toEqual(["Book the ferry", "Water the plants", "Buy sunscreen", "Bob's surprise"]);
    expect(await column(bob.page, "done")).toEqual([]);
    expect(alice.problems).toEqual([]);
    expect(bob.problems).toEqual([]);
    await alice.context.close();
    await bob.context.close();
  });

  it("keeps adding and editing in the page around the island", async () => {
    const alice = await boardFor("alice@example.com");
    const bob = await boardFor("bob@example.com");
    await alice.page.getByLabel("New todo").fill("Pack the snorkel");
    await alice.page.getByRole("button", { name: "Add" }).click();
    await expect.poll(() => column(bob.page, "todo")).toContain("Pack the snorkel");
    await alice.page.getByRole("button", { name: "Edit Book the ferry" }).click();
    await alice.page.getByLabel("Title").fill("Book the early ferry");
    await alice.page.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => column(bob.page, "todo")).toContain("Book the early ferry");
    expect(await column(alice.page, "todo")).toContain("Book the early ferry");
    expect(alice.problems).toEqual([]);
    await alice.context.close();
    await bob.context.close();
  });
});
