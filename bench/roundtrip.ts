/**
 * Counter event round trip through Lagoon vs a raw `ws` echo server in the same run, both
 * servers in their own processes: one client sending events back to back, then 1,000
 * connected clients each sending one event a second (an open model: a slow reply does not
 * delay the other clients' sends).
 */
import { inTurns, percentile, pool, result, startChild, type Result } from "./lib.js";
import { EchoClient } from "./echo-client.js";
import { LiveClient } from "./live-client.js";
import { loadPage } from "../tests/support/protocol.js";

const WARMUP = 500;
const SAMPLES = 5000;
const CLIENTS = 1000;
/** The 1,000-client runs alternate between the servers in slices, so both see the same background load. */
const SLICE_MS = 2500;
const SLICES = 3;

/** The counter's click frame; the echo gets a frame of the same size. */
const clickFrame = (ref: number, topic: string) =>
  JSON.stringify(["1", String(ref), topic, "event", { type: "click", event: ref % 2 ? "decrement" : "increment", value: { value: "" } }]);

/**
 * For `ms`, every client sends once a second from a random phase, whether or not others
 * got their replies; times run from the send to the reply, and go into `times`.
 */
async function openModel(trips: ((i: number) => Promise<unknown>)[], ms: number, times: number[]): Promise<void> {
  const started = performance.now();
  await Promise.all(
    trips.map(async (trip) => {
      await new Promise((r) => setTimeout(r, Math.random() * 1000));
      for (let i = 0; performance.now() - started < ms; i++) {
        const due = performance.now() + 1000;
        const sent = performance.now();
        await trip(i);
        times.push(performance.now() - sent);
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      }
    }),
  );
}

function percentiles(label: string, lagoon: number[], echo: number[], targets: { p50?: number; p95Ms?: number }): Result[] {
  const [l50, l95, l99] = [50, 95, 99].map((p) => percentile(lagoon, p) * 1000);
  const [e50, e95, e99] = [50, 95, 99].map((p) => percentile(echo, p) * 1000);
  return [
    result(`counter round trip p50 (${label})`, l50!, "µs", e50!, "≤ 1.5x raw ws echo", l50! <= 1.5 * e50!),
    result(
      `counter round trip p95 (${label})`,
      l95!,
      "µs",
      e95!,
      targets.p95Ms ? `< ${targets.p95Ms} ms` : "-",
      targets.p95Ms ? l95! < targets.p95Ms * 1000 : null,
    ),
    result(`counter round trip p99 (${label})`, l99!, "µs", e99!, "-", null),
  ];
}

export async function roundTrip(): Promise<Result[]> {
  const echo = await startChild("bench/servers/echo.ts", { cpu: 0 });
  const app = await startChild("bench/servers/app.ts", { cpu: 0, compiled: true });
  const echoUrl = `ws://127.0.0.1:${echo.port}`;
  try {
    // one client, events back to back
    const page = await loadPage(app.url, "/counter");
    const { client } = await LiveClient.join(app.url, page, "/counter");
    const echoClient = await EchoClient.open(echoUrl);
    const frame = clickFrame(2, client.topic);
    const [lagoonOne = [], echoOne = []] = await inTurns(
      [(i) => client.click(i % 2 ? "decrement" : "increment", { value: "" }), () => echoClient.echo(frame)],
      WARMUP,
      SAMPLES,
    );
    client.close();
    echoClient.ws.terminate();

    // 1,000 connected clients, one event a second each
    const pages = await pool(Array.from({ length: CLIENTS }), 50, () => loadPage(app.url, "/counter"));
    const clients = await pool(pages, 50, async (p) => (await LiveClient.join(app.url, p, "/counter")).client);
    const echoes = await pool(Array.from({ length: CLIENTS }), 50, () => EchoClient.open(echoUrl));
    const lagoonTrips = clients.map((c) => (i: number) => c.click(i % 2 ? "decrement" : "increment", { value: "" }));
    const echoTrips = echoes.map((c) => () => c.echo(frame));
    // warm-up slices, not kept
    await openModel(lagoonTrips, 1000, []);
    await openModel(echoTrips, 1000, []);
    const lagoonMany: number[] = [];
    const echoMany: number[] = [];
    for (let i = 0; i < SLICES; i++) {
      await openModel(lagoonTrips, SLICE_MS, lagoonMany);
      await openModel(echoTrips, SLICE_MS, echoMany);
    }
    lagoonMany.sort((a, b) => a - b);
    echoMany.sort((a, b) => a - b);
    for (const c of clients) c.close();
    for (const c of echoes) c.ws.terminate();

    return [
      ...percentiles("1 client", lagoonOne, echoOne, {}),
      ...percentiles(`${CLIENTS.toLocaleString("en")} clients, 1 event/s each`, lagoonMany, echoMany, { p95Ms: 5 }),
    ];
  } finally {
    await Promise.all([echo.stop(), app.stop()]);
  }
}
