/**
 * A throwaway Postgres cluster (Debian's postgresql package) for tests: initdb into a
 * temporary directory, the server on a free loopback port, one fresh database per caller.
 * Postgres refuses to run as root, so as root both run as the package's `postgres` user
 * (spawn's uid/gid: no su or runuser process in between, so the pid is the postmaster's).
 * Durability is off (fsync, full page writes): nothing here outlives the test run.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { freePort } from "./ports.js";

export interface TestPostgres {
  readonly port: number;
  /** The cluster's `postgres` database, as its superuser. */
  readonly url: string;
  /** A new empty database; its URL. */
  createDatabase(): Promise<string>;
  dropDatabase(url: string): Promise<void>;
  /** Stops the server (fast shutdown) and removes its files. */
  stop(): Promise<void>;
}

/** The newest installed server's bin directory, e.g. /usr/lib/postgresql/15/bin. */
export function postgresBin(): string {
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, "bin", "postgres"))) : [];
  if (versions.length === 0) throw new Error("Postgres is not installed: apt-get install postgresql (npm test does)");
  return join(root, versions.sort((a, b) => Number(b) - Number(a))[0]!, "bin");
}

/** uid and gid to run the server as: the `postgres` user when we are root, ourselves otherwise. */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(spawnSync("id", [flag, "postgres"], { encoding: "utf8" }).stdout.trim());
  const uid = id("-u");
  const gid = id("-g");
  if (!Number.isInteger(uid) || uid <= 0) throw new Error("running as root, and there is no postgres user to run Postgres as");
  return { uid, gid };
}

export async function startPostgres(): Promise<TestPostgres> {
  const bin = postgresBin();
  const user = serverUser();
  const dir = mkdtempSync(join(tmpdir(), "lagoon-pg-"));
  if (user) chownSync(dir, user.uid, user.gid);
  const data = join(dir, "data");
  const as = { ...user, cwd: dir, env: { ...process.env, LC_ALL: "C.UTF-8" } };
  const init = spawnSync(
    join(bin, "initdb"),
    ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"],
    {
      ...as,
      encoding: "utf8",
    },
  );
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.error}`);

  const port = await freePort();
  const settings = ["listen_addresses=127.0.0.1", `unix_socket_directories=${dir}`, "fsync=off", "full_page_writes=off"];
  settings.push("synchronous_commit=off", "max_connections=200", "shared_buffers=32MB");
  const proc: ChildProcess = spawn(join(bin, "postgres"), ["-D", data, "-p", String(port), ...settings.flatMap((s) => ["-c", s])], {
    ...as,
    stdio: ["ignore", "ignore", "pipe"],
  });
  // a test run that ends without stop() must not leave the server behind
  const orphan = () => proc.kill("SIGQUIT");
  process.once("exit", orphan);
  await new Promise<void>((resolve, reject) => {
    let log = "";
    proc.stderr!.on("data", (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes("database system is ready to accept connections")) resolve();
    });
    proc.once("exit", (code) => reject(new Error(`postgres exited (${code}): ${log}`)));
  });

  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const admin = async <T>(fn: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  };
  return {
    port,
    url,
    async createDatabase() {
      const name = `test_${randomBytes(6).toString("hex")}`;
      await admin((c) => c.query(`create database ${name}`));
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    async dropDatabase(dbUrl) {
      const name = new URL(dbUrl).pathname.slice(1);
      if (!/^test_[0-9a-f]+$/.test(name)) throw new Error(`not a test database: ${name}`);
      await admin((c) => c.query(`drop database if exists ${name} with (force)`));
    },
    stop: () =>
      new Promise<void>((resolve) => {
        process.off("exit", orphan);
        const done = () => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        };
        if (proc.exitCode !== null || proc.signalCode !== null) return done();
        proc.once("exit", done);
        proc.kill("SIGINT"); // fast shutdown: sessions are ended, nothing waits for clients
      }),
  };
}
