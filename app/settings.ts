/**
 * Settings from the environment, with defaults that need nothing installed:
 * PORT (3000), HOST (127.0.0.1), LAGOON_DB (./data/lagoon.db), LAGOON_SECRET (generated
 * into ./data/secret on first start), LAGOON_REDIS_URL (unset: in-process PubSub),
 * LAGOON_FILES_DIR (./data/uploads: stored files), LAGOON_UPLOAD_TMP (./data/tmp: uploads
 * in progress), LAGOON_DIRECT_UPLOADS=1 (browsers post files to the storage themselves).
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

export interface Settings {
  port: number;
  host: string;
  db: string;
  secret: string;
  redisUrl: string | undefined;
  catalogDelayMs: number;
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
    secret: env.LAGOON_SECRET ?? secretFrom("./data/secret"),
    redisUrl: env.LAGOON_REDIS_URL || undefined,
    catalogDelayMs: Math.max(0, Number(env.LAGOON_CATALOG_DELAY_MS ?? 0) || 0),
    filesDir: env.LAGOON_FILES_DIR ?? "./data/uploads",
    uploadTmpDir: env.LAGOON_UPLOAD_TMP ?? "./data/tmp",
    directUploads: env.LAGOON_DIRECT_UPLOADS === "1",
  };
}
