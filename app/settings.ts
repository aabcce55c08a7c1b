/**
 * Settings from the environment, with defaults that need nothing installed:
 * PORT (3000), HOST (127.0.0.1), LAGOON_DB (./data/lagoon.db, the SQLite file),
 * DATABASE_URL (a postgres:// URL: Postgres instead of SQLite), LAGOON_SECRET (generated
 * into ./data/secret on first start; every process of one deployment needs the same),
 * LAGOON_REDIS_URL (unset: in-process PubSub), LAGOON_METRICS_TOKEN (the bearer token
 * /metrics asks for; unset: /metrics is open in development and closed in production),
 * LAGOON_DRAIN_MS (how long SIGTERM waits for live clients to leave, default 10000),
 * LAGOON_ALLOWED_HOSTS (host names the live socket accepts besides loopback ones, comma
 * separated), LAGOON_FILES_DIR (./data/uploads: stored files), LAGOON_UPLOAD_TMP
 * (./data/tmp: uploads in progress), LAGOON_DIRECT_UPLOADS=1 (browsers post files to the
 * storage themselves).
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

export interface Settings {
  port: number;
  host: string;
  db: string;
  databaseUrl: string | undefined;
  secret: string;
  redisUrl: string | undefined;
  metricsToken: string | undefined;
  /** NODE_ENV is "production" (npm start sets it). */
  production: boolean;
  drainMs: number;
  catalogDelayMs: number;
  allowedHosts: string[] | undefined;
  filesDir: string;
  uploadTmpDir: string;
  directUploads: boolean;
}

function secretFrom(file: string): string {
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(48).toString("base64url");
  writeFileSync(file, secret + "\n", { mode: 0o600 });
  return secret;
}

export function loadSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got ${env.PORT}`);
  return {
    port,
    host: env.HOST ?? "127.0.0.1",
    db: env.LAGOON_DB ?? "./data/lagoon.db",
    databaseUrl: env.DATABASE_URL || undefined,
    secret: env.LAGOON_SECRET ?? secretFrom("./data/secret"),
    redisUrl: env.LAGOON_REDIS_URL || undefined,
    metricsToken: env.LAGOON_METRICS_TOKEN || undefined,
    production: env.NODE_ENV === "production",
    drainMs: Math.max(0, Number(env.LAGOON_DRAIN_MS ?? 10_000) || 0),
    catalogDelayMs: Math.max(0, Number(env.LAGOON_CATALOG_DELAY_MS ?? 0) || 0),
    allowedHosts: env.LAGOON_ALLOWED_HOSTS
      ? ["localhost", "127.0.0.1", "::1", ...env.LAGOON_ALLOWED_HOSTS.split(",").map((h) => h.trim())]
      : undefined,
    filesDir: env.LAGOON_FILES_DIR ?? "./data/uploads",
    uploadTmpDir: env.LAGOON_UPLOAD_TMP ?? "./data/tmp",
    directUploads: env.LAGOON_DIRECT_UPLOADS === "1",
  };
}
