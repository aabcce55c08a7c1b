/** Uploads through the test client: the same connection, preflight, binary chunks and progress as the browser. */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createUploadStore } from "../../server/upload-store.js";
import { defineView, html, live, liveFileInput, liveSession, type Uploads } from "../../shell/index.js";
import { visit } from "../../shell/testing/index.js";
import { sha256, uploadRoutes, uploadStats, writerLog } from "../support/views/uploads.js";

const routes = uploadRoutes();
const root = mkdtempSync(join(tmpdir(), "lagoon-uploads-test-"));
const store = createUploadStore({ dir: root });
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Temporary upload files that exist now. */
const tempFiles = () => {
  try {
    return readdirSync(store.dir);
  } catch {
    return [];
  }
};

const bytes = (n: number, seed = 7) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) % 251);
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 1]);

const open = (path = "/uploads") => visit(routes, path, { uploads: store });

describe("the live file input", () => {
  it("renders what the official client's hook reads, in the HTTP render and once joined", async () => {
    const view = await open();
    const input = view.find("input[type=file]")!;
    const ref = input.getAttribute("id")!;
    expect(ref).toMatch(/^phx-[\w-]+$/);
    expect(input.getAttribute("data-phx-upload-ref")).toBe(ref);
    expect(input.getAttribute("name")).toBe("docs");
    expect(input.getAttribute("accept")).toBe(".txt,.png,image/jpeg,.pdf");
    expect(input.getAttribute("data-phx-hook")).toBe("Phoenix.LiveFileUpload");
    expect(input.hasAttribute("multiple")).toBe(true);
    for (const attr of ["data-phx-active-refs", "data-phx-done-refs", "data-phx-preflighted-refs"])
      expect(input.getAttribute(attr)).toBe("");
    expect(input.hasAttribute("data-phx-error-refs")).toBe(false);
    expect(input.hasAttribute("data-phx-auto-upload")).toBe(false);
    expect(view.find("#drop")!.getAttribute("phx-drop-target")).toBe(ref);
    expect(view.staticHtml).toContain('data-phx-hook="Phoenix.LiveFileUpload"');
    const auto = await open("/uploads/auto");
    expect(auto.find("input[type=file]")!.hasAttribute("data-phx-auto-upload")).toBe(true);
    expect(auto.find("input[type=file]")!.hasAttribute("multiple")).toBe(false);
    expect(auto.find("input[type=file]")!.hasAttribute("accept")).toBe(false);
  });

  it("passes the attributes it is given through, and patches them", async () => {
    const Hidden = defineView<{ uploads: Uploads<"f">; shown: boolean }>({
      name: "HiddenInputLive",
      mount: (_p, _s, socket) => void socket.assign({ shown: false }).allowUpload("f", { accept: "any" }),
      events: { v: () => {}, show: (_p, socket) => void socket.assign({ shown: true }) },
      render: (a) =>
        html`<form id="f" phx-change="v">${liveFileInput(a.uploads.f, { style: a.shown ? "color: red" : "display: none;", class: "pick" })}</form>`,
    });
    const view = await visit([live("/hidden", Hidden)], "/hidden");
    expect(view.find("input[type=file]")?.getAttribute("style")).toBe("display: none;");
    expect(view.find("input[type=file]")?.getAttribute("class")).toBe("pick");
    await view.hook("show", {});
    expect(view.find("input[type=file]")?.getAttribute("style")).toBe("color: red");
  });
});

