/** Logs a browser context in through the real login form. */
import type { Page } from "playwright-core";
import { connected } from "./browser.js";
import { postForm, withCookies } from "./http.js";
import { loadPage } from "./protocol.js";

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

/** Logs in over HTTP like the browser's native form post; returns the session's Cookie header. */
export async function httpLogIn(baseUrl: string, email: string, password = DEMO_PASSWORD): Promise<string> {
  const page = await loadPage(baseUrl, "/login");
  const res = await postForm(baseUrl + "/login", page.cookie, { _csrf_token: page.csrf, "user[email]": email, "user[password]": password });
  if (res.status !== 303) throw new Error(`login failed: ${res.status}`);
  return withCookies(page.cookie, res);
}
