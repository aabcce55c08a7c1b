/**
 * Uploads in Chromium with the official client: the live file input, a drop zone,
 * progress, cancel, the errors shown in the form, and direct uploads with Lagoon's S3
 * uploader against a local receiver (no cloud), whose code loads with the first one.
 */
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { DEFAULT_SECURITY_HEADERS } from "../../server/index.js";
import { startFixtureServer } from "../support/fixture-server.js";
import { connected, watchErrors } from "../support/browser.js";
import { inChromium } from "../support/chromium-suite.js";
import { sha256, uploadRoutes, uploadStats } from "../support/views/uploads.js";

// direct uploads go to the storage's origin: the page's CSP must let it connect there, as an app's would
const csp = DEFAULT_SECURITY_HEADERS.contentSecurityPolicy!;
const env = inChromium(() =>
  startFixtureServer(uploadRoutes(), {
    securityHeaders: { ...DEFAULT_SECURITY_HEADERS, contentSecurityPolicy: { ...csp, connectSrc: ["'self'", "http://127.0.0.1:*"] } },
  }),
);

/** An S3-style receiver: a presigned POST's fields and file (CORS allowed), kept by key. */
const received = new Map<string, { bytes: Uint8Array; type: string }>();
let receiver: Server;
beforeAll(async () => {
  receiver = createServer((req, res) => {
    res.setHeader("Access-Control-Allow-Origin", "*");
    if (req.method === "OPTIONS") {
      res.setHeader("Access-Control-Allow-Methods", "POST");
      return res.writeHead(204).end();
    }
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const form = await new Response(Buffer.concat(chunks), { headers: { "content-type": req.headers["content-type"] ?? "" } }).formData();
      const file = form.get("file") as File;
      received.set(String(form.get("key")), { bytes: new Uint8Array(await file.arrayBuffer()), type: String(form.get("Content-Type")) });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  uploadStats.receiverUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/upload`;
});
afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

const bytes = (n: number) => Buffer.from(Uint8Array.from({ length: n }, (_, i) => (i * 131 + 17) % 256));
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 1]);

async function open(path: string): Promise<{ page: Page; errors: string[] }> {
  const page = await env.browser.newPage();
  const errors = watchErrors(page);
  await page.goto(env.server.url + path);
  await connected(page);
  return { page, errors };
}

const savedShas = (page: Page) => page.$$eval("#saved li", (els) => els.map((e) => [e.textContent, e.getAttribute("data-sha")]));
const entryText = (page: Page) => page.$$eval(".entry", (els) => els.map((e) => e.textContent?.replace(/\s+/g, " ").trim()));

describe("uploads in Chromium", () => {
  it("selects files, uploads them on submit in chunks, and the handler stores the same bytes", async () => {
    const { page, errors } = await open("/uploads?chunk=16000");
    const pdf = bytes(100_000);
    await page.setInputFiles("input[type=file]", [
      { name: "report.pdf", mimeType: "application/pdf", buffer: pdf },
      { name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("notes") },
    ]);
    await page.waitForFunction(() => document.querySelectorAll(".entry").length === 2);
    expect(await entryText(page)).toEqual(["report.pdf 0% Cancel", "notes.txt 0% Cancel"]);
    await page.getByRole("button", { name: "Upload" }).click();
    await page.waitForFunction(() => document.querySelectorAll("#saved li").length === 2);
    expect(await savedShas(page)).toEqual([
      ["report.pdf (100000 bytes)", sha256(pdf)],
      ["notes.txt (5 bytes)", sha256(Buffer.from("notes"))],
    ]);
    expect(await page.$$(".entry")).toHaveLength(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("takes files dropped on the drop zone, and progress reaches 100%", async () => {
    const { page, errors } = await open("/uploads/auto?chunk=1000");
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.items.add(new File(["x".repeat(5000)], "dropped.txt", { type: "text/plain" }));
      document.querySelector("#drop")!.dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }));
    });
    await page.waitForFunction(() => document.querySelector(".entry .pct")?.textContent === "100%");
    expect(await entryText(page)).toEqual(["dropped.txt 100% Cancel"]);
    expect(await page.getAttribute("input[type=file]", "data-phx-done-refs")).toBe(
      await page.getAttribute("input[type=file]", "data-phx-active-refs"),
    );
    await page.getByRole("button", { name: "Upload" }).click();
    await page.waitForFunction(() => document.querySelector("#saved li")?.textContent === "dropped.txt (5000 bytes)");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("cancels an upload mid-way", async () => {
    const { page, errors } = await open("/uploads/auto?chunk=4000");
    // every push waits 20-ish ms: the upload takes seconds, time enough to cancel it
    await page.evaluate(() =>
      (window as unknown as { liveSocket: { enableLatencySim(ms: number): void } }).liveSocket.enableLatencySim(20),
    );
    await page.setInputFiles("input[type=file]", [{ name: "slow.bin", mimeType: "application/octet-stream", buffer: bytes(400_000) }]);
    await page.waitForFunction(() => {
      const pct = parseInt(document.querySelector(".entry .pct")?.textContent ?? "0");
      return pct > 0 && pct < 100;
    });
    await page.getByRole("button", { name: "Cancel" }).click();
    await page.waitForFunction(() => document.querySelectorAll(".entry").length === 0);
    expect(await page.getAttribute("input[type=file]", "data-phx-active-refs")).toBe("");
    // nothing was stored, and the form takes a new file afterwards
    await page.evaluate(() => (window as unknown as { liveSocket: { disableLatencySim(): void } }).liveSocket.disableLatencySim());
    await page.setInputFiles("input[type=file]", [{ name: "next.txt", mimeType: "text/plain", buffer: Buffer.from("next") }]);
    await page.waitForFunction(() => document.querySelector(".entry .pct")?.textContent === "100%");
    await page.getByRole("button", { name: "Upload" }).click();
    await page.waitForFunction(() => document.querySelector("#saved li")?.textContent === "next.txt (4 bytes)");
    expect(await page.$$eval("#saved li", (els) => els.length)).toBe(1);
    expect(errors.filter((e) => !/latency/.test(e))).toEqual([]);
    await page.close();
  });

  it("shows each refused file's error beside it at once, and the upload's own error", async () => {
    const { page } = await open("/uploads?max=1000");
    await page.setInputFiles("input[type=file]", [
      { name: "big.txt", mimeType: "text/plain", buffer: bytes(2000) },
      { name: "tool.exe", mimeType: "application/x-msdownload", buffer: Buffer.from("MZ") },
    ]);
    await page.waitForFunction(() => document.querySelectorAll(".entry .error").length === 2);
    expect(await entryText(page)).toEqual(["big.txt 0% too_large Cancel", "tool.exe 0% not_accepted Cancel"]);
    // the client refuses to submit a form showing upload errors
    await page.getByRole("button", { name: "Upload" }).click();
    await page.getByRole("button", { name: "Cancel" }).first().click();
    await page.getByRole("button", { name: "Cancel" }).first().click();
    await page.waitForFunction(() => document.querySelectorAll(".entry").length === 0);
    await page.setInputFiles(
      "input[type=file]",
      [1, 2, 3, 4].map((i) => ({ name: `${i}.txt`, mimeType: "text/plain", buffer: Buffer.from(`file ${i}`) })),
    );
    await page.waitForFunction(() => document.querySelector(".upload-errors")?.textContent === "too_many_files");
    expect(await page.$$eval("#saved li", (els) => els.length)).toBe(0);
    await page.close();
  });

  it("refuses a .png whose bytes are not an image beside it, and stores the real one of the same submit", async () => {
    const { page, errors } = await open("/uploads");
    await page.setInputFiles("input[type=file]", [
      { name: "fake.png", mimeType: "image/png", buffer: Buffer.from("<html><script>alert(1)</script>") },
      { name: "real.png", mimeType: "image/png", buffer: PNG },
    ]);
    // the preview hook draws each image from the file itself
    await page.waitForFunction(() => document.querySelector("#phx-preview-1")?.getAttribute("src")?.startsWith("blob:"));
    await page.getByRole("button", { name: "Upload" }).click();
    await page.waitForFunction(() => document.querySelector("#saved li")?.textContent === "real.png (20 bytes)");
    expect(await entryText(page)).toEqual(["fake.png 0% not_an_image Cancel"]);
    expect(await page.$$eval("#saved li", (els) => els.length)).toBe(1);
    // the form is usable again: cancel the refused file, upload another
    await page.getByRole("button", { name: "Cancel" }).click();
    await page.waitForFunction(() => document.querySelectorAll(".entry").length === 0);
    await page.setInputFiles("input[type=file]", [{ name: "again.txt", mimeType: "text/plain", buffer: Buffer.from("again") }]);
    await page.getByRole("button", { name: "Upload" }).click();
    await page.waitForFunction(() => document.querySelectorAll("#saved li").length === 2);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("uploads directly to storage with the S3 uploader, and the view gets what external returned", async () => {
    received.clear();
    const { page, errors } = await open("/uploads/external");
    const content = bytes(30_000);
    await page.setInputFiles("input[type=file]", [{ name: "direct.txt", mimeType: "text/plain", buffer: content }]);
    await page.waitForFunction(() => document.querySelectorAll(".entry").length === 1);
    await page.getByRole("button", { name: "Upload" }).click();
    await page.waitForFunction(() => document.querySelector("#saved li")?.textContent === "direct.txt (30000 bytes)");
    const [key, stored] = [...received][0]!;
    expect(key).toMatch(/^uploads\/[0-9a-f-]{36}$/);
    expect(sha256(stored!.bytes)).toBe(sha256(content));
    expect(stored!.type).toBe("text/plain");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("fails the entry when the S3 uploader's code cannot load", async () => {
    received.clear();
    const { page } = await open("/uploads/external");
    await page.route(/\/s3-upload-[\w-]+\.js$/, (route) => route.abort());
    await page.setInputFiles("input[type=file]", [{ name: "stranded.txt", mimeType: "text/plain", buffer: Buffer.from("x") }]);
    await page.waitForFunction(() => document.querySelectorAll(".entry").length === 1);
    await page.getByRole("button", { name: "Upload" }).click();
    await page.waitForSelector(".entry .error");
    expect(await page.textContent(".entry .error")).toBe("external_client_failure");
    expect(received.size).toBe(0);
    await page.close();
  });

  it("starts no direct upload for a view that failed while the S3 uploader's code loaded", async () => {
    received.clear();
    const { page } = await open("/uploads/external");
    // the uploader's code arrives only once the view has failed
    let requested!: () => void;
    const held = new Promise<void>((resolve) => (requested = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/s3-upload-[\w-]+\.js$/, async (route) => {
      requested();
      await released;
      await route.continue();
    });
    await page.setInputFiles("input[type=file]", [{ name: "early.txt", mimeType: "text/plain", buffer: Buffer.from("early") }]);
    await page.waitForFunction(() => document.querySelectorAll(".entry").length === 1);
    await page.getByRole("button", { name: "Upload" }).click();
    await held;
    for (const ws of env.server.lagoon.live.wss.clients) ws.terminate();
    await page.waitForFunction(() => document.querySelector("[data-phx-main]")?.classList.contains("phx-error"));
    release();
    await connected(page);
    // an upload after the rejoin goes out, later than the first one would have
    await page.setInputFiles("input[type=file]", [{ name: "later.txt", mimeType: "text/plain", buffer: Buffer.from("later") }]);
    await page.waitForFunction(() => document.querySelectorAll(".entry").length === 1);
    await page.getByRole("button", { name: "Upload" }).click();
    await page.waitForFunction(() => document.querySelector("#saved li")?.textContent === "later.txt (5 bytes)");
    expect([...received.values()].map((r) => Buffer.from(r.bytes).toString())).toEqual(["later"]);
    await page.close();
  });
});
