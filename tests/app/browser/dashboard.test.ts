/** /dashboard in Chromium: it follows another tab's clicks on /counter live, from the server's own telemetry. */
import { describe, expect, it } from "vitest";
import { startServer } from "../../support/server.js";
import { connected, watchErrors } from "../../support/browser.js";
import { inChromium } from "../../support/chromium-suite.js";
import { logIn } from "../../support/login.js";

const env = inChromium(() => startServer());

describe("dashboard in Chromium", () => {
  it("shows the counter's connected view and its clicks as they happen, without a reload", async () => {
    const context = await env.browser.newContext();
    const dashboard = await context.newPage();
    const errors = watchErrors(dashboard);
    // logged-in users only: an anonymous visit lands on the login form, which returns here
    await dashboard.goto(env.server.url + "/dashboard");
    await dashboard.waitForURL((url) => url.pathname === "/login" && url.searchParams.get("return_to") === "/dashboard");
    await logIn(dashboard, env.server.url, "alice@example.com", undefined, "/dashboard");
    let loads = 0;
    dashboard.on("load", () => loads++);
    expect(await dashboard.title()).toBe("Dashboard · Lagoon");

    const counter = await context.newPage();
    await counter.goto(env.server.url + "/counter");
    await connected(counter);
    for (let i = 0; i < 5; i++) await counter.getByRole("button", { name: "+", exact: true }).click();
    await counter.waitForFunction(() => document.querySelector("h1")?.textContent === "Count: 5");

    // the dashboard picks it all up on its own refreshes
    const row = dashboard.locator("#by-route tbody tr", { hasText: "/counter" });
    await row.waitFor();
    expect(await row.locator("td").allTextContents()).toEqual(["/counter", "CounterLive", "1"]);
    const increment = dashboard.locator("#top-events tbody tr", { hasText: "increment" });
    await increment.waitFor();
    await dashboard.waitForFunction(() =>
      [...document.querySelectorAll("#top-events tbody tr")].some(
        (tr) => tr.textContent?.includes("increment") && tr.children[2]?.textContent === "5",
      ),
    );
    // and the counter tab's own report of those clicks, as its user felt them, beside the server's time
    await dashboard.waitForFunction(() =>
      /^\d[\d.]* (µs|ms) \/ \d[\d.]* (µs|ms)$/.test(document.querySelector("#p95-felt-handled")?.textContent ?? ""),
    );
    // the dashboard itself is a connected view too, and so is its page's scratchpad
    expect(Number(await dashboard.textContent("#views-total"))).toBe(3);
    expect(await dashboard.textContent("#event-percentiles")).toMatch(/^\d+(\.\d)? (µs|ms) \/ /);
    // the charts island (Recharts) hydrated and draws the new props: the events line rises
    // off the zero line
    // it loads when scrolled to (load: "visible")
    await dashboard.locator("#charts").scrollIntoViewIfNeeded();
    const line = dashboard.locator(".chart-events .recharts-line-curve");
    await line.waitFor();
    await dashboard.waitForFunction(() => {
      const d = document.querySelector(".chart-events .recharts-line-curve")?.getAttribute("d") ?? "";
      const ys = [...d.matchAll(/[ML,]\s*[\d.]+[ ,]([\d.]+)/g)].map((m) => Number(m[1]));
      return ys.length > 1 && new Set(ys).size > 1;
    });
    expect(await dashboard.locator(".chart-events figcaption").textContent()).toMatch(/^Events per second: \d+ \(max [1-9]\d*\)$/);

    // the counter tab closes: its view leaves (the dashboard and its scratchpad stay)
    await counter.close();
    await dashboard.waitForFunction(() => document.querySelector("#views-total")?.textContent === "2");
    expect(loads).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
