/**
 * The demo's development mode (npm run dev) in Chromium: the demo served by Lagoon's dev
 * server (Vite in the same Node server), React in development mode (so hydration
 * mismatches would warn), hot reload of an edited island that keeps the live view's state,
 * an edited view that remounts connected pages with their forms, and the /__islands
 * gallery of the demo's islands. (A new app's npm run dev: tests/package/create.test.ts.)
 */
import { mkdtempSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { createApp } from "../../../app/server.js";
import { devAssets } from "lagoon/server";
import { startAppProcess, type AppProcess } from "../../support/app-process.js";
import { connected, islandReady, launchBrowser, watchProblems } from "../../support/browser.js";
import { freePort } from "../../support/ports.js";

let dir: string;
let dev: AppProcess;
let browser: Browser;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "lagoon-dev-"));
  // npm run dev as its own process, on a free port and a database in the temporary folder
  const env = { PORT: String(await freePort()), LAGOON_DB: join(dir, "lagoon.db"), LAGOON_SECRET: randomBytes(32).toString("hex") };
  [dev, browser] = await Promise.all([startAppProcess(env, [], "app/dev.ts"), launchBrowser()]);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await dev?.kill();
  rmSync(dir, { recursive: true, force: true });
});

/** Replaces a source file's text in one step (other test processes may read it meanwhile). */
function swap(file: string, text: string): void {
  writeFileSync(file + ".tmp", text);
  renameSync(file + ".tmp", file);
}

async function open(path: string): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage();
  const problems = watchProblems(page);
  await page.goto(dev.url + path);
  await connected(page);
  return { page, problems };
}