describe("uploads through the test client", () => {
  it("uploads files in chunks with progress, and the handler gets each file's path and metadata on submit", async () => {
    const view = await open("/uploads?chunk=1000");
    const a = bytes(2500);
    const b = new TextEncoder().encode("hello, lagoon");
    const outcome = await view.upload("docs", [
      { name: "a.pdf", type: "application/pdf", content: a },
      { name: "notes.txt", type: "text/plain", content: b },
    ]);
    expect(outcome.errors).toEqual({});
    expect(outcome.progress).toEqual({ "a.pdf": [40, 80, 100], "notes.txt": [100] });
    const input = view.find("input[type=file]")!;
    expect(input.getAttribute("data-phx-active-refs")).toBe("0,1");
    expect(input.getAttribute("data-phx-preflighted-refs")).toBe("0,1");
    expect(input.getAttribute("data-phx-done-refs")).toBe("0,1");
    expect(view.find("#entry-0 .pct")?.textContent).toBe("100%");
    expect(tempFiles()).toHaveLength(2);

    await view.form("#upload-form").submit();
    const saved = [...view.find("#saved")!.querySelectorAll("li")].map((li) => [li.textContent, li.getAttribute("data-sha")]);
    expect(saved).toEqual([
      ["a.pdf (2500 bytes)", sha256(a)],
      ["notes.txt (13 bytes)", sha256(b)],
    ]);
    // consumed: the entries and their temporary files are gone
    expect(view.find("input[type=file]")!.getAttribute("data-phx-active-refs")).toBe("");
    expect(view.find(".entry")).toBeNull();
    expect(tempFiles()).toEqual([]);
    view.close();
  });

  it("validates entries as they are chosen, shows the errors at once, and sends no byte of a refused file", async () => {
    const view = await open("/uploads?max=1000");
    const html = await view.selectFiles("docs", [
      { name: "big.txt", type: "text/plain", content: bytes(1001) },
      { name: "run.exe", type: "application/x-msdownload", content: "MZ" },
      { name: "ok.txt", type: "text/plain", content: "fine" },
    ]);
    expect(html).toContain("big.txt");
    expect(view.find("#entry-0 .error")?.textContent).toBe("too_large");
    expect(view.find("#entry-1 .error")?.textContent).toBe("not_accepted");
    expect(view.find("#entry-2 .error")).toBeNull();
    expect(view.find("input[type=file]")!.getAttribute("data-phx-error-refs")).toBe("0,1");
    // as in the browser, a form showing upload errors does not upload
    const outcome = await view.upload("docs", []);
    expect(outcome.errors).toEqual({});
    expect(tempFiles()).toEqual([]);
    // cancelling the refused ones clears the errors; the good one uploads
    await view.element("#entry-0 button").click();
    await view.element("#entry-1 button").click();
    expect(view.find("input[type=file]")!.hasAttribute("data-phx-error-refs")).toBe(false);
    const rest = await view.upload("docs", []);
    expect(rest.errors).toEqual({});
    expect(view.find("input[type=file]")!.getAttribute("data-phx-done-refs")).toBe("2");
    view.close();
    expect(tempFiles()).toEqual([]);
  });

  it("refuses names with a path or NUL, and too many files, and stores under generated ids", async () => {
    const view = await open();
    await view.selectFiles("docs", [
      { name: "../../etc/passwd.txt", type: "text/plain", content: "x" },
      { name: "a\u0000b.txt", type: "text/plain", content: "x" },
    ]);
    expect(view.find("#entry-0 .error")?.textContent).toBe("invalid_name");
    expect(view.find("#entry-1 .error")?.textContent).toBe("invalid_name");
    // the name is only ever displayed, escaped
    expect(view.find("#entry-0 .name")?.textContent).toBe("../../etc/passwd.txt");
    await view.element("#entry-0 button").click();
    await view.element("#entry-1 button").click();
    const many = await view.upload(
      "docs",
      [1, 2, 3, 4].map((i) => ({ name: `${i}.txt`, type: "text/plain", content: `file ${i}` })),
    );
    expect(view.find(".upload-errors")?.textContent).toBe("too_many_files");
    expect(Object.values(many.errors)).toEqual(["refused", "refused", "refused", "refused"]);
    await view.element(".entry:last-child button").click();
    expect(view.find(".upload-errors")?.textContent).toBe("");
    const ok = await view.upload("docs", []);
    expect(ok.errors).toEqual({});
    await view.form("#upload-form").submit();
    expect(view.find("#saved")!.querySelectorAll("li")).toHaveLength(3);
    view.close();
  });

  it("refuses an image whose first bytes are not an image, beside its entry, and never stores it", async () => {
    const view = await open();
    const outcome = await view.upload("docs", [
      { name: "cat.png", type: "image/png", content: "<script>alert(1)</script>" },
      { name: "real.png", type: "image/png", content: PNG },
    ]);
    expect(outcome.errors).toEqual({ "cat.png": "not_an_image" });
    // a preview the client draws from the file itself
    const preview = view.find("#entry-1 img")!;
    expect(preview.getAttribute("id")).toBe("phx-preview-1");
    expect(preview.getAttribute("data-phx-hook")).toBe("Phoenix.LiveImgPreview");
    expect(preview.getAttribute("data-phx-entry-ref")).toBe("1");
    expect(preview.getAttribute("data-phx-upload-ref")).toBe(view.find("input[type=file]")!.getAttribute("id"));
    expect(view.find("#entry-0 .error")?.textContent).toBe("not_an_image");
    expect(view.find("input[type=file]")!.getAttribute("data-phx-error-refs")).toBe("0");
    await view.form("#upload-form").submit();
    expect([...view.find("#saved")!.querySelectorAll("li")].map((li) => li.textContent)).toEqual(["real.png (20 bytes)"]);
    expect(tempFiles()).toEqual([]);
    view.close();
  });

  it("cancel mid-upload drops the entry and its temporary file; so does the view ending", async () => {
    const view = await open("/uploads?chunk=100");
    const outcome = await view.upload("docs", [{ name: "half.pdf", type: "application/pdf", content: bytes(1000) }], { percent: 50 });
    expect(outcome.progress["half.pdf"]).toEqual([10, 20, 30, 40, 50]);
    expect(view.find("#entry-0 .pct")?.textContent).toBe("50%");
    expect(tempFiles()).toHaveLength(1);
    await view.element("#entry-0 button").click();
    expect(view.find("#entry-0")).toBeNull();
    expect(tempFiles()).toEqual([]);

    await view.upload("docs", [{ name: "left.pdf", type: "application/pdf", content: bytes(1000) }], { percent: 30 });
    expect(tempFiles()).toHaveLength(1);
    view.close();
    expect(tempFiles()).toEqual([]);
  });

  it("submitting while a file is still uploading consumes only the finished ones", async () => {
    const view = await open("/uploads?chunk=100");
    await view.upload("docs", [{ name: "done.txt", type: "text/plain", content: "done" }]);
    await view.upload("docs", [{ name: "half.txt", type: "text/plain", content: "x".repeat(1000) }], { percent: 50 });
    await view.form("#upload-form").submit();
    expect([...view.find("#saved")!.querySelectorAll("li")].map((li) => li.textContent)).toEqual(["done.txt (4 bytes)"]);
    expect(view.find(".entry .name")?.textContent).toBe("half.txt");
    view.close();
  });

  it("chunks fit the socket's frame limit whatever chunkSize asks", async () => {
    const view = await open("/uploads?chunk=1000000&max=2000000");
    const big = bytes(200_000);
    const outcome = await view.upload("docs", [{ name: "big.pdf", type: "application/pdf", content: big }]);
    // 64 KiB frames less the largest header: four chunks
    expect(outcome.progress["big.pdf"]).toEqual([32, 64, 96, 100]);
    await view.form("#upload-form").submit();
    expect(view.find("#saved li")?.getAttribute("data-sha")).toBe(sha256(big));
    view.close();
  });

  it("auto upload starts at once, one file replaces the previous one, and the progress callback runs", async () => {
    uploadStats.progress.length = 0;
    const view = await open("/uploads/auto?chunk=10");
    const first = await view.upload("docs", [{ name: "one.txt", content: "x".repeat(20) }]);
    expect(first.progress["one.txt"]).toEqual([50, 100]);
    expect(uploadStats.progress).toEqual(["0:50", "0:100"]);
    await view.upload("docs", [{ name: "two.txt", content: "y".repeat(5) }]);
    expect([...view.dom().querySelectorAll(".entry .name")].map((e) => e.textContent)).toEqual(["two.txt"]);
    expect(tempFiles()).toHaveLength(1);
    await view.form("#upload-form").submit();
    expect(view.find("#saved li")?.textContent).toBe("two.txt (5 bytes)");
    expect(tempFiles()).toEqual([]);
    view.close();
  });

  it("maxEntriesMode total counts the entries consumed so far against maxEntries", async () => {
    const view = await open("/uploads/total");
    const names = () => [...view.dom().querySelectorAll(".entry .name")].map((e) => e.textContent);
    const first = await view.upload("docs", [
      { name: "first.txt", content: "1" },
      { name: "second.txt", content: "2" },
      { name: "third.txt", content: "3" },
    ]);
    // only the first two are preflighted; once they are consumed the third is still one too many
    expect(first.errors).toEqual({ "third.txt": "failed preflight" });
    expect(view.find("#consumed")?.textContent).toBe("first.txt,second.txt");
    expect(names()).toEqual(["third.txt"]);
    expect(view.find(".upload-errors")?.textContent).toBe("too_many_files");
    const second = await view.upload("docs", [{ name: "fourth.txt", content: "4" }]);
    expect(second.errors).toEqual({ "third.txt": "failed preflight", "fourth.txt": "failed preflight" });
    expect(view.find("#consumed")?.textContent).toBe("first.txt,second.txt");
    expect(names()).toEqual(["third.txt", "fourth.txt"]);
    expect(view.find(".upload-errors")?.textContent).toBe("too_many_files");
    view.close();
  });

  it("writes into an upload's own writer, whose failure refuses the entry with its reason", async () => {
    writerLog.length = 0;
    const view = await open("/uploads/writer");
    const outcome = await view.upload("docs", [
      { name: "good.pdf", content: "0123456789" },
      { name: "bad.pdf", content: "00000error" },
    ]);
    expect(outcome.errors).toEqual({ "bad.pdf": "invalid_pdf" });
    expect(view.find("#entry-1 .error")?.textContent).toBe("invalid_pdf");
    expect(view.find("input[type=file]")!.getAttribute("data-phx-done-refs")).toBe("0");
    // the failed writer is closed at once; the entry stays until cancelled
    expect(writerLog).toEqual(["good.pdf:done", "bad.pdf:cancel"]);
    await view.form("#upload-form").submit();
    expect(view.find("#consumed")?.textContent).toBe("good.pdf=0123456789:no file");
    expect(view.find("#entry-1 .name")?.textContent).toBe("bad.pdf");
    expect(tempFiles()).toEqual([]);
    await view.element("#entry-1 button").click();
    const late = await view.upload("docs", [{ name: "nostart.pdf", content: "x" }]);
    expect(late.errors).toEqual({ "nostart.pdf": "writer_error" });
    expect(view.find("#entry-2 .error")?.textContent).toBe("no_bucket");
    view.close();
  });

  it("uploads into a live component's own upload", async () => {
    const view = await open("/uploads/component");
    const outcome = await view.upload("docs", [{ name: "c.bin", content: bytes(300) }]);
    expect(outcome.errors).toEqual({});
    await view.form("#box-form").submit();
    expect(view.find("#box #saved li")?.textContent).toBe("c.bin (300 bytes)");
    view.close();
  });

  it("direct uploads report progress to the view, and the handler gets what external returned", async () => {
    const view = await open("/uploads/external");
    const refused = await view.upload("docs", [{ name: "refuse.txt", type: "text/plain", content: "no" }]);
    expect(refused.errors).toEqual({ "refuse.txt": "storage_refused" });
    expect(view.find("#entry-0 .error")?.textContent).toBe("storage_refused");
    await view.element("#entry-0 button").click();
    const outcome = await view.upload("docs", [{ name: "a.txt", type: "text/plain", content: "direct" }]);
    expect(outcome.progress).toEqual({ "a.txt": [100] });
    await view.form("#upload-form").submit();
    const li = view.find("#saved li");
    expect(li?.textContent).toBe("a.txt (6 bytes)");
    expect(tempFiles()).toEqual([]);
    view.close();
  });
});

