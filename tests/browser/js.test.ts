/** JS commands and the component kit through the official client in Chromium. */
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { startFixtureServer } from "../support/fixture-server.js";
import { connected, watchErrors } from "../support/browser.js";
import { inChromium } from "../support/chromium-suite.js";
import { jsRoutes } from "../support/views/js.js";

const env = inChromium(() => startFixtureServer(jsRoutes()));

/** The page, its errors, and the frames it sent on its live socket (heartbeats left out). */
async function open(path: string): Promise<{ page: Page; errors: string[]; frames: string[] }> {
  const page = await env.browser.newPage();
  const errors = watchErrors(page);
  const frames: string[] = [];
  page.on("websocket", (ws) =>
    ws.on("framesent", (f) => {
      const text = String(f.payload);
      // the views' frames: not heartbeats, nor the browser-signals channel's batches
      if (text.includes('"lv:')) frames.push(text);
    }),
  );
  await page.goto(env.server.url + path);
  await connected(page);
  // /js pushes from phx-mounted when it joins: counted frames start after that one
  if (path.startsWith("/js")) await page.waitForFunction(() => document.querySelector("#mounted")?.textContent === "mounted: 1");
  return { page, errors, frames };
}

const display = (page: Page, sel: string) => page.$eval(sel, (el) => getComputedStyle(el).display);
const focusedInside = (page: Page, sel: string) =>
  page.evaluate((sel) => !!document.querySelector(sel)?.contains(document.activeElement), sel);

