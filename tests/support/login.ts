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

/** Logs in over HTTP like the browser's native form post; returns the session's Cookie header. */
export async function httpLogIn(baseUrl: string, email: string, password = DEMO_PASSWORD): Promise<string> {
  const page = await fetch(baseUrl + "/login");
  const csrf = /<meta name="csrf-token" content="([^"]+)"/.exec(await page.text())![1]!;
  const cookie = page.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .join("; ");
  const res = await fetch(baseUrl + "/login", {
    method: "POST",
    redirect: "manual",
    headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ _csrf_token: csrf, "user[email]": email, "user[password]": password }).toString(),
  });
  if (res.status !== 303) throw new Error(`login failed: ${res.status}`);
  return res.headers
    .getSetCookie()
    .filter((c) => !/max-age=0/i.test(c))
    .map((c) => c.split(";")[0]!)
    .join("; ");
}
