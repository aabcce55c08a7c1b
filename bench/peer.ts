/**
 * Side by side in one run: Lagoon's demo (compiled, production, the demo's own limits on),
 * the peer (a LiveViewJS 0.8.1 counter), a raw `ws` echo, the protocol's floor (a server
 * that only parses each frame and answers a reply of the click's shape), a raw `node:http`
 * server answering the same bytes as each page, a bare Hono app answering them too, and the
 * raw server again spending a fixed CPU time on each request before it answers.
 * Every figure is the median of three rounds, with the range of the ratios beside it:
 * these machines are noisy. Each server's CPU time per click, over all rounds, is printed
 * beside the round trips: what of a round trip is the server's work, what is waiting.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  cpuTime,
  inTurns,
  KiB,
  median,
  percentile,
  perConnection,
  pool,
  rate,
  result,
  startChild,
  type Child,
  type Result,
} from "./lib.js";
import { EchoClient } from "./echo-client.js";
import { LiveClient } from "./live-client.js";
import { loadPage, type PageInfo } from "../tests/support/protocol.js";
import { httpLogIn } from "../tests/support/login.js";
import { freePort } from "../tests/support/ports.js";

const ROUNDS = 3;
const PACE_MS = 12;
const PACED = 400;
const BACK_TO_BACK = 2000;
const WARMUP = 300;
const HTTP_SECONDS = 2;
const CONNECTIONS = 50;
/**
 * The raw server's busy wait per request for the "after work" line: the ratio it reaches
 * bounds how much work per request a ratio target leaves to a page's render.
 */
const WORK_US = 50;
const VIEWS = 6000;
const JOINS = 300;

/** The peer's page: the same fields as Lagoon's, spelled its way (attributes over several lines). */
async function loadPeerPage(base: string, path: string): Promise<PageInfo> {
  const res = await fetch(base + path);
  const html = await res.text();
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .join("; ");
  const csrf = /<meta name="csrf-token" content="([^"]+)"/.exec(html)?.[1] ?? "";
  const session = /data-phx-session="([^"]+)"/.exec(html)?.[1] ?? "";
  const id = /id="(phx-[^"]+)"/.exec(html)?.[1] ?? "";
  if (!csrf || !session || !id) throw new Error(`the peer's ${path} has no live root`);
  return { cookie, csrf, id, session, html };
}

/** The median round of `value / baseline`, its range in the label. */
function rounds(
  metric: string,
  unit: string,
  pairs: [number, number][],
  target: string,
  pass: (value: number, baseline: number) => boolean,
): Result {
  const sorted = [...pairs].sort((a, b) => a[0] / a[1] - b[0] / b[1]);
  const [value, baseline] = sorted[Math.floor(sorted.length / 2)]!;
  const ratios = sorted.map(([v, b]) => (v / b).toFixed(2));
  const range = ratios.length > 1 ? ` [${ratios[0]}–${ratios.at(-1)}x]` : "";
  return result(`${metric}${range}`, value, unit, baseline, target, pass(value, baseline));
}

