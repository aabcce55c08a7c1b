/**
 * The demo's sticky scratchpad in Chromium with the official client: what is typed stays,
 * in the same view (no new join), while the user moves between pages through the nav.
 */
import { describe, expect, it } from "vitest";
import { connected, watchErrors } from "../../support/browser.js";
import { inChromium } from "../../support/chromium-suite.js";
import { logIn } from "../../support/login.js";
import { startServer } from "../../support/server.js";

const env = inChromium(() => startServer());

describe("the scratchpad in Chromium", () => {
  it("keeps what was typed and its view across /todos, /board and /chat/lobby", async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    const errors = watchErrors(page);
    const joins: string[] = [];
    page.on("websocket", (ws) =>
      ws.on("framesent", (f) => {
        const frame = JSON.parse(String(f.payload)) as unknown[];
        if (frame[3] === "phx_join") joins.push(String(frame[2]));
      }),
    );
    await logIn(page, env.server.url, "alice@example.com", undefined, "/todos");
    const note = page.locator("#scratchpad textarea[name=note]");
    await page.waitForSelector("#scratchpad.phx-connected");
    await note.fill("ring the plumber");
    await expect.poll(() => page.textContent("#scratchpad .scratchpad-status")).toBe("Saved");
    await note.evaluate((el) => ((el as unknown as { marker: number }).marker = 1));
    const before = joins.filter((t) => t === "lv:scratchpad").length;

    for (const [label, path] of [
      ["Board", "/board"],
      ["Chat", "/chat/lobby"],
      ["Todos", "/todos"],
    ] as const) {
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: label, exact: true }).click();
      await page.waitForURL((url) => url.pathname === path);
      await connected(page);
      expect(await note.inputValue(), path).toBe("ring the plumber");
      expect(await note.evaluate((el) => (el as unknown as { marker?: number }).marker), path).toBe(1);
    }
    // typed again after the moves: still the same live view, saving
    await note.fill("ring the plumber, then the electrician");
    const alice = (await env.server.ctx.accounts.byEmail("alice@example.com"))!;
    await expect.poll(() => env.server.ctx.notes.get(alice)).toBe("ring the plumber, then the electrician");
    expect(joins.filter((t) => t === "lv:scratchpad").length).toBe(before);
    expect(errors).toEqual([]);
    await context.close();
  });
});
