/** The demo's /files: uploads through the test client, and the download route over HTTP. */
import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { UploadEntry } from "lagoon";
import { demo, type Demo } from "../support/demo.js";
import { httpLogIn } from "../support/login.js";
import { startServer, type TestServer } from "../support/server.js";

const sha = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);

describe("/files (test client)", () => {
  let app: Demo;
  afterEach(() => app.close());
  const stored = () => readdirSync(app.filesDir);
  const links = (view: { html(): string }) =>
    [...view.html().matchAll(/<a href="\/files\/(\d+)\/download">([^<]*)<\/a>/g)].map((m) => m[2]);

  it("is for logged-in users", async () => {
    app = await demo();
    await expect(app.visit("/files")).rejects.toMatchObject({ to: expect.stringContaining("/login?return_to=%2Ffiles") });
  });

  it("uploads, stores under generated ids and lists each user's own files", async () => {
    app = await demo();
    const alice = await app.user("alice@example.com");
    const view = await app.visit("/files", { user: alice });
    expect(view.find("input[type=file]")?.getAttribute("accept")).toBe("image/*,.pdf,.txt");
    expect(view.find("input[type=file]")?.hasAttribute("multiple")).toBe(true);
    expect(view.find("#drop-zone")?.getAttribute("phx-drop-target")).toBe(view.find("input[type=file]")?.getAttribute("id"));
    const report = Uint8Array.from({ length: 200_000 }, (_, i) => i % 256);
    const outcome = await view.upload("files", [
      { name: "report.pdf", type: "application/pdf", content: report },
      { name: "<b onclick=x>photo.png", type: "image/png", content: PNG },
    ]);
    expect(outcome.errors).toEqual({});
    expect(outcome.progress["report.pdf"]?.at(-1)).toBe(100);
    expect(view.find("#entry-0 .pct")?.textContent).toBe("100%");
    await view.form("#upload-form").submit();
    expect(links(view)).toEqual(["report.pdf", "&lt;b onclick=x&gt;photo.png"]);
    expect(view.find("#entries li")).toBeNull();
    // on disk under generated ids, never the client's names
    const keys = stored();
    expect(keys).toHaveLength(2);
    for (const key of keys) expect(key).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys.map((k) => sha(readFileSync(join(app.filesDir, k)))).sort()).toEqual([sha(report), sha(PNG)].sort());
    // another user sees only theirs
    const bob = await app.visit("/files", { user: await app.user("bob@example.com") });
    expect(links(bob)).toEqual([]);
    view.close();
    bob.close();
  });

  it("shows a too-large or not-accepted file's error beside it and never stores it", async () => {
    app = await demo();
    const view = await app.visit("/files", { user: await app.user("alice@example.com") });
    await view.selectFiles("files", [
      { name: "huge.pdf", type: "application/pdf", content: new Uint8Array(8_000_001) },
      { name: "run.sh", type: "application/x-sh", content: "#!/bin/sh" },
      { name: "fake.png", type: "image/png", content: "not a png" },
    ]);
    expect(view.find("#entry-0 .error")?.textContent).toBe("Too large: at most 8 MB");
    expect(view.find("#entry-1 .error")?.textContent).toBe("Not an image, PDF or text file");
    expect(view.find("#entry-2 .error")).toBeNull();
    await view.element("#entry-0 button", "Cancel").click();
    await view.element("#entry-1 button", "Cancel").click();
    await view.upload("files", []);
    expect(view.find("#entry-2 .error")?.textContent).toBe("Not an image: its contents say otherwise");
    await view.form("#upload-form").submit();
    expect(links(view)).toEqual([]);
    expect(stored()).toEqual([]);
    // six at once: the upload's own error
    await view.element("#entry-2 button", "Cancel").click();
    await view.selectFiles(
      "files",
      [1, 2, 3, 4, 5, 6].map((i) => ({ name: `${i}.txt`, type: "text/plain", content: `${i}` })),
    );
    expect(view.find("#upload-form > p.error")?.textContent).toBe("At most 5 files at once");
    view.close();
  });

  it("in direct mode, a file the browser says it uploaded is stored only if the storage has it", async () => {
    app = await demo({ directUploads: true });
    const view = await app.visit("/files", { user: await app.user("alice@example.com") });
    // the test client cannot reach the storage: it only reports progress, as a lying browser would
    await view.upload("files", [{ name: "claimed.txt", type: "text/plain", content: "never sent" }]);
    await view.form("#upload-form").submit();
    expect(links(view)).toEqual([]);
    expect(stored()).toEqual([]);
    view.close();
  });
});

describe("downloads (HTTP)", () => {
  let server: TestServer;
  let alice: string;
  let bob: string;
  let id: number;
  const content = new TextEncoder().encode('<script>alert("x")</script> é');
  beforeAll(async () => {
    server = await startServer();
    [alice, bob] = await Promise.all([httpLogIn(server.url, "alice@example.com"), httpLogIn(server.url, "bob@example.com")]);
    // a file alice stored, as the view stores it
    const path = join(tmpdir(), `lagoon-download-${randomUUID()}`);
    writeFileSync(path, content);
    const user = (await server.ctx.accounts.get(1))!;
    const entry = { uuid: randomUUID(), clientName: 'évil "name";.html', clientType: "text/html" } as UploadEntry;
    id = (await server.ctx.files.add(user, { path, size: content.length }, entry))!.id;
  });
  afterAll(() => server.close());

  const download = (cookie: string | undefined, path = `/files/${id}/download`) =>
    fetch(server.url + path, { headers: cookie ? { cookie } : {}, redirect: "manual" });

  it("serves the owner the same bytes as an attachment, never as a page", async () => {
    const res = await download(alice);
    expect(res.status).toBe(200);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(content);
    expect(res.headers.get("content-disposition")).toBe(
      `attachment; filename="_vil _name__.html"; filename*=UTF-8''%C3%A9vil%20%22name%22%3B.html`,
    );
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    // a type /files does not take is served as bytes
    expect(res.headers.get("content-type")).toBe("application/octet-stream");
    expect(res.headers.get("content-security-policy")).toBe("default-src 'none'; sandbox");
  });

  it("refuses another user and anonymous visitors", async () => {
    expect((await download(bob)).status).toBe(404);
    expect((await download(bob, `/files/999999/download`)).status).toBe(404);
    expect((await download(alice, `/files/x/download`)).status).toBe(404);
    const anonymous = await download(undefined);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toBe("/login?return_to=%2Ffiles");
  });
});