/** Paced on the demo's own limits; back to back on a copy without them (its flood limit would refuse a client sending that fast). */
async function roundTrips(app: Child, open: Child, peer: Child, echo: Child, floor: Child): Promise<Result[]> {
  const lagoon = (await LiveClient.join(app.url, await loadPage(app.url, "/counter"), "/counter")).client;
  const unlimited = (await LiveClient.join(open.url, await loadPage(open.url, "/counter"), "/counter")).client;
  const other = (await LiveClient.join(peer.url, await loadPeerPage(peer.url, "/counter"), "/counter", "")).client;
  const raw = await EchoClient.open(`ws://127.0.0.1:${echo.port}`);
  const least = await LiveClient.connect(`ws://127.0.0.1:${floor.port}`, lagoon.topic);
  let flip = 0;
  const click = (c: LiveClient) => () => c.click(++flip % 2 ? "increment" : "decrement", { value: "" });
  const frame = JSON.stringify(["1", "2", lagoon.topic, "event", { type: "click", event: "increment", value: { value: "" } }]);
  const echoTrip = () => raw.echo(frame);
  const paced: number[][][] = [];
  const b2b: number[][][] = [];
  // each server's CPU time over the rounds (the warm-up's trips included), per trip below
  const pacedCpu = [0, 0, 0, 0];
  const b2bCpu = [0, 0, 0, 0];
  const cpuOver = async (servers: Child[], sums: number[], run: () => Promise<number[][]>) => {
    const before = servers.map(cpuTime);
    const times = await run();
    servers.forEach((server, k) => (sums[k]! += cpuTime(server) - before[k]!));
    return times;
  };
  for (let r = 0; r < ROUNDS; r++) {
    paced.push(
      await cpuOver([app, peer, echo, floor], pacedCpu, () =>
        inTurns([click(lagoon), click(other), echoTrip, click(least)], WARMUP, PACED, PACE_MS),
      ),
    );
    b2b.push(
      await cpuOver([open, peer, echo, floor], b2bCpu, () =>
        inTurns([click(unlimited), click(other), echoTrip, click(least)], WARMUP, BACK_TO_BACK),
      ),
    );
  }
  const perTrip = (sums: number[], n: number) => sums.map((us) => us / (ROUNDS * (WARMUP + n)));
  const pacedUs = perTrip(pacedCpu, PACED);
  const b2bUs = perTrip(b2bCpu, BACK_TO_BACK);
  const lagoonReply = (await lagoon.click("increment", { value: "" })).text.length;
  const peerReply = (await other.click("increment", { value: "" })).text.length;
  lagoon.close();
  unlimited.close();
  other.close();
  raw.ws.terminate();
  least.close();
  const p50 = (runs: number[][][], k: number, b: number) =>
    runs.map((t) => [percentile(t[k]!, 50) * 1000, percentile(t[b]!, 50) * 1000] as [number, number]);
  return [
    rounds(`click p50 paced ${PACE_MS} ms, Lagoon vs peer`, "µs", p50(paced, 0, 1), "≤ 0.85x peer", (v, b) => v <= 0.85 * b),
    rounds(`click p50 paced ${PACE_MS} ms, Lagoon vs echo`, "µs", p50(paced, 0, 2), "≤ 1.3x echo", (v, b) => v <= 1.3 * b),
    rounds(`click p50 paced ${PACE_MS} ms, peer vs echo`, "µs", p50(paced, 1, 2), "-", () => true),
    rounds(`click p50 paced ${PACE_MS} ms, floor vs echo`, "µs", p50(paced, 3, 2), "-", () => true),
    rounds("click p50 back to back, Lagoon vs echo", "µs", p50(b2b, 0, 2), "≤ 1.2x echo", (v, b) => v <= 1.2 * b),
    rounds("click p50 back to back, peer vs echo", "µs", p50(b2b, 1, 2), "-", () => true),
    rounds("click p50 back to back, floor vs echo", "µs", p50(b2b, 3, 2), "-", () => true),
    result("click reply frame, Lagoon vs peer", lagoonReply, "B", peerReply, "≤ peer", lagoonReply <= peerReply),
    result(`server CPU per click paced ${PACE_MS} ms, Lagoon vs peer`, pacedUs[0]!, "µs", pacedUs[1]!, "-", null),
    result(`server CPU per click paced ${PACE_MS} ms, Lagoon vs floor`, pacedUs[0]!, "µs", pacedUs[3]!, "-", null),
    result(`server CPU per click paced ${PACE_MS} ms, floor vs echo`, pacedUs[3]!, "µs", pacedUs[2]!, "-", null),
    result("server CPU per click back to back, Lagoon vs peer", b2bUs[0]!, "µs", b2bUs[1]!, "-", null),
    result("server CPU per click back to back, Lagoon vs floor", b2bUs[0]!, "µs", b2bUs[3]!, "-", null),
    result("server CPU per click back to back, floor vs echo", b2bUs[3]!, "µs", b2bUs[2]!, "-", null),
  ];
}

