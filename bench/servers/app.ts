/**
 * The demo app in its own process, for benchmarks, as `npm start` runs it: the compiled
 * demo (dist/app) on the compiled framework, in production mode (bench/lib.ts's
 * `compiled`). Extra routes:
 * `/__bench/static/P` (page /P as the first such request's cookie renders it, then
 * served as a constant: the static Hono baseline, same size, same process) and
 * `/__bench/memory`.
 */
import { randomBytes } from "node:crypto";
// the built demo (npm run bench builds it first); a path in a variable, so type checking needs no build
const APP = "../../dist/app/server.js";
const { createApp } = (await import(APP)) as typeof import("../../app/server.js");
import { memoryAfterGc } from "./memory.js";

// most benchmarks measure the framework, not its flood limits: one socket sends thousands
// of events a second, and thousands of sockets come from 127.0.0.1. BENCH_LIMITS=demo keeps
// the demo's limits (the fairness benchmark floods as a hostile user would); views per
// user can be raised with BENCH_VIEWS_PER_USER
const limits =
  process.env.BENCH_LIMITS === "demo"
    ? { connectionsPerAddress: Infinity, viewsPerUser: Number(process.env.BENCH_VIEWS_PER_USER ?? 50) }
    : { burst: Infinity, perSecond: Infinity, connectionsPerAddress: Infinity, viewsPerUser: Infinity };
const { lagoon, ctx } = await createApp({ secret: randomBytes(32).toString("hex"), db: ":memory:", socket: { limits } });
const copies = new Map<string, string>();
// routes first: Hono builds its router on the first request
lagoon.app.get("/__bench/static/*", async (c) => {
  const path = c.req.path.slice("/__bench/static".length);
  let page = copies.get(path);
  if (page === undefined) {
    const res = await lagoon.app.request(path, { headers: { cookie: c.req.header("cookie") ?? "" } });
    if (res.status !== 200) return c.text(`${path}: ${res.status}`, 500);
    copies.set(path, (page = await res.text()));
  }
  return c.html(page);
});
lagoon.app.get("/__bench/memory", (c) => c.json(memoryAfterGc()));
// `n` todos for the user with `email` (a user who created too many, for the fairness bench)
lagoon.app.post("/__bench/todos", async (c) => {
  const email = c.req.query("email") ?? "";
  const n = Number(c.req.query("n") ?? 0);
  const user = await ctx.accounts.byEmail(email);
  if (!user) return c.text("no such user", 404);
  for (let i = 0; i < n; i++) await ctx.todos.create(user, { title: `Todo number ${i}` });
  return c.text("ok");
});
const { port } = await lagoon.listen({ port: 0, hostname: "127.0.0.1" });
console.log(`PORT ${port}`);
// a clean exit on SIGTERM, so that `node --cpu-prof` writes its profile
process.once("SIGTERM", () => process.exit(0));
