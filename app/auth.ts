/**
 * Authentication for the demo: live-session hooks that load the current user, and the
 * ordinary POST routes that change the session cookie (a WebSocket cannot set cookies, so
 * the login form posts natively once the live view has checked it: phx-trigger-action).
 */
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { Lagoon, LagoonEnv } from "lagoon/server";
import { localPath, type OnMount, type Session } from "lagoon";
import type { Accounts, User } from "./accounts.js";
import { tooMany, type DemoLimits } from "./limits.js";
import { HashingBusy } from "./passwords.js";

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

/** A local path to go back to after logging in; anything else (another site, `//evil`, `/\t/evil`) is dropped. */
export function safeReturnTo(value: unknown): string | null {
  return localPath(value);
}

const FORM_LIMIT = bodyLimit({ maxSize: 16 * 1024, onError: (c) => c.text("Form too large", 413) });

async function formBody(c: Context<LagoonEnv>): Promise<Record<string, unknown>> {
  return (await c.req.parseBody()) as Record<string, unknown>;
}

/**
 * POST /login, POST /logout and POST /logout/everywhere, each checking the CSRF token the
 * page rendered; log-ins are rate limited per address and, when they fail, per account.
 */
export function authRoutes(lagoon: Lagoon, accounts: Accounts, limits: DemoLimits): void {
  lagoon.app.post(
    "/login",
    FORM_LIMIT,
    limits.loginsPerAddress.middleware((c) => lagoon.clientAddress(c)),
    async (c) => {
      const body = await formBody(c);
      if (!c.var.session.checkCsrf(body._csrf_token)) return forbidden(lagoon, c);
      const returnTo = safeReturnTo(body.return_to);
      const back = returnTo ? `/login?return_to=${encodeURIComponent(returnTo)}` : "/login";
      const email = String(body["user[email]"] ?? "")
        .trim()
        .toLowerCase();
      let user;
      try {
        user = await accounts.authenticate(body["user[email]"], body["user[password]"]);
      } catch (error) {
        if (!(error instanceof HashingBusy)) throw error;
        return c.text("The server is busy; try again in a moment.", 503, { "Retry-After": "2" });
      }
      if (!user) {
        const account = await limits.failuresPerAccount.hit(email);
        c.var.session.flash({ error: account.ok ? "Invalid email or password" : tooMany(account.retryAfter) });
        return c.redirect(back, 303);
      }
      c.var.session.replace({ userId: user.id });
      c.var.session.flash({ info: `Welcome back, ${user.name}!` });
      return c.redirect(returnTo ?? "/todos", 303);
    },
  );

  // log out ends this session: a copy of its cookie is refused from now on, its live sockets close
  lagoon.app.post("/logout", FORM_LIMIT, async (c) => {
    const body = await formBody(c);
    if (!c.var.session.checkCsrf(body._csrf_token)) return forbidden(lagoon, c);
    c.var.session.clear();
    c.var.session.flash({ info: "Logged out." });
    return c.redirect("/", 303);
  });

  lagoon.app.post("/logout/everywhere", FORM_LIMIT, async (c) => {
    const body = await formBody(c);
    if (!c.var.session.checkCsrf(body._csrf_token)) return forbidden(lagoon, c);
    c.var.session.clearEverywhere();
    c.var.session.flash({ info: "Logged out on every device." });
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
