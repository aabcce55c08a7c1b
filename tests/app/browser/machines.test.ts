/**
 * Several machines: two demo processes (standing in for two machines) on one Postgres and
 * one Redis, behind a load balancer, with a browser on each. Both users see the same data
 * and each other's changes live; kill -9 one process and the other keeps serving: its
 * user's page never drops, and the dead one's page reconnects through the balancer to the
 * survivor, without a reload, with nothing committed lost.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import pg from "pg";
import { connected, launchBrowser, watchErrors } from "../../support/browser.js";
import { startAppProcess, type AppProcess } from "../../support/app-process.js";
import { startBalancer, type Balancer } from "../../support/balancer.js";
import { httpLogIn } from "../../support/login.js";
import { freePort } from "../../support/ports.js";
import { startPostgres, type TestPostgres } from "../../support/postgres.js";
import { startRedis, type TestRedis } from "../../support/redis.js";

let postgres: TestPostgres;
let redis: TestRedis;
let browser: Browser;
let databaseUrl: string;
const apps: AppProcess[] = [];
let balancer: Balancer | undefined;

beforeAll(async () => {
  [postgres, redis, browser] = await Promise.all([startPostgres(), startRedis(), launchBrowser()]);
  databaseUrl = await postgres.createDatabase();
});
afterAll(async () => {
  await balancer?.close();
  await Promise.all(apps.map((a) => a.kill()));
  await browser?.close();
  await redis?.stop();
  await postgres?.stop();
});

const titles = (page: Page) => page.locator("#todos li .title").allTextContents();

/** A browser context logged in as `email` (through the balancer), on /todos. */
async function userPage(email: string): Promise<{ context: BrowserContext; page: Page; loads: () => number; errors: string[] }> {
  const cookie = await httpLogIn(balancer!.url, email);
  const context = await browser.newContext();
  await context.addCookies(
    cookie.split("; ").map((pair) => {
      const at = pair.indexOf("=");
      return { name: pair.slice(0, at), value: pair.slice(at + 1), url: balancer!.url };
    }),
  );
  const page = await context.newPage();
  let loads = 0;
  page.on("load", () => loads++);
  const errors = watchErrors(page);
  await page.goto(balancer!.url + "/todos");
  await connected(page);
  return { context, page, loads: () => loads, errors };
}

async function add(page: Page, title: string): Promise<void> {
  await page.getByLabel("New todo").fill(title);
  await page.getByRole("button", { name: "Add" }).click();
  await expect.poll(() => titles(page)).toContain(title);
}

describe("two app processes on Postgres and Redis behind a load balancer", () => {
  it("share data and live updates, and survive kill -9 of one: its pages reconnect to the other", async () => {
    const secret = randomBytes(32).toString("hex");
    const ports = [await freePort(), await freePort()];
    // started together: they race to migrate the empty database, and one does
    apps.push(
      ...(await Promise.all(
        ports.map((port) =>
          startAppProcess({ PORT: String(port), DATABASE_URL: databaseUrl, LAGOON_REDIS_URL: redis.url, LAGOON_SECRET: secret }),
        ),
      )),
    );
    balancer = await startBalancer(ports);

    balancer.prefer(0);
    const alice = await userPage("alice@example.com");
    balancer.prefer(1);
    const bob = await userPage("bob@example.com");
    // each page's live socket is on its own process
    expect(balancer.connections(0)).toBeGreaterThan(0);
    expect(balancer.connections(1)).toBeGreaterThan(0);

    // the same data and each other's changes, across processes
    await add(alice.page, "Book the ferry");
    await expect.poll(() => titles(bob.page)).toEqual(["Book the ferry"]);
    await add(bob.page, "Pack the tent");
    await expect.poll(() => titles(alice.page)).toEqual(["Book the ferry", "Pack the tent"]);

    // alice's machine dies
    await apps[0]!.kill();
    await alice.page.waitForSelector("[data-phx-main]:not(.phx-connected)", { timeout: 10_000 });
    // bob's keeps serving meanwhile
    await add(bob.page, "Buy sunscreen");
    // alice's page comes back through the balancer, on bob's process, without a reload
    await alice.page.waitForSelector("[data-phx-main].phx-connected", { timeout: 30_000 });
    expect(balancer.connections(0)).toBe(0);
    await expect.poll(() => titles(alice.page)).toEqual(["Book the ferry", "Pack the tent", "Buy sunscreen"]);
    await add(alice.page, "Check the weather");
    await expect.poll(() => titles(bob.page)).toEqual(["Book the ferry", "Pack the tent", "Buy sunscreen", "Check the weather"]);
    expect(alice.loads()).toBe(1);
    expect(bob.loads()).toBe(1);
    expect(bob.errors).toEqual([]);

    // nothing committed was lost
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query("select title from todos order by id");
      expect(rows.map((r) => r.title)).toEqual(["Book the ferry", "Pack the tent", "Buy sunscreen", "Check the weather"]);
      const { rows: migrated } = await db.query("select count(*)::int as n from schema_migrations where id = '0002_seed'");
      expect(migrated[0].n).toBe(1);
    } finally {
      await db.end();
    }
    await alice.context.close();
    await bob.context.close();
    // three app starts' worth of Chromium, Postgres and Redis on a loaded machine
  }, 120_000);
});
