/** Logs a browser context in through the real login form. */
import type { Page } from "playwright-core";
import { connected } from "./browser.js";

export const DEMO_PASSWORD = "lagoon-demo-password";

export async function logIn(page: Page, baseUrl: string, email: string, password = DEMO_PASSWORD, returnTo = "/todos"): Promise<void> {
  await page.goto(`${baseUrl}/login?return_to=${encodeURIComponent(returnTo)}`);
  await connected(page);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.waitForURL((url) => url.pathname === returnTo.split("?")[0], { timeout: 10_000 });
  await connected(page);
}
