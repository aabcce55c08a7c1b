/** Shared helpers for `npm run bench`: percentiles, child servers, the results table. */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import autocannon from "autocannon";

export interface Result {
  metric: string;
  value: number;
  unit: string;
  baseline: number | null;
  /** value / baseline */
  ratio: number | null;
  target: string;
  pass: boolean | null;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export function median(values: readonly number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

export function result(metric: string, value: number, unit: string, baseline: number | null, target: string, pass: boolean | null): Result {
  return {
    metric,
    value: round(value),
    unit,
    baseline: baseline === null ? null : round(baseline),
    ratio: baseline ? round(value / baseline) : null,
    target,
    pass,
  };
}

/** Four significant digits (whole numbers from 1,000 up): enough for figures this noisy. */
function round(n: number): number {
  return Math.abs(n) >= 1000 ? Math.round(n) : Number(n.toPrecision(4));
}

/**
 * Starts `node --import tsx <script>` and waits for it to print `PORT <n>`. With `cpu`, the
 * server runs on that core only (taskset), and the load from this process on the other.
 * `compiled`: `lagoon` resolves to the built package (dist/), in production mode, as
 * `npm start` runs the demo; otherwise to the TypeScript sources.
 */
export function startChild(script: string, opts: { cpu?: number; env?: Record<string, string>; compiled?: boolean } = {}): Promise<Child> {
  return new Promise((resolve, reject) => {
    const sources = opts.compiled ? [] : ["--conditions=lagoon-source"];
    const node = [process.execPath, ...sources, "--import", "tsx", "--expose-gc", script];
    const [cmd, ...args] = opts.cpu === undefined || !PINNED ? node : ["taskset", "-c", String(opts.cpu), ...node];
    const env = { ...process.env, ...(opts.compiled ? { NODE_ENV: "production" } : {}), ...opts.env };
    const child = spawn(cmd!, args, { stdio: ["ignore", "pipe", "inherit"], env });
    children.add(child);
    child.once("exit", () => children.delete(child));
    let buffer = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      const m = /PORT (\d+)/.exec(buffer);
      if (m) {
        const port = Number(m[1]);
        resolve({
          port,
          url: `http://127.0.0.1:${port}`,
          child,
          stop: () =>
            new Promise<void>((done) => {
              if (child.exitCode !== null) return done();
              child.once("exit", () => done());
              child.kill();
            }),
        });
      }
    });
    child.once("exit", (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}

// a benchmark that throws must not leave its servers running
const children = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of children) child.kill();
});

export interface Child {
  port: number;
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Servers on core 0, this process (the load) on core 1, when the machine has two cores and taskset. */
export const PINNED = pinSelf();

function pinSelf(): boolean {
  if (availableParallelism() < 2) return false;
  try {
    // -a: every thread of this process (libuv pool, GC helpers), not just the main one
    execFileSync("taskset", ["-a", "-cp", "1", String(process.pid)], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

const CLOCK_TICKS = clockTicks();

function clockTicks(): number {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
}

/**
 * CPU time `child` has used so far (user + system, every thread), in µs, from
 * /proc/<pid>/stat; NaN where there is no /proc. Taken around a run, it tells work from
 * waiting: a round trip's latency also holds the wake-ups on both sides.
 */
export function cpuTime(child: Child): number {
  try {
    const stat = readFileSync(`/proc/${child.child.pid}/stat`, "utf8");
    // the fields after the command name, which may hold spaces: utime and stime are the 12th and 13th
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS) * 1e6;
  } catch {
    return NaN;
  }
}

/** A server's memory after a full GC (`/__bench/memory`). */
export async function serverMemory(child: Child): Promise<NodeJS.MemoryUsage> {
  return (await (await fetch(`${child.url}/__bench/memory`)).json()) as NodeJS.MemoryUsage;
}

/**
 * Bytes each idle connection holds on `child` (RSS and heap after a full GC): `count` are
 * opened, `inFlight` at a time, in five steps, and the figure is the slope of memory over
 * the open connections from the first step to the last (least squares). Growth before the
 * first step is left out: what the process grows once under a connect burst (V8 enlarges
 * its young generation, the allocator keeps its arenas) is no connection's.
 */
export async function perConnection(
  child: Child,
  open: (i: number) => Promise<{ close(): void }>,
  count: number,
  inFlight: number,
): Promise<{ rss: number; heap: number }> {
  const STEPS = 5;
  const step = Math.floor(count / STEPS);
  const opened: { close(): void }[] = [];
  const points: { n: number; rss: number; heap: number }[] = [];
  for (let k = 0; k < STEPS; k++) {
    opened.push(...(await pool(Array.from({ length: step }), inFlight, (_, i) => open(opened.length + i))));
    // let closing handshakes and timers of the connect burst finish first
    await new Promise((r) => setTimeout(r, 500));
    const m = await serverMemory(child);
    points.push({ n: opened.length, rss: m.rss, heap: m.heapUsed });
  }
  for (const c of opened) c.close();
  const slope = (y: (p: (typeof points)[number]) => number) => {
    const mn = points.reduce((a, p) => a + p.n, 0) / points.length;
    const my = points.reduce((a, p) => a + y(p), 0) / points.length;
    return points.reduce((a, p) => a + (p.n - mn) * (y(p) - my), 0) / points.reduce((a, p) => a + (p.n - mn) ** 2, 0);
  };
  return { rss: slope((p) => p.rss), heap: slope((p) => p.heap) };
}

/** Runs `fn` over `items` with at most `limit` at a time. */
export async function pool<T, R>(items: readonly T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

export const KiB = 1024;
export const MiB = 1024 * 1024;

export function printTable(results: Result[]): void {
  const rows = results.map((r) => [
    r.metric,
    `${r.value.toLocaleString("en")} ${r.unit}`,
    r.baseline === null ? "-" : `${r.baseline.toLocaleString("en")} ${r.unit}`,
    r.ratio === null ? "-" : `${r.ratio}x`,
    r.target,
    r.pass === null ? "-" : r.pass ? "pass" : "MISS",
  ]);
  const head = ["metric", "value", "baseline", "ratio", "target", ""];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ");
  console.log(line(head));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows) console.log(line(r));
}

export function writeResults(path: string, results: Result[]): void {
  writeFileSync(path, JSON.stringify(results, null, 2) + "\n");
}

/** Requests per second autocannon gets from `url` over `seconds` (`connections` at once); any error or non-2xx answer throws. */
export async function rate(url: string, seconds: number, opts: { cookie?: string; connections?: number } = {}): Promise<number> {
  const { cookie, connections = 50 } = opts;
  const r = await autocannon({ url, connections, duration: seconds, headers: cookie ? { cookie } : {} });
  if (r.errors || r.non2xx) throw new Error(`${url}: ${r.errors} errors, ${r.non2xx} non-2xx responses`);
  return r.requests.total / r.duration;
}

/**
 * `n` round trips of each of `trips` after `warmup`, taken in turns so that all see the same
 * background load. Back to back (`paceMs` 0), or paced: each trip runs once per `paceMs`,
 * the trips of a turn spread evenly over it, so each follows the same idle time (the first
 * of a turn would otherwise be the only one to meet cold caches).
 * Sorted times in ms, one list per trip.
 */
export async function inTurns(trips: ((i: number) => Promise<unknown>)[], warmup: number, n: number, paceMs = 0): Promise<number[][]> {
  const times = trips.map(() => [] as number[]);
  const sleepUntil = async (at: number) => {
    const wait = at - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  };
  for (let i = 0; i < warmup + n; i++) {
    const turn = performance.now();
    for (const [k, trip] of trips.entries()) {
      if (paceMs > 0) await sleepUntil(turn + (k * paceMs) / trips.length);
      const started = performance.now();
      await trip(i);
      if (i >= warmup) times[k]!.push(performance.now() - started);
    }
    if (paceMs > 0) await sleepUntil(turn + paceMs);
  }
  return times.map((t) => t.sort((a, b) => a - b));
}
