/**
 * Two fixture server processes on one Redis behind a load balancer, a browser page on
 * each: what is said on one reaches the other, presence lists both, a Redis restart loses
 * no later broadcast, and after kill -9 of one process its page reconnects through the
 * balancer to the other, without a reload, and is live there.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { connected, launchBrowser, watchErrors } from "../support/browser.js";
import { startFixtureProcess, type AppProcess } from "../support/app-process.js";
import { startBalancer, type Balancer } from "../support/balancer.js";
import { freePort } from "../support/ports.js";
import { startRedis, type TestRedis } from "../support/redis.js";

let redis: TestRedis;
let browser: Browser;
let balancer: Balancer;
const processes: AppProcess[] = [];
beforeAll(async () => {
  [redis, browser] = await Promise.all([startRedis(), launchBrowser()]);
  const env = { LAGOON_SECRET: randomBytes(32).toString("hex"), LAGOON_REDIS_URL: redis.url };
  const ports = [await freePort(), await freePort()];
  processes.push(...(await Promise.all(ports.map((port) => startFixtureProcess("rooms#roomRoutes", { ...env, PORT: String(port) })))));
  balancer = await startBalancer(ports);
}, 60_000);
afterAll(async () => {
  await balancer?.close();
  await Promise.all(processes.map((p) => p.kill()));
  await browser?.close();
  await redis?.stop();
});

interface Member {
  page: Page;
  errors: string[];
  loads: () => number;
}

/** `name` in the room through the balancer, on process `index`. */
async function join(name: string, index: number): Promise<Member> {
  balancer.prefer(index);
  const page = await (await browser.newContext()).newPage();
  const errors = watchErrors(page);
  let loads = 0;
  page.on("load", () => loads++);
  await page.goto(`${balancer.url}/room?name=${name}`);
  await connected(page);
  return { page, errors, loads: () => loads };
}

async function say(member: Member, text: string): Promise<void> {
  await member.page.getByLabel("Line").fill(text);
  await member.page.getByRole("button", { name: "Say" }).click();
}

const lines = (member: Member) => member.page.locator("#lines li").allTextContents();
const present = (member: Member) => member.page.locator("#present li").allTextContents();

describe("two processes over Redis behind a balancer", () => {
  it("share broadcasts and presence, survive a Redis restart, and take over a killed one's pages", async () => {
    const alice = await join("Alice", 0);
    const bob = await join("Bob", 1);
    // each page's live socket is on its own process
    expect(balancer.connections(0)).toBeGreaterThan(0);
    expect(balancer.connections(1)).toBeGreaterThan(0);

    await say(alice, "from process one");
    await expect.poll(() => lines(bob), { timeout: 10_000 }).toEqual(["Alice: from process one"]);
    await say(bob, "from process two");
    await expect.poll(() => lines(alice), { timeout: 10_000 }).toEqual(["Alice: from process one", "Bob: from process two"]);

    // presence, one user per process; leaving is seen across processes too
    await expect.poll(() => present(alice), { timeout: 10_000 }).toEqual(["Alice", "Bob"]);
    const carol = await join("Carol", 1);
    await expect.poll(() => present(alice), { timeout: 10_000 }).toEqual(["Alice", "Bob", "Carol"]);
    await carol.page.context().close();
    await expect.poll(() => present(alice), { timeout: 10_000 }).toEqual(["Alice", "Bob"]);

    // Redis away for a few seconds: pages stay up; after it is back, broadcasts arrive
    await redis.stop();
    await new Promise((r) => setTimeout(r, 3000));
    await redis.start();
    await say(alice, "after the outage");
    await expect.poll(() => lines(bob), { timeout: 15_000 }).toContain("Alice: after the outage");

    // alice's process dies: her page comes back through the balancer, on bob's process, without a reload
    await processes[0]!.kill();
    await alice.page.waitForSelector("[data-phx-main]:not(.phx-connected)", { timeout: 10_000 });
    await alice.page.waitForSelector("[data-phx-main].phx-connected", { timeout: 30_000 });
    expect(balancer.connections(0)).toBe(0);
    await say(alice, "from process two now");
    await expect.poll(() => lines(bob), { timeout: 10_000 }).toContain("Alice: from process two now");
    expect(alice.loads()).toBe(1);
    expect(bob.loads()).toBe(1);
    expect(bob.errors).toEqual([]);
    // reconnect attempts made while alice's process was gone may be logged by the browser; nothing else
    expect(alice.errors.filter((e) => !/WebSocket|ERR_CONNECTION/i.test(e))).toEqual([]);
    // two process starts, Redis twice and a jittered reconnect: tens of seconds on a loaded machine
  }, 120_000);
});