describe("JS commands in Chromium", () => {
  it("shows and toggles with no frame sent, and the change survives a server render", async () => {
    const { page, errors, frames } = await open("/js");
    const sent = frames.length;
    await page.click("#open-panel");
    await page.waitForFunction(() => getComputedStyle(document.querySelector("#panel")!).display === "block");
    expect(frames.length).toBe(sent);

    await page.click("#rerender");
    await page.waitForFunction(() => document.querySelector("#renders")?.textContent === "1");
    expect(await display(page, "#panel")).toBe("block");
    await page.click("#mark");
    await page.waitForFunction(() => document.querySelector("#box")?.classList.contains("marked"));
    expect(await page.getAttribute("#mark", "aria-pressed")).toBe("true");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("pushes from phx-mounted once (the client sends such pushes with type null)", async () => {
    const { page, errors } = await open("/js");
    await page.waitForFunction(() => document.querySelector("#mounted")?.textContent === "mounted: 1");
    await page.click("#rerender");
    await page.waitForFunction(() => document.querySelector("#renders")?.textContent === "1");
    expect(await page.textContent("#mounted")).toBe("mounted: 1");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("ends transitions in their final state", async () => {
    const { page, errors } = await open("/js");
    await page.click("#fancy-open");
    await page.waitForFunction(() => getComputedStyle(document.querySelector("#fancy")!).display === "flex");
    await page.waitForFunction(() => document.querySelector("#fancy")!.className === "fancy");
    await page.click("#fancy-close");
    await page.waitForFunction(() => getComputedStyle(document.querySelector("#fancy")!).display === "none");
    await page.waitForFunction(() => document.querySelector("#fancy")!.className === "fancy");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("runs both halves of JS.push(...).hide(...)", async () => {
    const { page, errors } = await open("/js");
    await page.click("#save");
    await page.waitForFunction(() => document.querySelector("#saves")?.textContent === "saves: 2");
    expect(await display(page, "#note")).toBe("none");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("dispatches DOM events, focuses, patches and navigates", async () => {
    const { page, errors } = await open("/js");
    await page.evaluate(() => {
      document.querySelector("#log")!.addEventListener("js:ping", (e) => {
        const { n, dispatcher } = (e as CustomEvent).detail;
        document.querySelector("#log")!.insertAdjacentHTML("beforeend", `<li>${n} from ${dispatcher.id}</li>`);
      });
    });
    await page.click("#ping");
    await page.waitForFunction(() => document.querySelector("#log li")?.textContent === "1 from ping");
    await page.click("#focus-name");
    await page.waitForFunction(() => document.activeElement?.id === "name");
    await page.click("#tab-two");
    await page.waitForFunction(() => document.querySelector("#tab")?.textContent === "tab: two");
    expect(new URL(page.url()).search).toBe("?tab=two");
    await page.click("#go-kit");
    await page.waitForFunction(() => document.querySelector("h1")?.textContent === "Kit");
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe("the kit's modal and flash in Chromium", () => {
  it("opens with no frame sent, moves focus in and keeps it there, and Esc closes it with focus back", async () => {
    const { page, errors, frames } = await open("/kit");
    const dialog = page.getByRole("dialog", { name: "Really?" });
    expect(await dialog.isVisible()).toBe(false);
    const sent = frames.length;
    await page.click("#open-confirm");
    await dialog.waitFor({ state: "visible" });
    await page.waitForFunction(() => document.querySelector("#confirm-container")!.contains(document.activeElement));
    expect(frames.length).toBe(sent);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Cancel");
    // Tab and Shift+Tab wrap around inside the dialog (Phoenix.FocusWrap)
    for (const key of ["Tab", "Tab", "Tab", "Shift+Tab", "Shift+Tab", "Shift+Tab", "Shift+Tab"]) {
      await page.keyboard.press(key);
      expect(await focusedInside(page, "#confirm-container")).toBe(true);
    }
    // every part has finished its transition
    await page.waitForFunction(() => !document.querySelector("#confirm-container")!.className.includes("lagoon-t-"));
    await page.waitForFunction(() => getComputedStyle(document.querySelector("#confirm-container")!).opacity === "1");

    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    await page.waitForFunction(() => document.activeElement?.id === "open-confirm");
    await page.waitForFunction(() => document.querySelector("#counts")?.textContent === "confirmed 0, cancelled 1");
    await page.waitForFunction(() => getComputedStyle(document.querySelector("#confirm")!).display === "none");
    expect(await page.evaluate(() => document.body.classList.contains("lagoon-modal-open"))).toBe(false);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("closes on a click outside it and on Cancel; Esc while closed sends nothing; its action pushes", async () => {
    const { page, errors, frames } = await open("/kit");
    const dialog = page.getByRole("dialog", { name: "Really?" });
    await page.click("#open-confirm");
    await dialog.waitFor({ state: "visible" });
    await page.mouse.click(5, 5);
    await dialog.waitFor({ state: "hidden" });
    await page.waitForFunction(() => document.querySelector("#counts")?.textContent === "confirmed 0, cancelled 1");

    const sent = frames.length;
    await page.keyboard.press("Escape");
    await page.click("#open-confirm");
    await dialog.waitFor({ state: "visible" });
    expect(frames.length).toBe(sent);
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "hidden" });
    await page.waitForFunction(() => document.querySelector("#counts")?.textContent === "confirmed 0, cancelled 2");

    await page.click("#open-confirm");
    await dialog.getByRole("button", { name: "Yes" }).click();
    await dialog.waitFor({ state: "hidden" });
    await page.waitForFunction(() => document.querySelector("#counts")?.textContent === "confirmed 1, cancelled 2");
    await page.waitForFunction(() => document.activeElement?.id === "open-confirm");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("closes a flash message in the browser at once", async () => {
    const { page, errors } = await open("/kit");
    await page.click("#oops");
    const alert = page.getByRole("alert");
    await alert.waitFor({ state: "visible" });
    expect(await alert.textContent()).toBe("Something <b>went</b> wrong");
    await alert.getByRole("button", { name: "Dismiss" }).click();
    await alert.waitFor({ state: "hidden" });
    await page.waitForFunction(() => !document.querySelector("#flashes-error"));
    expect(errors).toEqual([]);
    await page.close();
  });
});
