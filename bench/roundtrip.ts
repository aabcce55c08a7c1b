/**
 * Counter event round trip through Lagoon vs a raw `ws` echo in the same run (both servers
 * in their own processes, one client here), and the bytes of one click's diff.
 */
import WebSocket from "ws";
import { percentile, result, startChild, type Result } from "./lib.js";
import { loadPage } from "../tests/support/protocol.js";

const WARMUP = 500;
const SAMPLES = 5000;

function open(url: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once("open", () => resolve(ws));
    ws.once("error", reject);
  });
}

/** Sequential ping-pongs: send, wait for the matching reply, repeat. Returns sorted ms. */
async function pingPong(
  ws: WebSocket,
  frame: (i: number) => string,
  isReply: (data: string, i: number) => boolean,
  n: number,
): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    await new Promise<void>((resolve) => {
      const onMessage = (data: WebSocket.RawData) => {
        if (isReply(data.toString(), i)) {
          ws.off("message", onMessage);
          resolve();
        }
      };
      ws.on("message", onMessage);
      ws.send(frame(i));
    });
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}

export async function roundTrip(): Promise<Result[]> {
  const echo = await startChild("bench/servers/echo.ts");
  const app = await startChild("bench/servers/app.ts");
  try {
    const base = `http://127.0.0.1:${app.port}`;
    const page = await loadPage(base, "/counter");
    const ws = await open(`ws://127.0.0.1:${app.port}/live/websocket?_csrf_token=${encodeURIComponent(page.csrf)}&vsn=2.0.0`, {
      cookie: page.cookie,
    });
    const topic = `lv:${page.id}`;
    await pingPong(
      ws,
      () =>
        JSON.stringify([
          "1",
          "1",
          topic,
          "phx_join",
          { url: base + "/counter", params: { _csrf_token: page.csrf, _mounts: 0 }, session: page.session, static: null },
        ]),
      (d) => d.includes('"phx_reply"'),
      1,
    );
    const event = (i: number) =>
      JSON.stringify([
        "1",
        String(i + 2),
        topic,
        "event",
        { type: "click", event: i % 2 ? "decrement" : "increment", value: { value: "" } },
      ]);
    let replyBytes = 0;
    let diffBytes = 0;
    const isReply = (d: string, i: number) => {
      if (!d.startsWith(`["1","${i + 2}"`)) return false;
      replyBytes = Buffer.byteLength(d);
      diffBytes = Buffer.byteLength(JSON.stringify(JSON.parse(d)[4].response.diff));
      return true;
    };
    await pingPong(ws, event, isReply, WARMUP);
    const lagoon = await pingPong(
      ws,
      (i) => event(i + WARMUP),
      (d, i) => isReply(d, i + WARMUP),
      SAMPLES,
    );

    const echoWs = await open(`ws://127.0.0.1:${echo.port}`);
    // a frame the size of the counter's event, echoed back
    const probe = (i: number) => event(i).padEnd(event(i).length, " ");
    await pingPong(echoWs, probe, (d, i) => d === probe(i), WARMUP);
    const raw = await pingPong(
      echoWs,
      (i) => probe(i + WARMUP),
      (d, i) => d === probe(i + WARMUP),
      SAMPLES,
    );
    ws.close();
    echoWs.close();

    const p50 = percentile(lagoon, 50);
    const e50 = percentile(raw, 50);
    return [
      result("counter round trip p50 (1 client)", p50 * 1000, "µs", e50 * 1000, "≤ 1.5x raw ws echo", p50 <= 1.5 * e50),
      result("counter round trip p95 (1 client)", percentile(lagoon, 95) * 1000, "µs", percentile(raw, 95) * 1000, "-", null),
      result("counter round trip p99 (1 client)", percentile(lagoon, 99) * 1000, "µs", percentile(raw, 99) * 1000, "-", null),
      result("one click: diff payload", diffBytes, "B", null, "< 40 B", diffBytes < 40),
      result("one click: whole reply frame", replyBytes, "B", 98, "baseline: LiveViewJS 0.8.1 reply frame", replyBytes < 98),
    ];
  } finally {
    echo.child.kill();
    app.child.kill();
  }
}