describe("npm run dev in Chromium", () => {
  it("serves pages with Vite's modules, and React hydrates the island without warnings", async () => {
    const { page, problems } = await open("/islands");
    await islandReady(page, "tally");
    expect(await page.evaluate(() => !!document.querySelector("script[src='/@vite/client']"))).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("hot-reloads an edited island in place: the live view and the island keep their state", async () => {
    const file = join(process.cwd(), "app/react-islands/tally.tsx");
    const original = readFileSync(file, "utf8");
    const { mtime } = statSync(file);
    const write = (text: string) => swap(file, text);
    const { page, problems } = await open("/islands");
    try {
      await islandReady(page, "tally");
      await page.getByRole("button", { name: "+1 from the server" }).click();
      await page.getByRole("button", { name: "+1 from the server" }).click();
      await page.waitForFunction(() => document.querySelector("#server-count")?.textContent === "Server count: 2");
      await page.fill("#tally input[type=number]", "3");
      await page.evaluate(() => ((window as any).__sameDocument = true));

      expect(original).toContain('Step{" "}');
      write(original.replace('Step{" "}', 'Step size{" "}'));
      await page.waitForFunction(() => document.querySelector("#tally label")?.textContent?.startsWith("Step size"), null, {
        timeout: 20_000,
      });
      expect(await page.evaluate(() => (window as any).__sameDocument)).toBe(true);
      expect(await page.textContent("#server-count")).toBe("Server count: 2");
      expect(await page.textContent("#tally .tally-count")).toBe("2");
      expect(await page.inputValue("#tally input[type=number]")).toBe("3");
      await page.getByRole("button", { name: "Add 3" }).click();
      await page.waitForFunction(() => document.querySelector("#server-count")?.textContent === "Server count: 5");

      // the server renders the edited island too, once it has reloaded it: a fresh page hydrates without a mismatch
      await expect
        .poll(async () => (await (await fetch(dev.url + "/islands", { headers: { accept: "text/html" } })).text()).includes("Step size"), {
          timeout: 20_000,
        })
        .toBe(true);
      const fresh = await open("/islands");
      expect(await fresh.page.textContent("#tally label")).toMatch(/^Step size/);
      await islandReady(fresh.page, "tally");
      expect(fresh.problems).toEqual([]);
      await fresh.page.close();
    } finally {
      write(original);
      utimesSync(file, mtime, mtime);
    }
    await page.waitForFunction(() => /^Step\s/.test(document.querySelector("#tally label")?.textContent ?? ""), null, { timeout: 20_000 });
    // and the server's copy is back too
    await expect
      .poll(async () => (await (await fetch(dev.url + "/islands", { headers: { accept: "text/html" } })).text()).includes("Step size"), {
        timeout: 20_000,
      })
      .toBe(false);
    expect(problems.filter((p) => !p.includes("[vite]"))).toEqual([]);
    await page.close();
  }, 90_000);

  it("/__islands renders every island's samples, logs what they emit and sends commands", async () => {
    const { page, problems } = await open("/__islands");
    expect(await page.locator(".gallery-island > h2").allTextContents()).toEqual(["Board", "Tally", "TelemetryCharts"]);
    expect(await page.locator(".gallery-sample h3").allTextContents()).toEqual([
      "a few cards",
      "empty",
      "apples",
      "hostile label",
      "a quiet minute",
      "empty",
    ]);
    // the board hydrates in React's development build without warnings (dnd-kit's ids are stable)
    await page.waitForFunction(() => document.querySelector("#Board-sample-0 .board-handle")?.getAttribute("aria-disabled") === "false");
    // the hostile sample's label is text, not markup
    expect(await page.textContent("#Tally-sample-1 h2")).toBe(`</script><b>"quoted" & 'apostrophes'</b> ünïcødé 🌊: 0`);
    await islandReady(page, "Tally-sample-0");
    await page.locator("#Tally-sample-0").getByRole("button", { name: "Add 1" }).click();
    await page.waitForFunction(() => document.querySelector("#gallery-log li")?.textContent?.includes('Tally-sample-0 add {"by":1}'));

    const tally = page.locator("section[aria-label=Tally]");
    await tally.locator("select[name=island]").selectOption("Tally-sample-1");
    await tally.locator("textarea[name=payload]").fill('{"message":"from the gallery"}');
    await tally.getByRole("button", { name: "Send command" }).click();
    await page.waitForFunction(() => document.querySelector("#Tally-sample-1 .tally-flashes li")?.textContent === "from the gallery");
    await tally.locator("textarea[name=payload]").fill('{"message":42}');
    await tally.getByRole("button", { name: "Send command" }).click();
    await page.waitForFunction(() => document.querySelector("#gallery-log li")?.textContent?.includes("refused by the contract"));
    // an event with a reply gets the contract's sample reply
    await page.locator("#Tally-sample-0 input:not([type=number])").fill("Plums");
    await page.locator("#Tally-sample-0").getByRole("button", { name: "Rename" }).click();
    await page.waitForFunction(
      () => document.querySelector("#Tally-sample-0 .tally-note")?.textContent === "Renamed to Plums (5 characters)",
    );
    // the props editor: new props reach the island, which keeps its React state
    await page.fill("#Tally-sample-0 input[type=number]", "3");
    await page.locator("#Tally-sample-0-props textarea").fill('{"count": 9, "label": "Nine"}');
    await page.locator("#Tally-sample-0-props").getByRole("button", { name: "Apply props" }).click();
    await page.waitForFunction(() => document.querySelector("#Tally-sample-0 .tally-count")?.textContent === "9");
    expect(await page.inputValue("#Tally-sample-0 input[type=number]")).toBe("3");
    await page.locator("#Tally-sample-0-props textarea").fill('{"count": "nine"}');
    await page.locator("#Tally-sample-0-props").getByRole("button", { name: "Apply props" }).click();
    await page.locator("#Tally-sample-0-props .gallery-error").waitFor();
    expect(await page.textContent("#Tally-sample-0 .tally-count")).toBe("9");
    // the dashboard's charts (Recharts) draw their sample in the development build, warning-free
    await page.locator("#TelemetryCharts-sample-0").scrollIntoViewIfNeeded();
    await page.locator("#TelemetryCharts-sample-0 .chart-events .recharts-line-curve").waitFor();
    expect(problems).toEqual([]);
    await page.close();
  }, 90_000);

  it("takes an edited contract on the server without a restart: the view and the gallery check with it", async () => {
    const file = join(process.cwd(), "app/react-islands/tally.contract.ts");
    const original = readFileSync(file, "utf8");
    const { mtime } = statSync(file);
    const page = await browser.newPage();
    /** Emits Tally:add with `by` 15 from the island `id` of `path`, as a forged push would; the refusal's reason, or "ok". */
    const addFifteen = async (path: string, id: string) => {
      await page.goto(dev.url + path);
      await connected(page);
      return page.evaluate(async (id) => {
        const hook = (window as any).liveSocket.main.getHook(document.getElementById(id));
        const reply = await hook.pushEvent("Tally:add", { id, payload: { by: 15 } });
        return reply?.error?.reason ?? "ok";
      }, id);
    };
    expect(await addFifteen("/islands", "tally")).toBe("invalid_params");
    expect(original).toContain("by: z.int().check(z.minimum(1), z.maximum(10))");
    try {
      swap(file, original.replace("z.maximum(10)", "z.maximum(20)"));
      await expect.poll(() => addFifteen("/islands", "tally"), { timeout: 30_000 }).toBe("ok");
      expect(await addFifteen("/__islands", "Tally-sample-0")).toBe("ok");
    } finally {
      swap(file, original);
      utimesSync(file, mtime, mtime);
    }
    await expect.poll(() => addFifteen("/islands", "tally"), { timeout: 30_000 }).toBe("invalid_params");
    expect(await addFifteen("/__islands", "Tally-sample-0")).toBe("invalid_params");
    await page.close();
  }, 120_000);

  it("reloads an edited view: the open page remounts it with the new code and keeps what was typed", async () => {
    const file = join(process.cwd(), "app/views/register.ts");
    const original = readFileSync(file, "utf8");
    const { mtime } = statSync(file);
    const { page, problems } = await open("/register");
    try {
      await page.getByLabel("Name").fill("Ada");
      await page.evaluate(() => ((window as any).__sameDocument = true));
      expect(original).toContain("<h1>Create an account</h1>");
      swap(file, original.replace("<h1>Create an account</h1>", "<h1>Join the lagoon</h1>"));
      await page.waitForFunction(() => document.querySelector("main h1")?.textContent === "Join the lagoon", null, { timeout: 20_000 });
      await connected(page);
      expect(await page.evaluate(() => (window as any).__sameDocument)).toBe(true);
      expect(await page.getByLabel("Name").inputValue()).toBe("Ada");
    } finally {
      swap(file, original);
      utimesSync(file, mtime, mtime);
    }
    await page.waitForFunction(() => document.querySelector("main h1")?.textContent === "Create an account", null, { timeout: 20_000 });
    expect(problems.filter((p) => !p.includes("[vite]") && !p.includes("WebSocket"))).toEqual([]);
    await page.close();
  }, 90_000);

  it("is development only: the production app has no /__islands", async () => {
    const production = await createApp({ secret: randomBytes(32).toString("hex"), db: ":memory:", assets: devAssets() });
    const res = await production.lagoon.app.request("/__islands");
    expect(res.status).toBe(404);
    await production.close();
  });
});
