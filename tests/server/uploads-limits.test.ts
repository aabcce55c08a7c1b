/**
 * Uploads under the socket's frame limit, over a real WebSocket: the bytes of a file and
 * the progress reports they back spend no frame token, so an upload is not capped at the
 * frame rate; smaller chunks and reports no chunk backs are counted like any frame.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { startFixtureServer } from "../support/fixture-server.js";
import { chunk, joinUpload, report, tokenFor, uploadView } from "../support/upload-protocol.js";
import { sha256, uploadRoutes } from "../support/views/uploads.js";

const uncaught: unknown[] = [];
const record = (e: unknown) => uncaught.push(e);

// a token every 100 s once the burst is spent: a socket past it waits longer than any test
const BURST = 20;
// a directory of its own: the file checked below is the only one there
const root = mkdtempSync(join(tmpdir(), "lagoon-upload-limits-"));
let server: Awaited<ReturnType<typeof startFixtureServer>>;
beforeAll(async () => {
  process.on("uncaughtException", record);
  process.on("unhandledRejection", record);
  server = await startFixtureServer(uploadRoutes(), {
    uploads: { dir: root },
    socket: { limits: { burst: BURST, perSecond: 0.01 } },
  });
});
afterAll(async () => {
  process.off("uncaughtException", record);
  process.off("unhandledRejection", record);
  await server?.close();
  rmSync(root, { recursive: true, force: true });
});

it("spends no frame token on whole chunks: a file of far more chunks than the burst arrives whole", async () => {
  const j = await uploadView(server.url, "/uploads?chunk=1000&max=200000");
  // five bursts' worth of whole chunks, and a short last one
  const bytes = new Uint8Array(randomBytes(5 * BURST * 1000 + 500));
  const { ref, token, response } = await tokenFor(j, bytes.length);
  expect(response.config.chunk_size).toBe(1000);
  const { joinRef, topic } = await joinUpload(j.client, ref, token);
  for (let at = 0; at < bytes.length; at += 1000) {
    expect(await chunk(j.client, joinRef, topic, bytes.subarray(at, at + 1000))).toEqual({ status: "ok", response: {} });
  }
  const files = readdirSync(root).flatMap((dir) => readdirSync(join(root, dir)).map((name) => join(root, dir, name)));
  expect(files.map((file) => sha256(readFileSync(file)))).toEqual([sha256(bytes)]);
  // the view's own frames still have their tokens
  expect((await j.client.push(j.joinRef, j.topic, "event", { type: "form", event: "validate", value: "" }))[4].status).toBe("ok");
  expect(j.client.closed).toBeUndefined();
  await j.client.close();
});

it("spends no frame token on a progress report after each chunk, as the official client sends them", async () => {
  const j = await uploadView(server.url, "/uploads?chunk=1000&max=200000");
  const bytes = new Uint8Array(randomBytes(5 * BURST * 1000));
  const { ref, token } = await tokenFor(j, bytes.length);
  const { joinRef, topic } = await joinUpload(j.client, ref, token);
  let reported = 0;
  let last: any;
  for (let at = 0; at < bytes.length; at += 1000) {
    expect(await chunk(j.client, joinRef, topic, bytes.subarray(at, at + 1000))).toEqual({ status: "ok", response: {} });
    const progress = Math.floor(((at + 1000) / bytes.length) * 100);
    if (progress === reported) continue;
    reported = progress;
    last = await report(j, ref, progress, 1000);
    expect(last.status).toBe("ok");
  }
  // every report reached the view: the last one rendered the entry done
  expect(reported).toBe(100);
  expect(JSON.stringify(last.response.diff)).toContain(String.raw`data-phx-done-refs=\"${ref}\"`);
  expect((await j.client.push(j.joinRef, j.topic, "event", { type: "form", event: "validate", value: "" }))[4].status).toBe("ok");
  await j.client.close();
});

it("counts progress reports no chunk backs like any other frame", async () => {
  const j = await uploadView(server.url, "/uploads?chunk=1000&max=200000");
  const { ref, token } = await tokenFor(j, 100_000);
  const { joinRef, topic } = await joinUpload(j.client, ref, token);
  expect(await chunk(j.client, joinRef, topic, new Uint8Array(1000))).toEqual({ status: "ok", response: {} });
  let answered = 0;
  try {
    // one chunk backs one report; were the rest free, all of them would be answered at once
    while (answered < 2 * BURST) {
      await report(j, ref, 1, 1000);
      answered++;
    }
  } catch {
    // throttled: the socket is no longer read
  }
  expect(answered).toBeLessThan(BURST);
  j.client.ws.terminate();
});

it("counts a chunk smaller than the size it was told, except a file's last, like any other frame", async () => {
  const j = await uploadView(server.url, "/uploads?chunk=1000&max=200000");
  const { ref, token } = await tokenFor(j, 100_000);
  const { joinRef, topic } = await joinUpload(j.client, ref, token);
  let answered = 0;
  try {
    // half chunks: were they free, all of them would be answered at once
    while (answered < 2 * BURST) {
      await chunk(j.client, joinRef, topic, new Uint8Array(500), "chunk", 1000);
      answered++;
    }
  } catch {
    // throttled: the socket is no longer read
  }
  // the join and the preflight spent tokens of the same burst
  expect(answered).toBeLessThan(BURST);
  // a throttled socket does not read the close handshake either
  j.client.ws.terminate();
});

afterEach(() => expect(uncaught).toEqual([]));
