import { live, liveSession } from "lagoon";
import type { TelemetryWindow } from "lagoon/server";
import { loadUser, requireUser } from "./auth.js";
import { clientHints } from "./client-hints.js";
import type { AppContext } from "./context.js";
import type { DemoLimits } from "./limits.js";
import { boardLive } from "./views/board.js";
import { chatLive } from "./views/chat.js";
import { CounterLive } from "./views/counter.js";
import { dashboardLive } from "./views/dashboard.js";
import { filesLive } from "./views/files.js";
import { HomeLive } from "./views/home.js";
import { IslandsLive } from "./views/islands.js";
import { authenticatedLayout, currentPage, layout } from "./views/layout.js";
import { loginLive } from "./views/login.js";
import { postLive, postsLive } from "./views/posts.js";
import { primesLive } from "./views/primes.js";
import { registerLive } from "./views/register.js";
import { scratchpadLive } from "./views/scratchpad.js";
import { searchLive } from "./views/search.js";
import { todosLive } from "./views/todos.js";

/**
 * The demo's live routes. Two live sessions: "public" pages anyone may see, and
 * "authenticated" ones whose onMount sends anonymous users to /login. Navigating between
 * the two is a full page load, so the HTTP side checks the cookie again. /dashboard is the
 * guard the telemetry issue asks for: logged-in users only. The authenticated pages share
 * a sticky scratchpad in their layout.
 */
export function routes(ctx: AppContext, telemetry: TelemetryWindow, limits: DemoLimits) {
  const user = loadUser(ctx.accounts);
  const scratchpad = scratchpadLive(ctx.notes, ctx.accounts);
  const post = postLive(ctx.posts);
  return [
    liveSession({ name: "public", onMount: [clientHints, currentPage, user], layout }, [
      live("/", HomeLive),
      live("/counter", CounterLive),
      live("/register", registerLive(ctx.accounts, limits)),
      live("/login", loginLive(ctx.accounts, limits)),
      live("/search", searchLive(ctx.catalog)),
      live("/posts", postsLive(ctx.posts)),
      live("/posts/:id", post, "show"),
      live("/posts/:id/edit", post, "edit"),
      live("/primes", primesLive(ctx.work)),
      live("/islands", IslandsLive),
    ]),
    liveSession(
      { name: "authenticated", onMount: [clientHints, currentPage, user, requireUser], layout: authenticatedLayout(scratchpad) },
      [
        live("/todos", todosLive(ctx.todos)),
        live("/board", boardLive(ctx.todos)),
        live("/chat/:room", chatLive(ctx.chat, ctx.presence)),
        live("/dashboard", dashboardLive(telemetry)),
        live("/files", filesLive(ctx.files)),
      ],
    ),
  ];
}
