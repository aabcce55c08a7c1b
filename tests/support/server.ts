/**
 * Starts the demo app on 127.0.0.1 with a free port for a test, on its own SQLite file in
 * a temporary directory (the real database, seeded) unless given a `databaseUrl`, and
 * stops it.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createApp, type AppOptions } from "../../app/server.js";
import type { AppContext } from "../../app/context.js";
import type { Lagoon, Listening } from "lagoon/server";

export interface TestServer extends Listening {
  readonly lagoon: Lagoon;
  readonly ctx: AppContext;
  readonly secret: string;
  readonly dbFile: string;
}

export async function startServer(opts: Partial<AppOptions> & { port?: number } = {}): Promise<TestServer> {
  let dir: string | undefined;
  const dbFile = opts.db ?? (opts.databaseUrl ? "" : join((dir = mkdtempSync(join(tmpdir(), "lagoon-test-"))), "lagoon.db"));
  const secret = opts.secret ?? randomBytes(32).toString("hex");
  // files beside the database: a restart on the same database finds them
  const data = dirname(dbFile);
  const app = await createApp({ filesDir: join(data, "uploads"), uploadTmpDir: join(data, "tmp"), ...opts, secret, db: dbFile });
  const listening = await app.lagoon.listen({ port: opts.port ?? 0, hostname: "127.0.0.1" });
  return {
    ...listening,
    lagoon: app.lagoon,
    ctx: app.ctx,
    secret,
    dbFile,
    close: async () => {
      await listening.close();
      await app.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
