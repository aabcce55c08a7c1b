/**
 * HTTP first render with autocannon: requests/s of a live page's first (dead) render vs a
 * static Hono response of the same page from the same process. No cookie is sent, as on a
 * first visit: each request also creates and signs a session.
 */
import autocannon from "autocannon";
import { result, startChild, type Result } from "./lib.js";

/** The demo's live pages to render. The todo list joins when the demo has it. */
const PAGES = ["/counter"];
const CONNECTIONS = 50;
/** Alternating runs of each, so both see the same background load. */
const RUNS = 2;
const SECONDS = 3;

async function rate(url: string, seconds: number): Promise<number> {
  const r = await autocannon({ url, connections: CONNECTIONS, duration: seconds });
  if (r.errors || r.non2xx) throw new Error(`${url}: ${r.errors} errors, ${r.non2xx} non-2xx responses`);
  return r.requests.total / r.duration;
}

export async function firstRender(): Promise<Result[]> {
  const app = await startChild("bench/servers/app.ts", { cpu: 0 });
  try {
    const out: Result[] = [];
    for (const path of PAGES) {
      // warm-up: JIT, caches, sockets
      await rate(app.url + path, 1);
      await rate(`${app.url}/__bench/static`, 1);
      let live = 0;
      let stat = 0;
      for (let i = 0; i < RUNS; i++) {
        live += await rate(app.url + path, SECONDS);
        stat += await rate(`${app.url}/__bench/static`, SECONDS);
      }
      live /= RUNS;
      stat /= RUNS;
      out.push(result(`HTTP first render of ${path} (c=${CONNECTIONS})`, live, "req/s", stat, "≥ 1/3 of static Hono", live >= stat / 3));
    }
    return out;
  } finally {
    await app.stop();
  }
}