/** allowUpload's options from the URL; events that allow it again and disallow it. */
const ConfigLive = defineView<{ uploads: Uploads<"f"> }>({
  name: "ConfigLive",
  mount(params, _s, socket) {
    socket.allowUpload("f", {
      accept: params.accept === "bad" ? [".nope"] : params.accept === "none" ? [] : "any",
      chunkSize: params.chunk === undefined ? undefined : Number(params.chunk),
    });
  },
  events: {
    v: () => {},
    again: (_p, socket) => void socket.allowUpload("f", { accept: "any" }),
    drop: (_p, socket) => void socket.disallowUpload("f"),
  },
  render: (a) => html`<form id="f" phx-change="v">${a.uploads.f ? liveFileInput(a.uploads.f) : ""}</form>`,
});
const configRoutes = [liveSession({ name: "config" }, [live("/config", ConfigLive)])];

describe("allowUpload", () => {
  it("refuses unknown accept entries and bad sizes, naming the upload", async () => {
    await expect(visit(configRoutes, "/config?accept=bad")).rejects.toThrow('allowUpload("f"): unknown accept entry ".nope"');
    await expect(visit(configRoutes, "/config?accept=none")).rejects.toThrow("accept must be a non-empty list");
    await expect(visit(configRoutes, "/config?chunk=0")).rejects.toThrow('allowUpload("f"): chunkSize must be a positive integer');
  });

  it("allows again (a new ref) or disallows an upload without entries, and neither while it has some", async () => {
    const view = await visit(configRoutes, "/config", { uploads: store });
    const ref = view.find("input[type=file]")!.getAttribute("id");
    await view.hook("again", {});
    expect(view.find("input[type=file]")!.getAttribute("id")).not.toBe(ref);
    await view.hook("drop", {});
    expect(view.find("input[type=file]")).toBeNull();

    const busy = await visit(configRoutes, "/config", { uploads: store });
    await busy.selectFiles("f", [{ name: "a.txt", content: "a" }]);
    await expect(busy.hook("again", {})).rejects.toThrow(/crashed/);
  });
});
