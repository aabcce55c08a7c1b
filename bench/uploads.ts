/**
 * A 100 MB file upload through the live socket, as the official client sends it (binary
 * chunks, each answered before the next, a progress report at each new percent), against
 * a raw `ws` binary echo of the same chunks in the same run; the same bytes as ten files
 * sent at once, against that one file (the socket's frame limit must not slow them down);
 * and the server's memory while it streams the file to disk (the largest RSS sampled every
 * 5 ms, over its RSS before the upload), which should stay flat whatever the file's size.
 */
import WebSocket from "ws";
import { median, MiB, result, serverMemory, startChild, type Child, type Result } from "./lib.js";
import { LiveClient } from "./live-client.js";
import { loadPage } from "../tests/support/protocol.js";

const SIZE = 100 * 1000 * 1000;
const RUNS = 3;
const FILES = 10;

/** The file's bytes, one chunk of them (the same bytes every time: the content does not matter). */
const chunkOf = (size: number) => Uint8Array.from({ length: size }, (_, i) => (i * 31) % 256);

async function peakRss(child: Child, reset = false): Promise<number> {
  return ((await (await fetch(`${child.url}/__bench/peak${reset ? "?reset" : ""}`)).json()) as { rss: number }).rss;
}

/**
 * One upload of SIZE bytes in `files` files sent at once, as the official client sends the
 * entries of one input; resolves with its seconds and the server's RSS growth in bytes.
 */
async function upload(server: Child, files = 1): Promise<{ seconds: number; growth: number }> {
  const page = await loadPage(server.url, "/upload");
  const { client, reply } = await LiveClient.join(server.url, page, "/upload");
  const uploadRef = /id=\\"(phx-[\w-]+)\\"/.exec(reply.text)![1]!;
  const size = SIZE / files;
  const entries = Array.from({ length: files }, (_, i) => ({
    ref: String(i),
    name: `big-${i}.bin`,
    type: "application/octet-stream",
    size,
    last_modified: 1,
    relative_path: "",
  }));
  await client.send("event", {
    type: "form",
    event: "validate",
    value: "",
    meta: { _target: "file" },
    uploads: { [uploadRef]: entries.map((entry) => ({ path: "file", ...entry })) },
  });
  const preflight = (await client.send("allow_upload", { ref: uploadRef, entries })).payload.response;
  const chunkSize: number = preflight.config.chunk_size;
  const chunk = chunkOf(chunkSize);
  const topics = entries.map((entry) => `lvu:${entry.ref}`);
  for (const [i, topic] of topics.entries()) {
    const joined = await client.sendTo(topic, String(100 + i), "phx_join", { token: preflight.entries[String(i)] });
    if (joined.payload.status !== "ok") throw new Error(`upload join refused: ${joined.text}`);
  }
  const before = await peakRss(server, true);
  const started = performance.now();
  // each entry's chunks go one after another, each after the last one's answer
  const send = async (topic: string, i: number) => {
    let sent = 0;
    let reported = 0;
    while (sent < size) {
      const bytes = Math.min(chunkSize, size - sent);
      const ack = await client.sendTo(topic, String(100 + i), "chunk", bytes === chunkSize ? chunk : chunk.subarray(0, bytes));
      if (ack.payload.status !== "ok") throw new Error(`chunk refused: ${ack.text}`);
      sent += bytes;
      const percent = Math.floor((sent / size) * 100);
      if (percent > reported) {
        reported = percent;
        await client.send("progress", { event: null, ref: uploadRef, entry_ref: String(i), progress: percent });
      }
    }
  };
  await Promise.all(topics.map(send));
  const seconds = (performance.now() - started) / 1000;
  const growth = (await peakRss(server)) - before;
  const saved = await client.send("event", { type: "form", event: "save", value: "" });
  if (!saved.text.includes(String(SIZE))) throw new Error(`the view did not receive the files: ${saved.text}`);
  client.close();
  return { seconds, growth };
}

/** The same chunks echoed by a raw `ws` server, each awaited before the next. */
async function echo(server: Child, chunkSize: number): Promise<number> {
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}`, { perMessageDeflate: false });
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
  });
  const chunk = chunkOf(chunkSize);
  let next: (() => void) | undefined;
  ws.on("message", () => next?.());
  const started = performance.now();
  for (let sent = 0; sent < SIZE; sent += chunkSize) {
    const bytes = Math.min(chunkSize, SIZE - sent);
    await new Promise<void>((resolve) => {
      next = resolve;
      ws.send(bytes === chunkSize ? chunk : chunk.subarray(0, bytes));
    });
  }
  const seconds = (performance.now() - started) / 1000;
  ws.terminate();
  return seconds;
}

export async function uploadThroughput(): Promise<Result[]> {
  const lagoon = await startChild("bench/servers/uploads.ts", { cpu: 0 });
  const raw = await startChild("bench/servers/echo.ts", { cpu: 0 });
  try {
    const uploads: { seconds: number; growth: number }[] = [];
    const many: number[] = [];
    const echoes: number[] = [];
    // warm-up, then runs taken in turns so both see the same background load
    await upload(lagoon);
    const chunkSize = 64 * 1024 - (5 + 4 * 255);
    for (let i = 0; i < RUNS; i++) {
      uploads.push(await upload(lagoon));
      many.push((await upload(lagoon, FILES)).seconds);
      echoes.push(await echo(raw, chunkSize));
    }
    const mb = SIZE / 1e6;
    const throughput = mb / median(uploads.map((u) => u.seconds));
    const manyThroughput = mb / median(many);
    const baseline = mb / median(echoes);
    const growth = median(uploads.map((u) => u.growth)) / MiB;
    const heap = (await serverMemory(lagoon)).heapUsed / MiB;
    return [
      result("upload 100 MB through the live socket: throughput", throughput, "MB/s", baseline, "≥ 0.5x", throughput / baseline >= 0.5),
      result(
        `upload 100 MB in ${FILES} files at once: throughput`,
        manyThroughput,
        "MB/s",
        throughput,
        "≥ 0.8x one file",
        manyThroughput / throughput >= 0.8,
      ),
      result("upload 100 MB: server RSS above its start, at its largest", growth, "MiB", SIZE / MiB, "< 32 MiB", growth < 32),
      result("upload: server heap after GC, after the uploads", heap, "MiB", null, "-", null),
    ];
  } finally {
    await lagoon.stop();
    await raw.stop();
  }
}
