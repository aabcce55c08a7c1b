/**
 * Counter round trips at 1,000 connected clients while another view runs a ~2 s CPU task,
 * through the demo's worker pool and on the event loop (bench-only views in
 * bench/servers/cpu.ts), each beside the same clients' round trips with the server idle.
 */
import { percentile, result, startChild, type Result } from "./lib.js";
import { loadPage, ProtocolClient } from "../tests/support/protocol.js";

const CLIENTS = 1000;

interface Joined {
  client: ProtocolClient;
  joinRef: string;
  topic: string;
}

async function join(base: string, path: string, cookie?: string): Promise<Joined> {
  const page = await loadPage(base, path, cookie);
  const client = await ProtocolClient.connect(base, page);
  const { joinRef, topic, reply } = await client.join(base, page, path);
  if (reply[4].status !== "ok") throw new Error(`join ${path} failed: ${JSON.stringify(reply[4])}`);
  return { client, joinRef, topic };
}

/**
 * Counter clicks from many clients at once for `ms`: every 20 ms, 20 clients (in turn)
 * click together, as a crowd would. Each click's round trip, sorted, in ms.
 */
async function sample(clients: Joined[], ms: number): Promise<number[]> {
  const times: number[] = [];
  const pending: Promise<void>[] = [];
  const until = performance.now() + ms;
  let next = 0;
  while (performance.now() < until) {
    for (let k = 0; k < 20; k++) {
      const c = clients[next++ % clients.length]!;
      const started = performance.now();
      pending.push(
        c.client.push(c.joinRef, c.topic, "event", { type: "click", event: "increment", value: {} }).then(() => {
          times.push(performance.now() - started);
        }),
      );
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  await Promise.all(pending);
  return times.sort((a, b) => a - b);
}

const LIMIT = 20_000_000;

/** How many counts up to LIMIT take the server about `ms` (timed through the inline view). */
async function calibrate(inline: Joined, ms: number): Promise<number> {
  const started = performance.now();
  await inline.client.push(inline.joinRef, inline.topic, "event", { type: "click", event: "count", value: { limit: LIMIT, times: 1 } });
  return Math.max(1, Math.round(ms / (performance.now() - started)));
}

export async function cpuRoundTrip(): Promise<Result[]> {
  const server = await startChild("bench/servers/cpu.ts");
  const base = `http://127.0.0.1:${server.port}`;
  const all: Joined[] = [];
  try {
    const { cookie } = await loadPage(base, "/counter");
    for (let i = 0; i < CLIENTS; i++) all.push(await join(base, "/counter", cookie));
    const inline = await join(base, "/inline-primes", cookie);
    const times = await calibrate(inline, 2000);
    const idle = await sample(all, 2000);

    const worker = await join(base, "/pool-primes", cookie);
    const withWorker = sample(all, 2000);
    void worker.client.push(worker.joinRef, worker.topic, "event", { type: "click", event: "count", value: { limit: LIMIT, times } });
    const pooled = await withWorker;

    const onLoop = sample(all, 2000);
    const taskStarted = performance.now();
    const task = inline.client
      .push(inline.joinRef, inline.topic, "event", { type: "click", event: "count", value: { limit: LIMIT, times } })
      .then(() => performance.now() - taskStarted);
    const blocked = await onLoop;
    const taskMs = await task;
    all.push(worker, inline);

    const ms = (xs: number[], p: number) => percentile(xs, p);
    return [
      result(
        "1,000 clients, CPU task in the worker pool: round trip p50",
        ms(pooled, 50),
        "ms",
        ms(idle, 50),
        "≤ 2x idle",
        ms(pooled, 50) <= 2 * ms(idle, 50),
      ),
      result("1,000 clients, CPU task in the worker pool: round trip p95", ms(pooled, 95), "ms", ms(idle, 95), "-", null),
      result(
        "1,000 clients, CPU task on the event loop: round trip p50",
        ms(blocked, 50),
        "ms",
        ms(idle, 50),
        "(what the pool avoids)",
        null,
      ),
      result(
        "1,000 clients, CPU task on the event loop: round trip p95",
        ms(blocked, 95),
        "ms",
        ms(idle, 95),
        "(what the pool avoids)",
        null,
      ),
      result("the CPU task itself, on the event loop", taskMs, "ms", null, "~2 s", null),
    ];
  } finally {
    await Promise.all(all.map((j) => j.client.close().catch(() => undefined)));
    server.child.kill();
  }
}
