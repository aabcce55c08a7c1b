/**
 * A server as its own process, for tests that kill it or run several: the demo's
 * `npm start` entry point (app/main.ts), another of its entries, or a fixture server.
 */
import { spawn, type ChildProcess } from "node:child_process";

export interface AppProcess {
  readonly url: string;
  readonly proc: ChildProcess;
  /** SIGKILL, resolved when the process is gone. */
  kill(): Promise<void>;
}

/** `app/main.ts` (npm start), or another entry of the demo such as `app/dev.ts` (npm run dev). */
export function startAppProcess(env: Record<string, string>, args: string[] = [], entry = "app/main.ts"): Promise<AppProcess> {
  const proc = spawn(process.execPath, ["--conditions=lagoon-source", "--import", "tsx", entry, ...args], {
    env: { ...process.env, HOST: "127.0.0.1", ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const kill = () =>
    new Promise<void>((resolve) => {
      if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
      proc.once("exit", () => resolve());
      proc.kill("SIGKILL");
    });
  return new Promise((resolve, reject) => {
    let out = "";
    proc.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const m = /Lagoon (?:demo|dev server|fixture) at (http:\/\/\S+)/.exec(out);
      if (m) resolve({ url: m[1]!, proc, kill });
    });
    proc.once("exit", (code) => reject(new Error(`app exited with ${code} before listening: ${out}`)));
  });
}

/** A fixture server (fixture-main.ts) serving `routes` (`<module of views/>#<export>`) as its own process. */
export function startFixtureProcess(routes: string, env: Record<string, string>): Promise<AppProcess> {
  return startAppProcess({ ...env, FIXTURE_ROUTES: routes }, [], "tests/support/fixture-main.ts");
}
