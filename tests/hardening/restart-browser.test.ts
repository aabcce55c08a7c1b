/**
 * kill -9 the demo server while browsers are connected and a form is half filled, start it
 * again on the same port, database and secret: the pages rejoin by themselves (no reload),
 * the form's values come back through the client's form recovery, and every todo
 * committed before the kill is still there.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { connected, launchBrowser } from "../support/browser.js";
import { logIn } from "../support/login.js";
import { startAppProcess, type AppProcess } from "../support/app-process.js";
import { freePort } from "../support/ports.js";

let browser: Browser;
let dir: string;
let child: AppProcess | undefined;
beforeAll(async () => {
  browser = await launchBrowser();
  dir = mkdtempSync(join(tmpdir(), "lagoon-restart-"));
});
afterAll(async () => {
  await child?.kill();
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** `npm start`'s entry point on `port`, on this test's database file. */
const startApp = (port: number, secret: string) =>
  startAppProcess({ PORT: String(port), LAGOON_DB: join(dir, "lagoon.db"), LAGOON_SECRET: secret });

const titles = (page: Page) => page.locator("#todos li .title").allTextContents();

describe("kill -9 and restart", () => {
  it("rejoins with backoff, recovers the half-filled form and keeps committed todos", async () => {
    const port = await freePort();
    const secret = randomBytes(32).toString("hex");
    const url = `http://127.0.0.1:${port}`;
    child = await startApp(port, secret);

    const todosPage = await (await browser.newContext()).newPage();
    await logIn(todosPage, url, "alice@example.com");
    for (const title of ["first", "second", "third"]) {
      await todosPage.getByLabel("New todo").fill(title);
      await todosPage.getByRole("button", { name: "Add" }).click();
      await expect.poll(() => titles(todosPage)).toContain(title);
    }

    const formPage = await (await browser.newContext()).newPage();
    let loads = 0;
    formPage.on("load", () => loads++);
    await formPage.goto(url + "/register");
    await connected(formPage);
    await formPage.getByLabel("Name").fill("Erin");
    await formPage.getByLabel("Email").fill("erin@");
    await expect.poll(() => formPage.locator("#user_email_error").textContent()).toBe("must be a valid email");

    await child.kill();
    await formPage.waitForSelector("[data-phx-main]:not(.phx-connected)", { timeout: 10_000 });
    child = await startApp(port, secret);

    // both pages come back on their own, without a reload
    await formPage.waitForSelector("[data-phx-main].phx-connected", { timeout: 30_000 });
    await todosPage.waitForSelector("[data-phx-main].phx-connected", { timeout: 30_000 });
    expect(loads).toBe(1);
    // the fresh view got the form back from the client and validated it again
    await expect.poll(() => formPage.locator("#user_email_error").textContent(), { timeout: 10_000 }).toBe("must be a valid email");
    expect(await formPage.getByLabel("Name").inputValue()).toBe("Erin");
    expect(await formPage.getByLabel("Email").inputValue()).toBe("erin@");
    await formPage.getByLabel("Email").fill("erin@example.com");
    await formPage.getByLabel("Password").fill("a long enough password");
    await formPage.getByRole("button", { name: "Create Account" }).click();
    await formPage.waitForURL(url + "/login");

    // every committed todo survived, live and after a reload
    expect(await titles(todosPage)).toEqual(["first", "second", "third"]);
    await todosPage.reload();
    await connected(todosPage);
    expect(await titles(todosPage)).toEqual(["first", "second", "third"]);
    // two app starts and a jittered reconnect: tens of seconds on a loaded machine
  }, 120_000);
});
