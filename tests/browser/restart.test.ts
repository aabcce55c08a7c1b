/**
 * kill -9 the server (a fixture server in its own process) while browsers are connected
 * and a form is half filled, start it again on the same port and secret: the pages rejoin
 * by themselves (no reload), and the form's values come back through the client's form
 * recovery, validated again by the fresh view.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { connected, launchBrowser, watchErrors } from "../support/browser.js";
import { startFixtureProcess, type AppProcess } from "../support/app-process.js";
import { freePort } from "../support/ports.js";

let browser: Browser;
let child: AppProcess | undefined;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await child?.kill();
  await browser?.close();
});

const start = (port: number, secret: string) => startFixtureProcess("forms#formRoutes", { PORT: String(port), LAGOON_SECRET: secret });

async function open(url: string): Promise<{ page: Page; loads: () => number }> {
  const page = await (await browser.newContext()).newPage();
  let loads = 0;
  page.on("load", () => loads++);
  await page.goto(url);
  await connected(page);
  return { page, loads: () => loads };
}

const emailError = (page: Page) => page.locator("#user_email_error").textContent();

describe("kill -9 and restart", () => {
  it("rejoins with backoff and recovers the half-filled form", async () => {
    const port = await freePort();
    const secret = randomBytes(32).toString("hex");
    const url = `http://127.0.0.1:${port}/signup`;
    child = await start(port, secret);

    const form = await open(url);
    const idle = await open(url);
    const errors = watchErrors(form.page);
    await form.page.getByLabel("Name").fill("Erin");
    await form.page.getByLabel("Email").fill("erin@");
    await expect.poll(() => emailError(form.page)).toBe("must be a valid email");

    await child.kill();
    for (const { page } of [form, idle]) await page.waitForSelector("[data-phx-main]:not(.phx-connected)", { timeout: 10_000 });
    child = await start(port, secret);

    // both pages come back on their own, without a reload
    for (const { page, loads } of [form, idle]) {
      await page.waitForSelector("[data-phx-main].phx-connected", { timeout: 30_000 });
      expect(loads()).toBe(1);
    }
    // the fresh view got the form back from the client and validated it again
    await expect.poll(() => emailError(form.page), { timeout: 10_000 }).toBe("must be a valid email");
    expect(await form.page.getByLabel("Name").inputValue()).toBe("Erin");
    expect(await form.page.getByLabel("Email").inputValue()).toBe("erin@");
    await form.page.getByLabel("Email").fill("erin@example.com");
    await form.page.getByRole("button", { name: "Sign up" }).click();
    await expect.poll(() => form.page.locator("#saved li").allTextContents()).toEqual(["Erin"]);
    // reconnect attempts made while the server was down may be logged by the browser; nothing else
    expect(errors.filter((e) => !/WebSocket|ERR_CONNECTION_REFUSED/i.test(e))).toEqual([]);
    // two server starts and a jittered reconnect: tens of seconds on a loaded machine
  }, 120_000);
});