async function firstRenders(app: Child, peer: Child): Promise<Result[]> {
  const login = await httpLogIn(app.url, "alice@example.com");
  const cookie = login
    .split("; ")
    .filter((c) => c.startsWith("_lagoon_session="))
    .join("; ");
  // the raw server answers each page with the bytes Lagoon or the peer sent for it
  const pages = {
    "/counter": await (await fetch(app.url + "/counter")).text(),
    "/todos": await (await fetch(app.url + "/todos", { headers: { cookie } })).text(),
    "/peer": await (await fetch(peer.url + "/counter")).text(),
  };
  const raw = await startChild("bench/servers/raw-http.ts", { cpu: 0, env: { BENCH_PAGES: JSON.stringify(pages) } });
  const hono = await startChild("bench/servers/hono-static.ts", { cpu: 0, env: { BENCH_PAGES: JSON.stringify(pages) } });
  const busy = await startChild("bench/servers/raw-http.ts", {
    cpu: 0,
    env: { BENCH_PAGES: JSON.stringify(pages), BENCH_WORK_US: String(WORK_US) },
  });
  try {
    const targets: [string, string | undefined][] = [
      [app.url + "/counter", undefined],
      [peer.url + "/counter", undefined],
      [raw.url + "/counter", undefined],
      [raw.url + "/peer", undefined],
      [app.url + "/todos", cookie],
      [raw.url + "/todos", undefined],
      [hono.url + "/counter", undefined],
      [busy.url + "/counter", undefined],
    ];
    for (const [url, c] of targets) await rate(url, 1, { cookie: c, connections: CONNECTIONS });
    const runs: number[][] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const run: number[] = [];
      for (const [url, c] of targets) run.push(await rate(url, HTTP_SECONDS, { cookie: c, connections: CONNECTIONS }));
      runs.push(run);
    }
    const pair = (a: number, b: number) => runs.map((run) => [run[a]!, run[b]!] as [number, number]);
    return [
      rounds("GET /counter first visit, Lagoon vs peer", "req/s", pair(0, 1), "≥ 1.5x peer", (v, b) => v >= 1.5 * b),
      rounds("GET /counter first visit, Lagoon vs raw http", "req/s", pair(0, 2), "≥ 0.3x raw", (v, b) => v >= 0.3 * b),
      rounds("GET /counter first visit, peer vs raw http", "req/s", pair(1, 3), "-", () => true),
      rounds("GET /todos logged in, Lagoon vs raw http", "req/s", pair(4, 5), "≥ 0.3x raw", (v, b) => v >= 0.3 * b),
      rounds("GET /counter's bytes from a bare Hono app, vs raw http", "req/s", pair(6, 2), "-", () => true),
      rounds(
        `GET /counter's bytes from raw http after ${WORK_US} µs of CPU per request, vs raw http`,
        "req/s",
        pair(7, 2),
        "-",
        () => true,
      ),
    ];
  } finally {
    await Promise.all([raw.stop(), hono.stop(), busy.stop()]);
  }
}

/** Memory per idle joined view (RSS after GC, the slope over `VIEWS` joins: lib.ts `perConnection`), on a server of its own. */
async function perView(child: Child, join: () => Promise<{ close(): void }>): Promise<number> {
  const warm = await pool(Array.from({ length: 100 }), 20, join);
  for (const c of warm) c.close();
  return (await perConnection(child, join, VIEWS, 100)).rss / KiB;
}

async function memory(): Promise<Result[]> {
  const measure = async (
    script: string,
    opts: Parameters<typeof startChild>[1],
    join: (child: Child) => () => Promise<{ close(): void }>,
  ) => {
    const child = await startChild(script, opts);
    try {
      return await perView(child, join(child));
    } finally {
      await child.stop();
    }
  };
  const lagoon = await measure("bench/servers/app.ts", { cpu: 0, compiled: true }, (child) => {
    const pages = pool(Array.from({ length: 50 }), 10, () => loadPage(child.url, "/counter"));
    let i = 0;
    return async () => (await LiveClient.join(child.url, (await pages)[i++ % 50]!, "/counter")).client;
  });
  const peer = await measure("bench/servers/liveviewjs.ts", { cpu: 0 }, (child) => async () => {
    return (await LiveClient.join(child.url, await loadPeerPage(child.url, "/counter"), "/counter", "")).client;
  });
  const echo = await measure("bench/servers/echo.ts", { cpu: 0 }, (child) => async () => {
    const c = await EchoClient.open(`ws://127.0.0.1:${child.port}`);
    return { close: () => c.ws.terminate() };
  });
  const n = VIEWS.toLocaleString("en");
  return [
    result(`idle joined view RSS, Lagoon vs raw ws (${n})`, lagoon, "KiB", echo, "≤ 7 KiB", lagoon <= 7),
    result(`idle joined view RSS, Lagoon vs peer (${n})`, lagoon, "KiB", peer, "≤ peer", lagoon <= peer),
  ];
}

