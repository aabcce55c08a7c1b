/** The shell's demo flows through the in-process test client: forms, auth, patch and navigate. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Redirected } from "lagoon/testing";
import { demo, type Demo } from "../support/demo.js";

let app: Demo;
beforeEach(async () => {
  app = await demo();
});
afterEach(() => app.close());

const errorFor = (view: { find(sel: string): { textContent: string } | null }, field: string) =>
  view.find(`#user_${field}_error`)?.textContent ?? null;

describe("registration (test client)", () => {
  it("shows errors only for touched fields while typing, and clears them when fixed", async () => {
    const view = await app.visit("/register");
    await view.form("#registration-form").change({ user: { name: "" } });
    expect(errorFor(view, "name")).toBe("can't be blank");
    // email and password untouched: no errors for them yet
    expect(errorFor(view, "email")).toBeNull();
    expect(errorFor(view, "password")).toBeNull();

    await view.form("#registration-form").change({ user: { email: "not-an-email" } });
    expect(errorFor(view, "email")).toBe("must be a valid email");
    await view.form("#registration-form").change({ user: { password: "short" } });
    expect(errorFor(view, "password")).toBe("should be at least 12 characters");

    await view.form("#registration-form").change({ user: { name: "Carol", email: "carol@example.com", password: "long enough password" } });
    expect(view.find(".error")).toBeNull();
    expect(view.find("#user_email")?.getAttribute("value")).toBe("carol@example.com");
  });

  it("shows every error on submit, and a taken email", async () => {
    const view = await app.visit("/register");
    await view.form("#registration-form").submit({ user: { name: "", email: "", password: "" } });
    expect(errorFor(view, "name")).toBe("can't be blank");
    expect(errorFor(view, "email")).toBe("must be a valid email");
    expect(errorFor(view, "password")).toBe("should be at least 12 characters");

    await view.form("#registration-form").change({ user: { email: "ALICE@example.com" } });
    expect(errorFor(view, "email")).toBe("has already been taken");
    await view.form("#registration-form").submit({ user: { name: "Al", email: "alice@example.com", password: "long enough password" } });
    expect(errorFor(view, "email")).toBe("has already been taken");
    expect(view.redirected).toBeUndefined();
  });

  it("refuses a name taken ignoring case, text direction controls and NUL, while typing and on submit", async () => {
    const view = await app.visit("/register");
    await view.form("#registration-form").change({ user: { name: "ALICE" } });
    expect(errorFor(view, "name")).toBe("has already been taken");
    await view.form("#registration-form").change({ user: { name: "ａｌｉｃｅ" } });
    expect(errorFor(view, "name")).toBe("has already been taken");
    // "Bob" + RIGHT-TO-LEFT OVERRIDE + "nimda" shows as "Bobadmin"
    await view.form("#registration-form").change({ user: { name: "Bob\u202enimda" } });
    expect(errorFor(view, "name")).toBe("can't contain text direction controls");
    await view.form("#registration-form").change({ user: { name: "Bo\u2066b" } });
    expect(errorFor(view, "name")).toBe("can't contain text direction controls");
    await view
      .form("#registration-form")
      .submit({ user: { name: "Car\u0000ol", email: "carol@example.com", password: "long enough password" } });
    expect(errorFor(view, "name")).toBe("can't contain NUL characters");
    await view.form("#registration-form").submit({ user: { name: "alice", email: "carol@example.com", password: "long enough password" } });
    expect(errorFor(view, "name")).toBe("has already been taken");
    expect(view.redirected).toBeUndefined();
    expect(await app.ctx.accounts.emailTaken("carol@example.com")).toBe(false);
  });

  it("creates the account, flashes and navigates to /login", async () => {
    const view = await app.visit("/register");
    await view.form("#registration-form").submit({ user: { name: "Carol", email: "carol@example.com", password: "long enough password" } });
    expect(view.redirected?.kind).toBe("navigate");
    expect(view.redirected?.to).toBe("/login");
    const login = await view.follow();
    expect(login.find("#flash")?.textContent).toContain("Account created!");
    expect(await app.ctx.accounts.authenticate("carol@example.com", "long enough password")).toMatchObject({ name: "Carol" });
  });

  it("answers hostile submits with errors, never an exception", async () => {
    const view = await app.visit("/register");
    const form = view.form("#registration-form");
    // missing fields
    await view.push({ type: "form", event: "save", value: "" });
    expect(errorFor(view, "name")).toBe("can't be blank");
    // wrongly typed (nested where text belongs), extra, and oversized fields
    await view.push({
      type: "form",
      event: "save",
      value: "user[name][x]=1&user[email][]=a&user[admin]=true&user[password]=" + "p".repeat(5000) + "&__proto__[polluted]=1",
    });
    expect(view.find("#user_name_error")).not.toBeNull();
    expect(view.find("#user_email_error")).not.toBeNull();
    expect(errorFor(view, "password")).toBe("should be at most 200 characters");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // a form value that is not a urlencoded string at all: a clear error reply
    await expect(view.push({ type: "form", event: "save", value: { user: { name: 1 } } })).rejects.toMatchObject({
      response: { reason: "bad_event" },
    });
    // still alive and working
    await form.submit({ user: { name: "Dave", email: "dave@example.com", password: "long enough password" } });
    expect(view.redirected?.to).toBe("/login");
  });
});

describe("login and protected pages (test client)", () => {
  it("shows Invalid email or password for wrong credentials", async () => {
    const view = await app.visit("/login");
    await view.form("#login-form").submit({ user: { email: "alice@example.com", password: "wrong password!!" } });
    expect(view.find("[role=alert]")?.textContent).toBe("Invalid email or password");
    expect(view.find("#login-form")?.hasAttribute("phx-trigger-action")).toBe(false);
    await view.form("#login-form").submit({ user: { email: "nobody@example.com", password: "lagoon-demo-password" } });
    expect(view.find("[role=alert]")?.textContent).toBe("Invalid email or password");
  });

  it("triggers the native POST once the credentials are right, keeping return_to", async () => {
    const view = await app.visit("/login?return_to=%2Ftodos");
    expect(view.find("input[name=return_to]")?.getAttribute("value")).toBe("/todos");
    expect(view.find("input[name=_csrf_token]")?.getAttribute("value")).toBe("csrf");
    await view.form("#login-form").submit({ user: { email: "alice@example.com", password: "lagoon-demo-password" } });
    expect(view.find("[role=alert]")).toBeNull();
    expect(view.find("#login-form")?.hasAttribute("phx-trigger-action")).toBe(true);
  });

  it("drops a return_to that leaves the site", async () => {
    const view = await app.visit("/login?return_to=%2F%2Fevil.example%2F");
    expect(view.find("input[name=return_to]")?.getAttribute("value")).toBe("");
  });

  it("shows the user and a Log out button in the layout when logged in", async () => {
    const anonymous = await app.visit("/");
    expect(anonymous.has("a", "Log in")).toBe(true);
    expect(anonymous.has("button", "Log out")).toBe(false);
    const view = await app.visit("/", { user: await app.user("alice@example.com") });
    expect(view.find(".account .user")?.textContent).toBe("Alice");
    expect(view.find("form[action='/logout'] input[name=_csrf_token]")?.getAttribute("value")).toBe("csrf");
    expect(view.has("button", "Log out")).toBe(true);
  });
});

describe("posts: patch and navigate (test client)", () => {
  it("sorts by patch on the same view, keeping its state", async () => {
    const view = await app.visit("/posts");
    const titles = () => view.html().match(/<li><a href="\/posts\/\d+"[^>]*>([^<]+)<\/a>/g)!;
    const newest = titles();
    expect(view.find("#patch-count")?.textContent).toBe("1");
    await view.patch("/posts?sort=oldest");
    expect(view.path).toBe("/posts?sort=oldest");
    expect(titles()).toEqual([...newest].reverse());
    // same view: its own counter of URL changes went on
    expect(view.find("#patch-count")?.textContent).toBe("2");
  });

  it("shows a post, and a missing post is a 404 on first render", async () => {
    const view = await app.visit("/posts/1");
    expect(view.find("h1")?.textContent).toBe("Hello, Lagoon");
    expect(view.has("a", "Back to posts")).toBe(true);
    await expect(app.visit("/posts/999")).rejects.toThrow("Post not found");
  });
});

describe("search (test client)", () => {
  it("finds products and says No results found", async () => {
    const view = await app.visit("/search");
    // the query is async work: on Postgres it is real I/O, which flush does not wait for
    const status = () => view.flush().then(() => view.find("#search-status")?.textContent);
    await view.form("#search-form").change({ q: "kettle" });
    await expect.poll(() => view.flush().then(() => view.find("#results")?.textContent)).toMatch(/Kettle/);
    expect(view.html().match(/<li>/g)?.length).toBeGreaterThan(0);
    await view.form("#search-form").change({ q: "zzzz nothing" });
    await expect.poll(status).toContain("No results found");
    // LIKE wildcards are literal (and upper case matches lower case in both stores)
    await view.form("#search-form").change({ q: "KETTLE %" });
    await expect.poll(status).toContain("No results found");
    await view.form("#search-form").change({ q: "KeTTle" });
    await expect.poll(() => view.flush().then(() => view.find("#results")?.textContent)).toMatch(/Kettle/);
  });
});

describe("search on a slow catalog (test client)", () => {
  it("shows the loading state at once, then the results", async () => {
    const slow = await demo({ catalogDelayMs: 200 });
    try {
      const view = await slow.visit("/search");
      await view.form("#search-form").change({ q: "mug" });
      expect(view.find("#search-status .loading")?.textContent).toContain("Searching");
      await expect.poll(() => view.flush().then(() => view.find("#results")?.textContent)).toMatch(/Mug/);
      expect(view.find("#search-status .loading")).toBeNull();
    } finally {
      await slow.close();
    }
  });
});

describe("protected pages (test client)", () => {
  it("sends anonymous users to /login with return_to", async () => {
    const error = await app.visit("/todos").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Redirected);
    expect((error as Redirected).to).toBe("/login?return_to=%2Ftodos");
    expect((error as Redirected).flash).toEqual({ error: "Please log in to see that page." });
  });
});

describe("a deploy while a page is open (test client)", () => {
  it("the layout offers a reload when the page's assets are not the running build's", async () => {
    const fresh = await app.visit("/counter");
    expect(fresh.has("#new-version")).toBe(false);
    const stale = await app.visit("/counter", { staticChanged: true });
    expect(stale.find("#new-version")?.textContent).toBe("A new version is available — reload");
    expect(stale.staticHtml).not.toContain("new-version");
  });
});
