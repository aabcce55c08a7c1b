/** The demo app in-process for test-client tests: an in-memory database (seeded) and PubSub, files in a temporary directory. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MemoryPubSub } from "lagoon";
import { loadIslands } from "lagoon/islands";
import { TelemetryWindow } from "lagoon/server";
import { visit, type LiveViewTest, type VisitOptions } from "lagoon/testing";
import { islandsDir } from "../../app/server.js";
import { openContext, type AppContext } from "../../app/context.js";
import { routes } from "../../app/routes.js";
import type { User } from "../../app/accounts.js";

export interface Demo {
  readonly ctx: AppContext;
  /** Where the demo keeps uploaded files. */
  readonly filesDir: string;
  readonly router: ReturnType<typeof routes>;
  /** Mounts `path` as `user` (anonymous when omitted), sharing the demo's PubSub. */
  visit(path: string, opts?: { user?: User } & Omit<VisitOptions, "session" | "pubsub">): Promise<LiveViewTest>;
  user(email: string): User;
  close(): void;
}

/** `telemetry`: the window /dashboard reads (a fresh one by default). */
export function demo(opts: { catalogDelayMs?: number; telemetry?: TelemetryWindow; directUploads?: boolean } = {}): Demo {
  const pubsub = new MemoryPubSub();
  const filesDir = mkdtempSync(join(tmpdir(), "lagoon-demo-files-"));
  const ctx = openContext({ db: ":memory:", pubsub, catalogDelayMs: opts.catalogDelayMs, filesDir, directUploads: opts.directUploads });
  const router = routes(ctx, opts.telemetry ?? new TelemetryWindow());
  return {
    ctx,
    filesDir,
    router,
    visit: (path, opts = {}) =>
      visit(router, path, {
        ...opts,
        pubsub,
        session: opts.user ? { sid: "test", userId: opts.user.id, _csrf_token: "csrf" } : { sid: "test", _csrf_token: "csrf" },
      }),
    user: (email) => {
      const row = ctx.db.prepare("select id from users where email = ?").get(email) as { id: number } | undefined;
      if (!row) throw new Error(`no user ${email}`);
      return ctx.accounts.get(row.id)!;
    },
    close: () => {
      ctx.close();
      rmSync(filesDir, { recursive: true, force: true });
    },
  };
}

// the demo's islands, for server rendering, as the demo's server loads them on start
await loadIslands(islandsDir);
