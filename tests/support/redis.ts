/** A throwaway redis-server (Debian's package) on a free loopback port, for a test. */
import { spawn, type ChildProcess } from "node:child_process";
import { freePort } from "./ports.js";

export interface TestRedis {
  readonly port: number;
  readonly url: string;
  /** Stops the server (SIGKILL: like a crash) and resolves when it is gone. */
  stop(): Promise<void>;
  /** Starts it again on the same port. */
  start(): Promise<void>;
}

export async function startRedis(): Promise<TestRedis> {
  const port = await freePort();
  let proc: ChildProcess | undefined;
  const start = () =>
    new Promise<void>((resolve, reject) => {
      // no persistence: a restart comes back empty, the harder case for subscribers
      const p = spawn("/usr/bin/redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
        stdio: ["ignore", "pipe", "inherit"],
      });
      proc = p;
      let out = "";
      p.stdout!.on("data", (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes("Ready to accept connections")) resolve();
      });
      p.once("exit", (code) => reject(new Error(`redis-server exited (${code}): ${out}`)));
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (!proc || proc.exitCode !== null || proc.signalCode !== null) return resolve();
      proc.once("exit", () => resolve());
      proc.kill("SIGKILL");
    });
  await start();
  return { port, url: `redis://127.0.0.1:${port}`, stop, start };
}
