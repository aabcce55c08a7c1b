/**
 * Memory per idle connected view: 10,000 sockets each join the counter; the server's RSS
 * after a full GC, per view as the slope over the joins (lib.ts `perConnection`).
 * Beside it, the same for idle connections to a raw `ws` echo server. Both servers run in
 * their own processes.
 */
import WebSocket from "ws";
import { KiB, perConnection, pool, result, startChild, type Result } from "./lib.js";
import { LiveClient } from "./live-client.js";
import { loadPage, type PageInfo } from "../tests/support/protocol.js";

const VIEWS = 10_000;
const IN_FLIGHT = 200;
/** Page loads whose cookie and view token the sockets share (a token may be joined on several sockets). */
const PAGES = 100;

async function lagoonPerView(): Promise<{ rss: number; heap: number }> {
  const app = await startChild("bench/servers/app.ts", { cpu: 0, compiled: true });
  try {
    const pages: PageInfo[] = await pool(Array.from({ length: PAGES }), 20, () => loadPage(app.url, "/counter"));
    // warm up: the code paths of a join, then back to idle
    const warm = await pool(pages, 20, async (p) => (await LiveClient.join(app.url, p, "/counter")).client);
    for (const c of warm) c.close();
    const join = async (i: number) => (await LiveClient.join(app.url, pages[i % PAGES]!, "/counter")).client;
    return await perConnection(app, join, VIEWS, IN_FLIGHT);
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
    const idle = async () => {
      const ws = await open();
      return { close: () => ws.terminate() };
    };
    return await perConnection(echo, idle, VIEWS, IN_FLIGHT);
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
