/** The demo's log-in limits and redirects, over real HTTP and through the test client. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../support/server.js";
import { postForm, withCookies } from "../support/http.js";
import { DEMO_PASSWORD } from "../support/login.js";
import { loadPage } from "../support/protocol.js";
import { demo, type Demo } from "../support/demo.js";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.close();
});

async function attempt(email: string, password: string, extra: Record<string, string> = {}): Promise<Response> {
  const page = await loadPage(server.url, "/login");
  return postForm(server.url + "/login", page.cookie, {
    _csrf_token: page.csrf,
    "user[email]": email,
    "user[password]": password,
    ...extra,
  });
}

describe("log-in limits (HTTP)", () => {
  it("stops guessing one account's password after 10 failures, whoever guesses", async () => {
    for (let i = 0; i < 10; i++) expect((await attempt("bob@example.com", `guess-${i}`)).status).toBe(303);
    const refused = await attempt("bob@example.com", "guess-11");
    const flash = await fetch(server.url + refused.headers.get("location")!, { headers: { cookie: withCookies("", refused) } });
    expect(await flash.text()).toContain("Too many attempts; try again in");
  });

  it("answers 429 past 30 attempts a minute from one address, and never a 500 for a bad return_to", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++)
      statuses.push((await attempt(`nobody${i}@example.com`, "x", { return_to: i % 2 ? "/\t/evil.example" : "/\n/x" })).status);
    expect(statuses.every((s) => s === 303 || s === 429)).toBe(true);
    for (let i = 0; i < 10; i++) statuses.push((await attempt(`nobody${i}@example.com`, "x")).status);
    expect(statuses.at(-1)).toBe(429);
    const last = await attempt("alice@example.com", "lagoon-demo-password");
    expect(last.status).toBe(429);
    expect(Number(last.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});

describe("log-in redirects", () => {
  it("drops a return_to that would leave the site, tabs and newlines included", async () => {
    const fresh = await startServer();
    try {
      for (const bad of ["/\t/evil.example", "//evil.example", "/\\evil.example", "https://evil.example/"]) {
        const page = await loadPage(fresh.url, "/login");
        const res = await postForm(fresh.url + "/login", page.cookie, {
          _csrf_token: page.csrf,
          "user[email]": "alice@example.com",
          "user[password]": DEMO_PASSWORD,
          return_to: bad,
        });
        expect(res.status, JSON.stringify(bad)).toBe(303);
        expect(res.headers.get("location")).toBe("/todos");
      }
      const page = await fetch(fresh.url + "/login?return_to=%2F%09%2Fevil.example");
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('name="return_to" value=""');
      expect((await fetch(fresh.url + "/login?return_to=%0A")).status).toBe(200);
    } finally {
      await fresh.close();
    }
  });
});

describe("log-in limits (live check)", () => {
  let app: Demo;
  beforeAll(async () => {
    app = await demo();
  });
  afterAll(() => app.close());

  it("the live form says when an account had too many failures", async () => {
    const view = await app.visit("/login");
    for (let i = 0; i < 10; i++) {
      await view.form("#login-form").submit({ user: { email: "alice@example.com", password: `nope-${i}` } });
      expect(view.find("[role=alert]")?.textContent).toBe("Invalid email or password");
    }
    await view.form("#login-form").submit({ user: { email: "alice@example.com", password: "nope" } });
    expect(view.find("[role=alert]")?.textContent).toMatch(/^Too many attempts; try again in \d+ s\.$/);
  });
});
