/** The demo's /files in Chromium with the official client: upload, drop, progress, cancel, errors, downloads, direct uploads. */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { startServer, type TestServer } from "../../support/server.js";
import { watchErrors } from "../../support/browser.js";
import { inChromium } from "../../support/chromium-suite.js";
import { logIn } from "../../support/login.js";

const env = inChromium(() => startServer());

const sha = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const bytes = (n: number, seed = 1) => Buffer.from(Uint8Array.from({ length: n }, (_, i) => (i * 131 + seed) % 256));
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 2]);

async function files(email: string, server: TestServer = env.server): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const errors = watchErrors(page);
  await logIn(page, server.url, email, undefined, "/files");
  return { context, page, errors };
}

const links = (page: Page) => page.$$eval("#files a", (as) => as.map((a) => [a.textContent, a.getAttribute("href")]));
const allDone = (page: Page, n: number) =>
  page.waitForFunction((n) => {
    const pcts = [...document.querySelectorAll("#entries .pct")].map((e) => e.textContent);
    return pcts.length === n && pcts.every((p) => p === "100%");
  }, n);

describe("/files in Chromium", () => {
  it("uploads chosen and dropped files with progress to 100%, lists them, and downloads the same bytes", async () => {
    const { context, page, errors } = await files("alice@example.com");
    const pdf = bytes(300_000);
    await page.setInputFiles("input[type=file]", [
      { name: "report.pdf", mimeType: "application/pdf", buffer: pdf },
      { name: "photo.png", mimeType: "image/png", buffer: PNG },
    ]);
    await allDone(page, 2);
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.items.add(new File(["dropped notes"], "notes.txt", { type: "text/plain" }));
      document.querySelector("#drop-zone")!.dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }));
    });
    await allDone(page, 3);
    await page.getByRole("button", { name: "Upload" }).click();
    await page.waitForFunction(() => document.querySelectorAll("#files a").length === 3);
    expect((await links(page)).map(([name]) => name)).toEqual(["report.pdf", "photo.png", "notes.txt"]);
    expect(await page.$$("#entries li")).toHaveLength(0);
    const href = (await links(page))[0]![1]!;
    const res = await context.request.get(env.server.url + href);
    expect(res.status()).toBe(200);
    expect(sha(await res.body())).toBe(sha(pdf));
    expect(res.headers()["content-disposition"]).toContain('attachment; filename="report.pdf"');
    expect(res.headers()["x-content-type-options"]).toBe("nosniff");
    // another user is refused the download, and does not see the files
    const bob = await files("bob@example.com");
    expect((await bob.context.request.get(env.server.url + href)).status()).toBe(404);
    expect(await links(bob.page)).toEqual([]);
    expect(errors).toEqual([]);
    await bob.context.close();
    await context.close();
  });

  it("cancels an upload mid-way", async () => {
    const { context, page } = await files("alice@example.com");
    // every push is delayed: an 8 MB file takes seconds
    await page.evaluate(() =>
      (window as unknown as { liveSocket: { enableLatencySim(ms: number): void } }).liveSocket.enableLatencySim(30),
    );
    await page.setInputFiles("input[type=file]", [{ name: "big.pdf", mimeType: "application/pdf", buffer: bytes(8_000_000, 3) }]);
    await page.waitForFunction(() => {
      const pct = parseInt(document.querySelector("#entries .pct")?.textContent ?? "0");
      return pct > 0 && pct < 100;
    });
    await page.getByRole("button", { name: "Cancel big.pdf" }).click();
    await page.waitForFunction(() => document.querySelectorAll("#entries li").length === 0);
    await page.getByRole("button", { name: "Upload" }).click();
    await page.waitForFunction(() => !document.querySelector("#upload-form.phx-submit-loading"));
    expect((await links(page)).map(([name]) => name)).not.toContain("big.pdf");
    const alice = (await env.server.ctx.accounts.get(1))!;
    expect((await env.server.ctx.files.list(alice)).map((f) => f.name)).not.toContain("big.pdf");
    await context.close();
  });

  it("shows each refused file's error beside it, and stores none of them", async () => {
    const { context, page } = await files("bob@example.com");
    await page.setInputFiles("input[type=file]", [
      { name: "huge.pdf", mimeType: "application/pdf", buffer: bytes(8_000_001) },
      { name: "setup.exe", mimeType: "application/x-msdownload", buffer: Buffer.from("MZ") },
      { name: "fake.png", mimeType: "image/png", buffer: Buffer.from("<svg onload=alert(1)>") },
    ]);
    await page.waitForFunction(() => document.querySelectorAll("#entries .error").length === 3);
    expect(
      await page.$$eval("#entries li", (lis) =>
        lis.map((li) => [li.querySelector(".name")?.textContent, li.querySelector(".error")?.textContent]),
      ),
    ).toEqual([
      ["huge.pdf", "Too large: at most 8 MB"],
      ["setup.exe", "Not an image, PDF or text file"],
      ["fake.png", "Not an image: its contents say otherwise"],
    ]);
    for (const name of ["huge.pdf", "setup.exe", "fake.png"]) await page.getByRole("button", { name: `Cancel ${name}` }).click();
    await page.waitForFunction(() => document.querySelectorAll("#entries li").length === 0);
    await page.setInputFiles(
      "input[type=file]",
      [1, 2, 3, 4, 5, 6].map((i) => ({ name: `${i}.txt`, mimeType: "text/plain", buffer: Buffer.from(`file ${i}`) })),
    );
    await page.waitForFunction(() => document.querySelector("#upload-form > p.error")?.textContent === "At most 5 files at once");
    expect(await links(page)).toEqual([]);
    await context.close();
  });

  it("in direct mode, uploads with the S3 uploader to the storage's own receiver", async () => {
    const direct = await startServer({ directUploads: true });
    try {
      const { context, page, errors } = await files("alice@example.com", direct);
      const content = bytes(50_000, 9);
      await page.setInputFiles("input[type=file]", [{ name: "direct.pdf", mimeType: "application/pdf", buffer: content }]);
      await allDone(page, 1);
      await page.getByRole("button", { name: "Upload" }).click();
      await page.waitForFunction(() => document.querySelector("#files a")?.textContent === "direct.pdf");
      const href = (await links(page))[0]![1]!;
      expect(sha(await (await context.request.get(direct.url + href)).body())).toBe(sha(content));
      expect(errors).toEqual([]);
      await context.close();
    } finally {
      await direct.close();
    }
  });
});
