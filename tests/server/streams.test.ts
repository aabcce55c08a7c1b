/** Streams over a real WebSocket: each insert costs about one item on the wire and nothing in server memory. */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFixtureServer } from "../support/fixture-server.js";
import { loadPage, ProtocolClient } from "../support/protocol.js";
import { logRoutes } from "../support/views/log.js";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

let server: Awaited<ReturnType<typeof startFixtureServer>>;
beforeAll(async () => {
  // this measures streams, not the per-socket rate limit (tests/hardening/flood.test.ts does)
  server = await startFixtureServer(logRoutes(), { socket: { limits: { burst: Infinity, perSecond: Infinity } } });
});
afterAll(async () => {
  await server.close();
});

describe("streams", () => {
  it("sends each of 15,000 inserts as one item, and server memory does not grow with the count", async () => {
    const page = await loadPage(server.url, "/log");
    const client = await ProtocolClient.connect(server.url, page);
    const { joinRef, topic } = await client.join(server.url, page, "/log");
    const sizes: number[] = [];
    const heap: number[] = [];
    for (let i = 1; i <= 15_000; i++) {
      const reply = await client.push(joinRef, topic, "event", { type: "click", event: "add", value: {} });
      sizes.push(JSON.stringify(reply[4].response.diff).length);
      client.frames.length = 0;
      // measured after warm-up (JIT, buffers), across 10,000 inserts
      if (i === 5000 || i === 15_000) {
        gc();
        heap.push(process.memoryUsage().heapUsed);
      }
    }
    // one item's dynamics plus its stream op; statics went once, with the first insert
    const one = JSON.stringify({
      0: { k: { 0: { 0: ' id="lines-15000"', 1: "message number 15000" }, kc: 1 }, stream: ["0", [["lines-15000", -1, null, false]], []] },
    });
    expect(Math.max(...sizes.slice(1))).toBeLessThanOrEqual(one.length);
    // loose: keeping even 100 bytes per item would add ~1 MB here; bench/ measures the server alone precisely
    expect(heap[1]! - heap[0]!).toBeLessThan(768 * 1024);
    await client.close();
  }, 120_000);
});
