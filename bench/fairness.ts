/**
 * One hostile user against everyone else, with the demo's limits on: another user clicks
 * the counter every 20 ms, first alone (the baseline), then while (a) five sockets of a user
 * with 3,000 todos each send 200 `validate` events to /board as fast as the socket limits
 * let them, and (b) 1,000 /chat views of one room join and then leave (presence). The
 * figure is that user's click round trip p95, beside the same click with no flood.
 */
import { loadPage } from "../tests/support/protocol.js";
import { httpLogIn } from "../tests/support/login.js";
import { LiveClient } from "./live-client.js";
import { percentile, pool, result, startChild, type Result } from "./lib.js";

const PACE_MS = 20;

/** Clicks every PACE_MS until `done` resolves (at least `min` clicks); returns sorted round trips in ms. */
async function clicks(victim: LiveClient, done: Promise<unknown>, min = 100): Promise<number[]> {
  let finished = false;
  void done.then(() => (finished = true));
  const times: number[] = [];
  for (let i = 0; !finished || times.length < min; i++) {
    const started = performance.now();
    await victim.click(i % 2 ? "decrement" : "increment", { value: "" });
    times.push(performance.now() - started);
    const wait = PACE_MS - (performance.now() - started);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
  return times.sort((a, b) => a - b);
}

async function victimOf(url: string): Promise<LiveClient> {
  const page = await loadPage(url, "/counter");
  return (await LiveClient.join(url, page, "/counter")).client;
}

export async function fairness(): Promise<Result[]> {
  const results: Result[] = [];
  const app = await startChild("bench/servers/app.ts", {
    cpu: 0,
    compiled: true,
    env: { BENCH_LIMITS: "demo", BENCH_VIEWS_PER_USER: "2000" },
  });
  try {
    const victim = await victimOf(app.url);
    const baseline = await clicks(victim, Promise.resolve(), 200);

    // (a) a user with 3,000 todos floods /board with form changes from five sockets
    await fetch(`${app.url}/__bench/todos?email=alice@example.com&n=3000`, { method: "POST" });
    const cookie = await httpLogIn(app.url, "alice@example.com");
    const boards = await pool(Array.from({ length: 5 }), 5, async () => {
      const page = await loadPage(app.url, "/board", cookie);
      return (await LiveClient.join(app.url, page, "/board")).client;
    });
    const flood = Promise.all(
      boards.map((board) =>
        Promise.all(
          Array.from({ length: 200 }, (_, i) =>
            board.send("event", { type: "form", event: "validate", value: `todo%5Btitle%5D=flood+${i}`, meta: { _target: "todo[title]" } }),
          ),
        ),
      ),
    );
    const underFlood = await clicks(victim, flood);
    for (const b of boards) b.close();

    // (b) 1,000 views of one chat room join, then leave
    const chatPages = await pool(Array.from({ length: 1000 }), 20, () => loadPage(app.url, "/chat/bench", cookie));
    let chats: LiveClient[] = [];
    const joinLeave = (async () => {
      chats = await pool(chatPages, 20, async (p) => (await LiveClient.join(app.url, p, "/chat/bench")).client);
      for (const c of chats) c.close();
    })();
    const underPresence = await clicks(victim, joinLeave);
    victim.close();

    const p95 = (t: number[]) => percentile(t, 95);
    results.push(
      result(
        "another user's click p95, 5 sockets flooding /board (3,000 todos)",
        p95(underFlood),
        "ms",
        p95(baseline),
        "< 50 ms",
        p95(underFlood) < 50,
      ),
      result(
        "another user's click p95, 1,000 views joining and leaving a room",
        p95(underPresence),
        "ms",
        p95(baseline),
        "< 50 ms",
        p95(underPresence) < 50,
      ),
    );
    return results;
  } finally {
    await app.stop();
  }
}
