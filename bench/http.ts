/**
 * HTTP first render with autocannon: requests/s of a live page's first (dead) render vs a
 * static Hono response of the same page (same bytes) from the same process. /counter
 * without a cookie, as on a first visit: each request also creates and signs a session.
 * /todos as a logged-in user: each request verifies the session, loads the user and reads
 * the todo list from SQLite.
 */
import { rate, result, startChild, type Result } from "./lib.js";
import { httpLogIn } from "../tests/support/login.js";

const PAGES: { path: string; user?: string }[] = [{ path: "/counter" }, { path: "/todos", user: "alice@example.com" }];
const CONNECTIONS = 50;
/** Alternating runs of each, so both see the same background load. */
const RUNS = 2;
const SECONDS = 3;

export async function firstRender(): Promise<Result[]> {
  const app = await startChild("bench/servers/app.ts", { cpu: 0, compiled: true });
  try {
    const out: Result[] = [];
    for (const { path, user } of PAGES) {
      // the session cookie alone, as on any page after the first one (the login's flash is gone)
      const cookie = user
        ? (await httpLogIn(app.url, user))
            .split("; ")
            .filter((c) => c.startsWith("_lagoon_session="))
            .join("; ")
        : undefined;
      // the static copy of this page, as this user sees it (rendered once, then served as is)
      const copy = `${app.url}/__bench/static${path}`;
      // warm-up: JIT, caches, sockets
      await rate(app.url + path, 1, { cookie, connections: CONNECTIONS });
      await rate(copy, 1, { cookie, connections: CONNECTIONS });
      let live = 0;
      let stat = 0;
      for (let i = 0; i < RUNS; i++) {
        live += await rate(app.url + path, SECONDS, { cookie, connections: CONNECTIONS });
        stat += await rate(copy, SECONDS, { cookie, connections: CONNECTIONS });
      }
      live /= RUNS;
      stat /= RUNS;
      const who = user ? "logged in" : "first visit";
      out.push(
        result(`HTTP first render of ${path}, ${who} (c=${CONNECTIONS})`, live, "req/s", stat, "≥ 1/3 of static Hono", live >= stat / 3),
      );
    }
    return out;
  } finally {
    await app.stop();
  }
}
