/**
 * Authentication for the demo: live-session hooks that load the current user, and the
 * ordinary POST routes that change the session cookie (a WebSocket cannot set cookies, so
 * the login form posts natively once the live view has checked it: phx-trigger-action).
 */
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { Lagoon, LagoonEnv } from "lagoon/server";
import type { OnMount, Session } from "lagoon";
import type { Accounts, User } from "./accounts.js";

/** Assigns every view of an auth-aware live session gets. */
export interface AuthAssigns {
  currentUser: User | null;
  /** For forms that post to ordinary routes (log in, log out). */
  csrfToken: string;
}

function userId(session: Session): number | null {
  return typeof session.userId === "number" ? session.userId : null;
}

/** Loads the current user, if any. */
export function loadUser(accounts: Accounts): OnMount {
  return async (_params, session, socket) => {
    const id = userId(session);
    socket.assign({
      currentUser: id === null ? null : await accounts.get(id),
      csrfToken: typeof session._csrf_token === "string" ? session._csrf_token : "",
    });
  };
}

/** Sends anonymous users to /login, remembering where they were going. */
export const requireUser: OnMount = (_params, _session, socket) => {
  if (socket.assigns.currentUser) return;
  const here = socket.url.pathname + socket.url.search;
  socket.putFlash("error", "Please log in to see that page.");
  socket.redirect(`/login?return_to=${encodeURIComponent(here)}`);
};

/** A local path to go back to after logging in; anything else (another site, `//evil`) is dropped. */
export function safeReturnTo(value: unknown): string | null {
  if (typeof value !== "string" || value.length > 500) return null;
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return null;
  return value;
}

const FORM_LIMIT = bodyLimit({ maxSize: 16 * 1024, onError: (c) => c.text("Form too large", 413) });

async function formBody(c: Context<LagoonEnv>): Promise<Record<string, unknown>> {
  return (await c.req.parseBody()) as Record<string, unknown>;
}

/** POST /login and POST /logout, both checking the CSRF token the page rendered. */
export function authRoutes(lagoon: Lagoon, accounts: Accounts): void {
  lagoon.app.post("/login", FORM_LIMIT, async (c) => {
    const body = await formBody(c);
    if (!c.var.session.checkCsrf(body._csrf_token)) return forbidden(lagoon, c);
    const user = await accounts.authenticate(body["user[email]"], body["user[password]"]);
    const returnTo = safeReturnTo(body.return_to);
    if (!user) {
      c.var.session.flash({ error: "Invalid email or password" });
      return c.redirect(returnTo ? `/login?return_to=${encodeURIComponent(returnTo)}` : "/login", 303);
    }
    c.var.session.replace({ userId: user.id });
    c.var.session.flash({ info: `Welcome back, ${user.name}!` });
    return c.redirect(returnTo ?? "/todos", 303);
  });

  lagoon.app.post("/logout", FORM_LIMIT, async (c) => {
    const body = await formBody(c);
    if (!c.var.session.checkCsrf(body._csrf_token)) return forbidden(lagoon, c);
    c.var.session.clear();
    c.var.session.flash({ info: "Logged out." });
    return c.redirect("/", 303);
  });
}

function forbidden(lagoon: Lagoon, c: Context<LagoonEnv>): Response {
  return lagoon.page(
    c,
    { title: "Forbidden", body: `<main><h1>Forbidden</h1><p>The form was stale. <a href="/">Start again</a>.</p></main>` },
    403,
  );
}
