/**
 * Fixture pages and form posts for the tests of sessions: signing in and out through the
 * framework's `c.var.session` (replace, clear, clearEverywhere, flash, checkCsrf), and a
 * members-only live session whose onMount sends anonymous visitors to /sign-in.
 */
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { Lagoon, LagoonEnv } from "../../../server/index.js";
import { defineView, html, live, liveSession, type OnMount, type Session, type Template } from "../../../shell/index.js";
import { postForm, withCookies } from "../http.js";
import { loadPage } from "../protocol.js";
import { CounterLive } from "./counter.js";

const userOf = (session: Session): string | null => (typeof session.userId === "string" ? session.userId : null);

const membersOnly: OnMount = (_p, session, socket) => {
  if (userOf(session) === null) socket.redirect("/sign-in");
};

export const SignInLive = defineView<{ csrf: string }>({
  name: "SignInLive",
  mount(_p, session, socket) {
    socket.assign({ csrf: typeof session._csrf_token === "string" ? session._csrf_token : "" });
  },
  render: (a) => html`<form action="/sign-in" method="post">
<input type="hidden" name="_csrf_token" value=${a.csrf}><input name="user" aria-label="User"><button>Sign in</button>
</form>`,
});

/** Subscribes (connected) to "members": a test counts the views mounted by their subscriptions. */
export const MembersLive = defineView<{ user: string }>({
  name: "MembersLive",
  mount(_p, session, socket) {
    socket.assign({ user: userOf(session) ?? "" });
    if (socket.connected) socket.subscribe("members");
  },
  render: (a) => html`<p>Signed in as <span class="user">${a.user}</span></p>`,
});

const layout = (inner: Template, a: { flash: Record<string, string> }) =>
  html`<div id="flash">${Object.entries(a.flash).map(([k, v]) => html`<p class=${`flash-${k}`}>${v}</p>`)}</div>${inner}`;

export const memberRoutes = () => [
  liveSession({ name: "public", layout }, [live("/sign-in", SignInLive), live("/counter", CounterLive)]),
  liveSession({ name: "members", onMount: membersOnly, layout }, [live("/members", MembersLive)]),
];

const FORM_LIMIT = bodyLimit({ maxSize: 16 * 1024, onError: (c) => c.text("Form too large", 413) });

async function checkedForm(c: Context<LagoonEnv>): Promise<Record<string, unknown> | null> {
  const body = (await c.req.parseBody()) as Record<string, unknown>;
  return c.var.session.checkCsrf(body._csrf_token) ? body : null;
}

/**
 * POST /sign-in (`user`: any name; none flashes an error), /sign-out and
 * /sign-out/everywhere, each refusing a form without the page's CSRF token with a 403.
 */
export function memberPosts(lagoon: Lagoon): void {
  lagoon.app.post("/sign-in", FORM_LIMIT, async (c) => {
    const body = await checkedForm(c);
    if (!body) return c.text("Forbidden", 403);
    if (typeof body.user !== "string" || body.user === "") {
      c.var.session.flash({ error: "Who are you?" });
      return c.redirect("/sign-in", 303);
    }
    c.var.session.replace({ userId: body.user });
    return c.redirect("/members", 303);
  });
  lagoon.app.post("/sign-out", FORM_LIMIT, async (c) => {
    if (!(await checkedForm(c))) return c.text("Forbidden", 403);
    c.var.session.clear();
    return c.redirect("/sign-in", 303);
  });
  lagoon.app.post("/sign-out/everywhere", FORM_LIMIT, async (c) => {
    if (!(await checkedForm(c))) return c.text("Forbidden", 403);
    c.var.session.clearEverywhere();
    return c.redirect("/sign-in", 303);
  });
}

/** Signs `user` in as a browser would (the sign-in page, then its form post); returns the Cookie header. */
export async function signIn(base: string, user: string): Promise<string> {
  const page = await loadPage(base, "/sign-in");
  const res = await postForm(base + "/sign-in", page.cookie, { _csrf_token: page.csrf, user });
  if (res.status !== 303) throw new Error(`sign-in failed: ${res.status}`);
  return withCookies(page.cookie, res);
}
