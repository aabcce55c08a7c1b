/** The live todo list and chat with two users in two Chromium contexts. */
import { describe, expect, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { startServer } from "../../support/server.js";
import { connected, watchErrors } from "../../support/browser.js";
import { inChromium } from "../../support/chromium-suite.js";
import { logIn } from "../../support/login.js";

const env = inChromium(() => startServer());

async function userPage(email: string, path: string): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const errors = watchErrors(page);
  await logIn(page, env.server.url, email, undefined, path);
  return { context, page, errors };
}

const titles = (page: Page) => page.locator("#todos li .title").allTextContents();
const item = (page: Page, title: string) => page.locator("#todos li", { has: page.locator(".title", { hasText: title }) });

describe("todos with two users in Chromium", () => {
  it("shows each add, toggle, edit and delete to the other user, and persists them", async () => {
    const alice = await userPage("alice@example.com", "/todos");
    const bob = await userPage("bob@example.com", "/todos");

    await alice.page.getByLabel("New todo").fill("Water the plants");
    await alice.page.getByRole("button", { name: "Add" }).click();
    await alice.page.getByLabel("New todo").fill("Call the plumber");
    await alice.page.getByRole("button", { name: "Add" }).click();
    await expect.poll(() => titles(alice.page)).toEqual(["Water the plants", "Call the plumber"]);
    await expect.poll(() => titles(bob.page)).toEqual(["Water the plants", "Call the plumber"]);
    expect(await alice.page.getByLabel("New todo").inputValue()).toBe("");

    // toggle
    await item(alice.page, "Water the plants").getByRole("checkbox").click();
    await expect.poll(() => item(bob.page, "Water the plants").getByRole("checkbox").isChecked()).toBe(true);

    // edit inline
    await item(bob.page, "Call the plumber").getByRole("button", { name: "Edit" }).click();
    const edit = bob.page.locator("#todos form");
    await edit.getByLabel("Title").fill("Call the electrician");
    await edit.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => titles(alice.page)).toEqual(["Water the plants", "Call the electrician"]);
    await expect.poll(() => titles(bob.page)).toEqual(["Water the plants", "Call the electrician"]);

    // errors store nothing
    await alice.page.getByLabel("New todo").fill("x".repeat(201));
    await alice.page.getByRole("button", { name: "Add" }).click();
    await expect.poll(() => alice.page.locator("#todo_title_error").textContent()).toBe("should be at most 200 characters");

    // delete, confirmed in the dialog
    await item(alice.page, "Water the plants").getByRole("button", { name: "Delete" }).click();
    await alice.page.getByRole("dialog", { name: "Delete “Water the plants”?" }).getByRole("button", { name: "Delete" }).click();
    await expect.poll(() => titles(bob.page)).toEqual(["Call the electrician"]);
    await expect.poll(() => titles(alice.page)).toEqual(["Call the electrician"]);

    // a reload shows what was committed
    await bob.page.reload();
    await connected(bob.page);
    expect(await titles(bob.page)).toEqual(["Call the electrician"]);
    expect(await item(bob.page, "Call the electrician").getByRole("checkbox").isChecked()).toBe(false);

    expect(alice.errors).toEqual([]);
    expect(bob.errors).toEqual([]);
    await alice.context.close();
    await bob.context.close();
  });

  it("asks in a dialog before deleting: no frame until its Delete, Esc and Cancel close it, focus comes back", async () => {
    const alice = await userPage("alice@example.com", "/todos");
    const frames: string[] = [];
    alice.page.on("websocket", (ws) =>
      // the views' frames: not heartbeats, nor the browser-signals channel's batches
      ws.on("framesent", (f) => void (String(f.payload).includes('"lv:') && frames.push(String(f.payload)))),
    );
    await alice.page.getByLabel("New todo").fill("Feed the cat");
    await alice.page.getByRole("button", { name: "Add" }).click();
    await expect.poll(() => titles(alice.page)).toContain("Feed the cat");
    // the socket existed before this listener: reload so its frames are seen
    await alice.page.reload();
    await connected(alice.page);

    const opener = item(alice.page, "Feed the cat").getByRole("button", { name: "Delete" });
    const dialog = alice.page.getByRole("dialog", { name: "Delete “Feed the cat”?" });
    const sent = frames.length;
    await opener.click();
    await dialog.waitFor({ state: "visible" });
    await expect.poll(() => alice.page.evaluate(() => document.activeElement?.textContent)).toBe("Cancel");
    await alice.page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    await expect.poll(() => opener.evaluate((el) => el === document.activeElement)).toBe(true);

    await opener.click();
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "hidden" });
    expect(frames.length).toBe(sent);
    expect(await titles(alice.page)).toContain("Feed the cat");

    await opener.click();
    await dialog.getByRole("button", { name: "Delete" }).click();
    await expect.poll(() => titles(alice.page)).not.toContain("Feed the cat");
    expect(frames.slice(sent).some((f) => f.includes('"delete"'))).toBe(true);
    expect(alice.errors).toEqual([]);
    await alice.context.close();
  });

  it("keeps a private todo to its owner", async () => {
    const alice = await userPage("alice@example.com", "/todos");
    const bob = await userPage("bob@example.com", "/todos");
    await alice.page.getByLabel("New todo").fill("Surprise party for Bob");
    await alice.page.getByLabel("Private").check();
    await alice.page.getByRole("button", { name: "Add" }).click();
    await expect.poll(() => titles(alice.page)).toContain("Surprise party for Bob");
    await alice.page.getByLabel("New todo").fill("Public note");
    await alice.page.getByRole("button", { name: "Add" }).click();
    await expect.poll(() => titles(bob.page)).toContain("Public note");
    expect(await titles(bob.page)).not.toContain("Surprise party for Bob");
    await bob.page.reload();
    await connected(bob.page);
    expect(await titles(bob.page)).not.toContain("Surprise party for Bob");
    await alice.context.close();
    await bob.context.close();
  });
});

describe("chat in Chromium", () => {
  it("delivers messages to everyone in the room, as text", async () => {
    const alice = await userPage("alice@example.com", "/chat/garden");
    const bob = await userPage("bob@example.com", "/chat/garden");
    await alice.page.getByLabel("Message").fill("<b>hello</b> bob");
    await alice.page.getByRole("button", { name: "Send" }).click();
    await expect.poll(() => bob.page.locator("#messages .body").allTextContents()).toEqual(["<b>hello</b> bob"]);
    expect(await bob.page.locator("#messages b").count()).toBe(0);
    // only the author sees a Delete button; deleting removes it for everyone
    expect(await bob.page.locator("#messages button").count()).toBe(0);
    await alice.page.locator("#messages").getByRole("button", { name: "Delete message" }).click();
    await expect.poll(() => bob.page.locator("#messages .body").count()).toBe(0);
    expect(alice.errors).toEqual([]);
    expect(bob.errors).toEqual([]);
    await alice.context.close();
    await bob.context.close();
  });
});
