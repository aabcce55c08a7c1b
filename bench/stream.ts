/**
 * Server memory while one view inserts 100,000 items into a stream, one event each: heap
 * and RSS after a full GC at 10,000 inserts and at 100,000. A stream keeps nothing of its
 * items once they are sent, so the figure should not move.
 */
import { MiB, result, serverMemory, startChild, type Result } from "./lib.js";
import { LiveClient } from "./live-client.js";
import { loadPage } from "../tests/support/protocol.js";

const FIRST = 10_000;
const TOTAL = 100_000;
/** Events in flight on the socket: the view handles them one at a time, in order. */
const WINDOW = 100;

async function insert(client: LiveClient, n: number): Promise<void> {
  let sent = 0;
  const worker = async () => {
    while (sent < n) {
      sent++;
      const reply = await client.click("add");
      if (reply.payload.status !== "ok") throw new Error(`insert failed: ${reply.text}`);
    }
  };
  await Promise.all(Array.from({ length: WINDOW }, worker));
}

export async function streamMemory(): Promise<Result[]> {
  const fixtures = await startChild("bench/servers/fixtures.ts", { cpu: 0 });
  try {
    const page = await loadPage(fixtures.url, "/stream");
    const { client } = await LiveClient.join(fixtures.url, page, "/stream");
    await insert(client, FIRST);
    const first = await serverMemory(fixtures);
    const started = performance.now();
    await insert(client, TOTAL - FIRST);
    const seconds = (performance.now() - started) / 1000;
    const last = await serverMemory(fixtures);
    client.close();
    const grown = last.heapUsed - first.heapUsed;
    return [
      result(
        `stream: server heap after ${TOTAL.toLocaleString("en")} inserts`,
        last.heapUsed / MiB,
        "MiB",
        first.heapUsed / MiB,
        `flat: < 1 MiB over ${(TOTAL - FIRST).toLocaleString("en")} inserts (baseline: after ${FIRST.toLocaleString("en")})`,
        grown < MiB,
      ),
      result(`stream: server RSS after ${TOTAL.toLocaleString("en")} inserts`, last.rss / MiB, "MiB", first.rss / MiB, "-", null),
      result("stream: inserts per second (one event each, 100 in flight)", (TOTAL - FIRST) / seconds, "/s", null, "-", null),
    ];
  } finally {
    await fixtures.stop();
  }
}
