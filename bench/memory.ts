/**
 * Memory per idle connected view: 10,000 sockets each join the counter; the server's RSS
 * after a full GC, before and after, divided by the views. Beside it, the same for 10,000
 * idle connections to a raw `ws` echo server. Both servers run in their own processes.
 */
import WebSocket from "ws";
import { KiB, pool, result, serverMemory, startChild, type Child, type Result } from "./lib.js";
import { LiveClient } from "./live-client.js";
import { loadPage, type PageInfo } from "../tests/support/protocol.js";

const VIEWS = 10_000;
const IN_FLIGHT = 200;
/** Page loads whose cookie and view token the sockets share (a token may be joined on several sockets). */
const PAGES = 100;

async function settle(child: Child): Promise<NodeJS.MemoryUsage> {
  // let closing handshakes and timers of the connect burst finish first
  await new Promise((r) => setTimeout(r, 500));
  return serverMemory(child);
}

async function lagoonPerView(): Promise<{ rss: number; heap: number }> {
  const app = await startChild("bench/servers/app.ts", { cpu: 0, compiled: true });
  try {
    const pages: PageInfo[] = await pool(Array.from({ length: PAGES }), 20, () => loadPage(app.url, "/counter"));
    // warm up: the code paths of a join, then back to idle
    const warm = await pool(pages, 20, async (p) => (await LiveClient.join(app.url, p, "/counter")).client);
    for (const c of warm) c.close();
    const before = await settle(app);
    const clients = await pool(Array.from({ length: VIEWS }), IN_FLIGHT, async (_, i) => {
      return (await LiveClient.join(app.url, pages[i % PAGES]!, "/counter")).client;
    });
    const after = await settle(app);
    for (const c of clients) c.close();
    return { rss: (after.rss - before.rss) / VIEWS, heap: (after.heapUsed - before.heapUsed) / VIEWS };
  } finally {
    await app.stop();
  }
}

async function echoPerConnection(): Promise<{ rss: number; heap: number }> {
  const echo = await startChild("bench/servers/echo.ts", { cpu: 0 });
  try {
    const open = () =>
      new Promise<WebSocket>((resolve, reject) => {
        const ws = new WebSocket(`ws://127.0.0.1:${echo.port}`, { perMessageDeflate: false });
        ws.once("open", () => resolve(ws));
        ws.once("error", reject);
      });
    const warm = await pool(Array.from({ length: PAGES }), 20, open);
    for (const ws of warm) ws.terminate();
    const before = await settle(echo);
    const sockets = await pool(Array.from({ length: VIEWS }), IN_FLIGHT, open);
    const after = await settle(echo);
    for (const ws of sockets) ws.terminate();
    return { rss: (after.rss - before.rss) / VIEWS, heap: (after.heapUsed - before.heapUsed) / VIEWS };
  } finally {
    await echo.stop();
  }
}

export async function memoryPerView(): Promise<Result[]> {
  const lagoon = await lagoonPerView();
  const echo = await echoPerConnection();
  const n = VIEWS.toLocaleString("en");
  return [
    result(
      `idle connected view, RSS after GC (${n} views)`,
      lagoon.rss / KiB,
      "KiB",
      echo.rss / KiB,
      "≤ 40 KB (39.06 KiB)",
      lagoon.rss <= 40_000,
    ),
    result(`idle connected view, heap after GC (${n} views)`, lagoon.heap / KiB, "KiB", echo.heap / KiB, "-", null),
  ];
}
