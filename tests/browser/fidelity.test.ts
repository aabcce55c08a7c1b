/**
 * The official client is never left stuck: refused events release what the user touched,
 * refused form recovery completes, unsafe navigation never reaches the page, and connected
 * mounts see the browser's connect params and static tracking.
 */
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { manifestAssets } from "../../server/index.js";
import { connected, watchErrors } from "../support/browser.js";
import { inChromium } from "../support/chromium-suite.js";
import { startFixtureServer } from "../support/fixture-server.js";
import { fidelityRoutes } from "../support/views/fidelity.js";

const SECRET = randomBytes(32).toString("hex");
const env = inChromium(() => startFixtureServer(fidelityRoutes(), { secret: SECRET }));

async function open(path: string, timezoneId?: string): Promise<{ page: Page; errors: string[]; frames: string[] }> {
  const context = await env.browser.newContext(timezoneId ? { timezoneId } : {});
  const page = await context.newPage();
  const errors = watchErrors(page);
  const frames: string[] = [];
  page.on("websocket", (ws) => ws.on("framereceived", (f) => frames.push(String(f.payload))));
  await page.goto(env.server.url + path);
  await connected(page);
  return { page, errors, frames };
}

/** Nothing on the page is still waiting for a reply. */
const stuck = (page: Page) =>
  page.$$eval("*", (els) =>
    els
      .filter((e) => e.hasAttribute("data-phx-ref-src") || /phx-(click|submit|change)-loading/.test(e.className))
      .map((e) => e.id || e.tagName),
  );

describe("refused events in Chromium", () => {
  it("releases a phx-disable-with button after each kind of refusal, and the next click works", async () => {
    const { page, errors } = await open("/refusals");
    for (const [id, text] of [
      ["reject", "Reject"],
      ["invalid", "Invalid"],
      ["unknown", "Unknown"],
      ["jam", "Jam"],
    ] as const) {
      await page.click(`#${id}`);
      await expect.poll(() => page.textContent(`#${id}`), { message: id }).toBe(text);
      await expect.poll(() => page.isDisabled(`#${id}`), { message: id }).toBe(false);
      expect(await stuck(page), id).toEqual([]);
    }
    await page.click("#ok");
    await expect.poll(() => page.textContent("#clicks")).toBe("clicks: 1");
    await page.click("#turn");
    await expect.poll(() => page.textContent("#turns")).toBe("turns: 1");
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("releases a refused form submit: inputs writable, button enabled with its own text", async () => {
    const { page, errors } = await open("/refusals");
    await page.click("#save");
    await expect.poll(() => stuck(page)).toEqual([]);
    expect(await page.textContent("#save")).toBe("Save");
    expect(await page.isDisabled("#save")).toBe(false);
    expect(await page.getAttribute("#title", "readonly")).toBeNull();
    await page.fill("#title", "Groceries");
    await page.click("#save");
    await expect.poll(() => page.textContent("#saved")).toBe("saved: Groceries");
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("resolves a hook's pushEvent with the refusal's reason and message", async () => {
    const { page } = await open("/refusals");
    const reply = await page.evaluate(() => {
      const view = (window as any).liveSocket.main;
      return view.pushHookEvent(document.getElementById("clicks"), null, "hooked", {}).then((r: { reply: unknown }) => r.reply);
    });
    expect(reply).toEqual({ error: { reason: "not_allowed", message: "hooks are refused too" } });
    await page.context().close();
  });
});

describe("form recovery in Chromium", () => {
  it("completes when the server refuses the recovered values: the form keeps what was typed and the view works", async () => {
    const { page, errors } = await open("/recovery");
    await page.fill("#qty", "abc");
    await page.fill("#note", "kept");
    await page.click("#crash");
    // the view crashed and the client rejoined, re-sending both forms; the server refused both
    // recovery done: connected, and no error class left (stuck, it would stay "phx-loading phx-error" for good)
    const main = () => page.evaluate(() => document.querySelector("[data-phx-main]")!.className);
    await expect.poll(main, { timeout: 10_000 }).toContain("phx-connected");
    await expect.poll(main, { timeout: 10_000 }).not.toContain("phx-error");
    expect(await page.inputValue("#qty")).toBe("abc");
    expect(await page.inputValue("#note")).toBe("kept");
    expect(await stuck(page)).toEqual([]);
    await page.click("#click");
    await expect.poll(() => page.textContent("#clicks")).toBe("clicks: 1");
    expect(errors.filter((e) => !e.includes("crash"))).toEqual([]);
    await page.context().close();
  });
});

describe("unsafe navigation in Chromium", () => {
  it("never sends a javascript: or tab-smuggled redirect to the page: the view crashes and remounts", async () => {
    const { page, frames } = await open("/navigate");
    for (const id of ["script", "tabbed", "nav-offsite"]) {
      await page.click(`#${id}`);
      await page.waitForTimeout(200);
      await connected(page);
    }
    expect(await page.evaluate(() => (window as any).__pwned)).toBeUndefined();
    expect(new URL(page.url()).pathname).toBe("/navigate");
    // no redirect of any kind reached the page (the markup itself carries those strings as values)
    expect(frames.filter((f) => /"(redirect|live_redirect)"/.test(f))).toEqual([]);
    // a safe redirect still works
    await page.click("#local");
    await page.waitForURL((url) => url.pathname === "/connect");
    await page.context().close();
  });
});

describe("connect params and static tracking in Chromium", () => {
  it("gives the connected mount the browser's time zone and user agent", async () => {
    const { page } = await open("/connect", "Asia/Tokyo");
    await expect.poll(() => page.textContent("#zone")).toBe("time zone: Asia/Tokyo");
    expect(await page.textContent("#agent")).toBe("user agent: a Chrome");
    expect(await page.$("#new-version")).toBeNull();
    await page.context().close();
  });

  it("shows the new-version notice after a deploy changed the tracked assets", async () => {
    const { page } = await open("/connect");
    const port = env.server.port;
    // a restart on the same port with the same secret (the page's tokens stay valid), but another build
    await env.server.close();
    const built = manifestAssets("dist/client");
    const redeployed = await startFixtureServer(fidelityRoutes(), {
      port,
      secret: SECRET,
      assets: { head: built.head, tracked: ["/assets/app-NEWBUILD.js"] },
    });
    Object.assign(env, { server: redeployed });
    await expect.poll(() => page.$("#new-version"), { timeout: 20_000 }).not.toBeNull();
    await page.context().close();
  });
});
