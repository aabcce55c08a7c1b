/**
 * Baseline: a raw `node:http` server answering each path with fixed bytes (the pages the
 * benchmark fetched from Lagoon and the peer, in BENCH_PAGES as JSON `{ path: html }`), with
 * the headers a page needs: the limit of what answering that many bytes costs. On PORT, or
 * any free port.
 */
import { createServer } from "node:http";

const pages = new Map(Object.entries(JSON.parse(process.env.BENCH_PAGES ?? "{}") as Record<string, string>).map(([k, v]) => [k, Buffer.from(v)]));
const server = createServer((req, res) => {
  const body = pages.get(req.url ?? "");
  if (!body) return res.writeHead(404).end();
  res.writeHead(200, { "content-type": "text/html; charset=UTF-8", "content-length": body.length }).end(body);
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => console.log(`PORT ${(server.address() as { port: number }).port}`));
