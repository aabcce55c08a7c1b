/**
 * The demo app for the CPU benchmark, plus two bench-only views that count primes `times`
 * over: one in the demo's worker pool through assignAsync (as /primes does), one on the
 * event loop (what a view does without a pool).
 */
import { randomBytes } from "node:crypto";
import { createLagoon, TelemetryWindow } from "../../server/index.js";
import { AsyncResult, defineView, html, live, liveSession, MemoryPubSub } from "../../shell/index.js";
import { openContext } from "../../app/context.js";
import { routes } from "../../app/routes.js";
import { demoLimits } from "../../app/limits.js";
import { countPrimes } from "../../app/work/primes.js";

type Task = { limit: number; times: number };

const InlinePrimes = defineView<{ result: number }>({
  name: "InlinePrimes",
  mount: (_p, _s, socket) => void socket.assign({ result: 0 }),
  events: {
    count: ({ limit, times }: Task, socket) => {
      let result = 0;
      for (let i = 0; i < times; i++) result = countPrimes(limit);
      socket.assign({ result });
    },
  },
  render: (a) => html`<p>${a.result}</p>`,
});

const pubsub = new MemoryPubSub();
const ctx = await openContext({ db: { file: ":memory:" }, pubsub });

const PoolPrimes = defineView<{ result: AsyncResult<number> }>({
  name: "PoolPrimes",
  mount: (_p, _s, socket) => void socket.assign({ result: AsyncResult.ok(0) }),
  events: {
    count: ({ limit, times }: Task, socket) => {
      socket.assignAsync("result", async (signal) => {
        let result = 0;
        for (let i = 0; i < times; i++) result = await ctx.work.countPrimes(limit, signal);
        return { result };
      });
    },
  },
  render: (a) => html`<p>${a.result.loading ? "counting" : String(a.result.result)}</p>`,
});

const lagoon = createLagoon({
  routes: [
    ...routes(ctx, new TelemetryWindow(), demoLimits()),
    liveSession({ name: "bench" }, [live("/inline-primes", InlinePrimes), live("/pool-primes", PoolPrimes)]),
  ],
  secret: randomBytes(32).toString("hex"),
  pubsub,
  // a thousand clients of one session: the views-per-user budget would refuse them
  socket: { limits: { burst: Infinity, perSecond: Infinity, connectionsPerAddress: Infinity, viewsPerUser: Infinity } },
});
const { port } = await lagoon.listen({ port: 0, hostname: "127.0.0.1" });
console.log(`PORT ${port}`);
