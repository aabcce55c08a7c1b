/** Headless Debian Chromium through playwright-core: never a downloaded browser. */
import { chromium, type Browser, type Page } from "playwright-core";

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args: CHROMIUM_ARGS });
}

/** Collects console errors and page errors, so a test can assert there were none. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));
  return errors;
}

/** Waits until the page's main live view has joined. */
export async function connected(page: Page): Promise<void> {
  await page.waitForSelector("[data-phx-main].phx-connected", { timeout: 10_000 });
}

/** Console errors and warnings, and page errors: React in development warns of hydration mismatches. */
export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  return problems;
}

/** Waits until the island `id` is hydrated and connected: React enabled its first button. */
export async function islandReady(page: Page, id: string): Promise<void> {
  await page.waitForFunction((id) => {
    const button = document.querySelector<HTMLButtonElement>(`#${id} button[type=button]`);
    return !!button && !button.disabled;
  }, id);
}
