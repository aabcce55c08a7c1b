/**
 * Two Lagoon processes on one database and one Redis, a browser on each: a todo added on
 * one appears on the other, chat presence lists both users, and after Redis is stopped for
 * a few seconds and started again, the next broadcast still arrives.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, watchErrors } from "../support/browser.js";
import { logIn } from "../support/login.js";
import { startAppProcess, type AppProcess } from "../support/app-process.js";
import { freePort } from "../support/ports.js";
import { startRedis, type TestRedis } from "../support/redis.js";

let redis: TestRedis;
let browser: Browser;
let dir: string;
const apps: AppProcess[] = [];
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "lagoon-scale-"));
  [redis, browser] = await Promise.all([startRedis(), launchBrowser()]);
  const env = { LAGOON_DB: join(dir, "lagoon.db"), LAGOON_SECRET: randomBytes(32).toString("hex"), LAGOON_REDIS_URL: redis.url };
  // the first process creates and seeds the database; the second opens it
  apps.push(await startAppProcess({ ...env, PORT: String(await freePort()) }));
  apps.push(await startAppProcess({ ...env, PORT: String(await freePort()) }));
}, 60_000);
afterAll(async () => {
  await Promise.all(apps.map((a) => a.kill()));
  await browser?.close();
  await redis?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const titles = (page: Page) => page.locator("#todos li .title").allTextContents();

async function userOn(app: AppProcess, email: string, path: string): Promise<{ page: Page; errors: string[] }> {
  const page = await (await browser.newContext()).newPage();
  const errors = watchErrors(page);
  await logIn(page, app.url, email, undefined, path);
  return { page, errors };
}

async function addTodo(page: Page, title: string): Promise<void> {
  await page.getByLabel("New todo").fill(title);
  await page.getByRole("button", { name: "Add" }).click();
}

describe("two processes over Redis", () => {
  it("shares todos and presence, and survives a Redis restart", async () => {
    const alice = await userOn(apps[0]!, "alice@example.com", "/todos");
    const bob = await userOn(apps[1]!, "bob@example.com", "/todos");
    await addTodo(alice.page, "from process one");
    await expect.poll(() => titles(bob.page), { timeout: 10_000 }).toContain("from process one");
    await addTodo(bob.page, "from process two");
    await expect.poll(() => titles(alice.page), { timeout: 10_000 }).toContain("from process two");

    // presence in a chat room, one user per process
    const aliceChat = await userOn(apps[0]!, "alice@example.com", "/chat/lobby");
    const bobChat = await userOn(apps[1]!, "bob@example.com", "/chat/lobby");
    const present = (page: Page) => page.locator("#present li").allTextContents();
    await expect.poll(() => present(aliceChat.page), { timeout: 10_000 }).toEqual(["Alice", "Bob"]);
    await expect.poll(() => present(bobChat.page), { timeout: 10_000 }).toEqual(["Alice", "Bob"]);
    // leaving is seen across processes too
    await bobChat.page.close();
    await expect.poll(() => present(aliceChat.page), { timeout: 10_000 }).toEqual(["Alice"]);

    // Redis away for a few seconds: pages stay up; after it is back, broadcasts arrive
    await redis.stop();
    await new Promise((r) => setTimeout(r, 3000));
    await redis.start();
    await addTodo(alice.page, "after the outage");
    await expect.poll(() => titles(bob.page), { timeout: 15_000 }).toContain("after the outage");
    await addTodo(bob.page, "and back again");
    await expect.poll(() => titles(alice.page), { timeout: 15_000 }).toContain("and back again");

    expect(alice.errors).toEqual([]);
    expect(bob.errors).toEqual([]);
  }, 90_000);
});