/** A view's join (socket open + mount + first render + reply) beside a socket open + one echo of the join frame's size. */
async function joins(app: Child, echo: Child): Promise<Result[]> {
  const pages = await pool(Array.from({ length: JOINS }), 20, () => loadPage(app.url, "/counter"));
  const frame = JSON.stringify([
    "1",
    "1",
    `lv:${pages[0]!.id}`,
    "phx_join",
    { url: app.url, params: {}, session: pages[0]!.session, static: null },
  ]);
  const pairs: [number, number][] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const live: number[] = [];
    const raw: number[] = [];
    for (const page of pages) {
      let started = performance.now();
      const { client } = await LiveClient.join(app.url, page, "/counter");
      live.push((performance.now() - started) * 1000);
      client.close();
      started = performance.now();
      const e = await EchoClient.open(`ws://127.0.0.1:${echo.port}`);
      await e.echo(frame);
      raw.push((performance.now() - started) * 1000);
      e.ws.terminate();
    }
    pairs.push([median(live), median(raw)]);
  }
  return [rounds("join p50 (open, mount, render, reply), Lagoon vs echo", "µs", pairs, "-", () => true)];
}

/** ms from spawning `node <args>` until GET `path` answers 200. */
async function startUp(args: string[], env: Record<string, string>, path: string): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    stdio: process.env.BENCH_DEBUG ? "inherit" : "ignore",
    env: { ...process.env, ...env, PORT: String(port) },
  });
  try {
    while (performance.now() - started < 60_000) {
      if (child.exitCode !== null) throw new Error(`${args.join(" ")} exited with ${child.exitCode}`);
      const ok = await fetch(`http://127.0.0.1:${port}${path}`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) return performance.now() - started;
      await new Promise((r) => setTimeout(r, 2));
    }
    throw new Error(`${args.join(" ")} did not answer ${path} within a minute`);
  } finally {
    child.kill();
    await new Promise((r) => child.once("exit", r));
  }
}

export /** The least a Node process does to answer: no loader, no imports. */
const RAW_SERVER = `require("node:http").createServer((q, s) => s.end("ok")).listen(Number(process.env.PORT), "127.0.0.1")`;

async function startUps(): Promise<Result[]> {
  const dir = mkdtempSync(join(tmpdir(), "lagoon-start-"));
  const env = {
    NODE_ENV: "production",
    LAGOON_DB: join(dir, "lagoon.db"),
    LAGOON_SECRET: "s".repeat(48),
    LAGOON_FILES_DIR: dir,
    LAGOON_UPLOAD_TMP: dir,
  };
  try {
    // the first start creates and seeds the database; restarts are what a deploy sees
    await startUp(["dist/app/main.js"], env, "/counter");
    const pairs: [number, number][] = [];
    for (let r = 0; r < ROUNDS; r++) {
      pairs.push([await startUp(["dist/app/main.js"], env, "/counter"), await startUp(["-e", RAW_SERVER], {}, "/counter")]);
    }
    return [rounds("start-up to first answer, node dist/app/main.js vs bare node:http", "ms", pairs, "-", () => true)];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function peerSideBySide(): Promise<Result[]> {
  const out: Result[] = [];
  // the demo as `npm start` runs it: its own socket limits (one click per 12 ms is within them)
  const app = await startChild("bench/servers/app.ts", {
    cpu: 0,
    compiled: true,
    env: { BENCH_LIMITS: "demo", BENCH_VIEWS_PER_USER: "100000" },
  });
  const open = await startChild("bench/servers/app.ts", { cpu: 0, compiled: true });
  const peer = await startChild("bench/servers/liveviewjs.ts", { cpu: 0 });
  const echo = await startChild("bench/servers/echo.ts", { cpu: 0 });
  const floor = await startChild("bench/servers/floor.ts", { cpu: 0 });
  try {
    console.error("  roundTrips");
    out.push(...(await roundTrips(app, open, peer, echo, floor)));
    console.error("  firstRenders");
    out.push(...(await firstRenders(app, peer)));
    console.error("  joins");
    out.push(...(await joins(app, echo)));
  } finally {
    await Promise.all([app.stop(), open.stop(), peer.stop(), echo.stop(), floor.stop()]);
  }
  console.error("  memory");
  out.push(...(await memory()));
  console.error("  startUps");
  out.push(...(await startUps()));
  return out;
}
