/**
 * The demo app in-process for test-client tests: a fresh seeded database and an in-memory
 * PubSub. The database is SQLite in memory, or, in the "postgres" test project (which runs
 * tests/app again), a new database on that project's Postgres cluster. Files go to a
 * temporary directory.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inject } from "vitest";
import pg from "pg";
import { MemoryPubSub } from "lagoon";
import { loadIslands } from "lagoon/islands";
import { TelemetryWindow } from "lagoon/server";
import { visit, type IslandTestView, type VisitOptions } from "lagoon/testing";
import { islandsDir } from "../../app/server.js";
import { demoLimits } from "../../app/limits.js";
import { openContext, type AppContext } from "../../app/context.js";
import type { DbOptions } from "../../app/db.js";
import { routes } from "../../app/routes.js";
import type { User } from "../../app/accounts.js";

export interface Demo {
  readonly ctx: AppContext;
  /** Where the demo keeps uploaded files. */
  readonly filesDir: string;
  readonly router: ReturnType<typeof routes>;
  /** "sqlite" or "postgres": the store these tests run on. */
  readonly store: AppContext["db"]["dialect"];
  /** Mounts `path` as `user` (anonymous when omitted), sharing the demo's PubSub. */
  visit(path: string, opts?: { user?: User } & Omit<VisitOptions, "session" | "pubsub">): Promise<IslandTestView>;
  user(email: string): Promise<User>;
  close(): Promise<void>;
}

/** A database for one demo: SQLite in memory, or a new one on the project's Postgres; and its removal. */
async function testDatabase(): Promise<{ db: DbOptions; drop(): Promise<void> }> {
  const admin = inject("postgresUrl");
  if (!admin) return { db: { file: ":memory:" }, drop: async () => {} };
  const name = `demo_${randomBytes(6).toString("hex")}`;
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(sql).finally(() => client.end());
  };
  await run(`create database ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { db: { url: url.href }, drop: () => run(`drop database if exists ${name} with (force)`) };
}

/** `telemetry`: the window /dashboard reads (a fresh one by default). */
export async function demo(opts: { catalogDelayMs?: number; telemetry?: TelemetryWindow; directUploads?: boolean } = {}): Promise<Demo> {
  const pubsub = new MemoryPubSub();
  const database = await testDatabase();
  const filesDir = mkdtempSync(join(tmpdir(), "lagoon-demo-files-"));
  const ctx = await openContext({
    db: database.db,
    pubsub,
    catalogDelayMs: opts.catalogDelayMs,
    filesDir,
    directUploads: opts.directUploads,
  });
  const router = routes(ctx, opts.telemetry ?? new TelemetryWindow(), demoLimits());
  return {
    ctx,
    filesDir,
    router,
    store: ctx.db.dialect,
    visit: (path, opts = {}) =>
      visit(router, path, {
        ...opts,
        pubsub,
        session: opts.user ? { sid: "test", userId: opts.user.id, _csrf_token: "csrf" } : { sid: "test", _csrf_token: "csrf" },
      }),
    user: async (email) => {
      const user = await ctx.accounts.byEmail(email);
      if (!user) throw new Error(`no user ${email}`);
      return user;
    },
    close: async () => {
      await ctx.close();
      await database.drop();
      rmSync(filesDir, { recursive: true, force: true });
    },
  };
}

// the demo's islands, for server rendering, as the demo's server loads them on start
await loadIslands(islandsDir);
