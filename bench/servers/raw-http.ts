/**
 * Baseline: a raw `node:http` server answering each path with fixed bytes (the pages the
 * benchmark fetched from Lagoon and the peer, in BENCH_PAGES as JSON `{ path: html }`), with
 * the headers a page needs: the limit of what answering that many bytes costs. On PORT, or
 * any free port. BENCH_WORK_US: CPU time (a busy wait) spent on each request before the
 * answer, to show what a given amount of work per request leaves of the raw rate.
 */
import { createServer } from "node:http";

const pages = new Map(
  Object.entries(JSON.parse(process.env.BENCH_PAGES ?? "{}") as Record<string, string>).map(([k, v]) => [k, Buffer.from(v)]),
);
const workMs = Number(process.env.BENCH_WORK_US ?? 0) / 1000;
const server = createServer((req, res) => {
  if (workMs > 0) for (const until = performance.now() + workMs; performance.now() < until; );
  const body = pages.get(req.url ?? "");
  if (!body) return res.writeHead(404).end();
  res.writeHead(200, { "content-type": "text/html; charset=UTF-8", "content-length": body.length }).end(body);
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => console.log(`PORT ${(server.address() as { port: number }).port}`));
