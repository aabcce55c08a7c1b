/**
 * Uploads in the test client (LiveViewTest's file_input and render_upload): files chosen
 * for an upload's file input are declared in a form change, then uploaded as the official
 * client does: the preflight (`allow_upload`), the bytes as binary chunks on `lvu:<ref>`
 * through the same connection, a progress report after each chunk. Direct (external)
 * uploads only report progress, as nothing here can reach their storage.
 */
import { mkdirSync, rmSync, unlinkSync } from "node:fs";
import { open, rm, type FileHandle } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { HTMLElement } from "node-html-parser";
import { randomId } from "../random.js";
import { encodeBinaryPush } from "../upload-channel.js";
import type { UploadSink, UploadStore } from "../upload-types.js";

/** A file as a test chooses it. */
export interface TestFile {
  readonly name: string;
  readonly type?: string;
  readonly content: string | Uint8Array;
  readonly lastModified?: number;
}

/** What `view.upload` reports: the HTML after it, and each file's ref, progress and error. */
export interface UploadOutcome {
  /** The view's HTML once the upload stopped. */
  readonly html: string;
  /** The entry ref of each file, by file name. */
  readonly refs: Readonly<Record<string, string>>;
  /** Progress reported for each file, in order. */
  readonly progress: Readonly<Record<string, number[]>>;
  /** Why a file was not uploaded: a preflight error, a channel's refusal, or "refused" (errors shown in the form). */
  readonly errors: Readonly<Record<string, string>>;
}

type Reply = { status: string; response: Record<string, any> };

/** What the driver needs of its test view. */
export interface UploadDriverHost {
  dom(): HTMLElement;
  html(): string;
  nextRef(): string;
  /** A push on the view's topic; resolves with its reply once its diff is applied. */
  call(event: string, payload: Record<string, unknown>): Promise<Reply>;
  /** The form change the file input fires, declaring `uploads`. */
  change(form: HTMLElement, target: string, uploads: Record<string, unknown[]>): Promise<unknown>;
  /** The cid the element's events go to. */
  cid(el: HTMLElement): number | undefined;
  sendText(frame: unknown[]): void;
  sendBinary(bytes: Uint8Array): void;
  flush(): Promise<void>;
}

interface Tracked {
  readonly file: TestFile;
  readonly bytes: Uint8Array;
  readonly ref: string;
}

const refsOf = (input: HTMLElement, attr: string) => (input.getAttribute(attr) ?? "").split(",").filter(Boolean);

export class UploadDriver {
  readonly #host: UploadDriverHost;
  readonly #tracked = new Map<string, Tracked[]>();
  readonly #waiting = new Map<string, { topic: string; resolve: (reply: Reply) => void }>();
  // page-global, like the client's LiveUploader.genFileRef
  #nextFileRef = 0;

  constructor(host: UploadDriverHost) {
    this.#host = host;
  }

  #input(name: string): HTMLElement {
    const input = this.#host.dom().querySelector(`input[type="file"][data-phx-upload-ref][name="${name.replace(/["\\]/g, "\\$&")}"]`);
    if (!input) throw new Error(`no live file input for upload "${name}"\n${this.#host.html()}`);
    return input;
  }

  #form(input: HTMLElement): HTMLElement {
    const id = input.getAttribute("form");
    let form: HTMLElement | null = id ? this.#host.dom().querySelector(`[id="${id}"]`) : null;
    for (let node = input.parentNode as HTMLElement | null; !form && node; node = node.parentNode as HTMLElement | null) {
      if (node.tagName === "FORM") form = node;
    }
    if (!form) throw new Error(`the file input "${input.getAttribute("name")}" is not in a form`);
    return form;
  }

  /** The tracked files the server still lists as the input's entries. */
  #active(name: string, input: HTMLElement): Tracked[] {
    const active = refsOf(input, "data-phx-active-refs");
    const files = (this.#tracked.get(name) ?? []).filter((t) => active.includes(t.ref));
    this.#tracked.set(name, files);
    return files;
  }

  /** Chooses files (a form change declaring them); as the client, empty files are skipped. */
  async select(name: string, files: readonly TestFile[]): Promise<Tracked[]> {
    const input = this.#input(name);
    const fresh = files
      .map((file) => ({ file, bytes: typeof file.content === "string" ? new TextEncoder().encode(file.content) : file.content }))
      .filter((f) => f.bytes.length > 0)
      .map((f) => ({ ...f, ref: String(this.#nextFileRef++) }));
    const tracked = input.hasAttribute("multiple") ? [...this.#active(name, input), ...fresh] : fresh;
    this.#tracked.set(name, tracked);
    const uploadRef = input.getAttribute("data-phx-upload-ref")!;
    await this.#host.change(this.#form(input), name, { [uploadRef]: tracked.map((t) => this.#declare(t, name)) });
    return fresh;
  }

  #declare(t: Tracked, path?: string): Record<string, unknown> {
    const { file } = t;
    return {
      ...(path ? { path } : {}),
      ref: t.ref,
      last_modified: file.lastModified ?? 1_700_000_000_000,
      name: file.name,
      relative_path: "",
      type: file.type ?? "",
      size: t.bytes.length,
    };
  }

  /** Selects `files`, then preflights and uploads what the server accepted, each up to `percent`. */
  async upload(name: string, files: readonly TestFile[], percent = 100): Promise<UploadOutcome> {
    const fresh = await this.select(name, files);
    const refs = Object.fromEntries(fresh.map((t) => [t.file.name, t.ref]));
    const progress: Record<string, number[]> = {};
    const errors: Record<string, string> = {};
    const input = this.#input(name);
    // the browser submits nothing while the form shows upload errors
    const shown = refsOf(input, "data-phx-error-refs");
    if (!input.hasAttribute("data-phx-auto-upload") && shown.length) {
      for (const t of fresh) errors[t.file.name] = "refused";
      return { html: this.#host.html(), refs, progress, errors };
    }
    const preflighted = refsOf(input, "data-phx-preflighted-refs");
    const awaiting = this.#active(name, input).filter((t) => !preflighted.includes(t.ref));
    const uploadRef = input.getAttribute("data-phx-upload-ref")!;
    const cid = this.#host.cid(this.#form(input));
    const reply = await this.#host.call("allow_upload", {
      ref: uploadRef,
      entries: awaiting.map((t) => this.#declare(t)),
      ...(cid !== undefined ? { cid } : {}),
    });
    const resp = reply.response;
    if (reply.status !== "ok" || resp.error) {
      for (const [ref, reason] of (resp.error ?? [[uploadRef, resp.reason ?? "error"]]) as [string, string][]) {
        for (const t of awaiting) if (t.ref === ref || ref === uploadRef) errors[t.file.name] = String(reason);
      }
      return { html: this.#host.html(), refs, progress, errors };
    }
    for (const t of awaiting) {
      const meta = resp.entries?.[t.ref];
      const seen = (progress[t.file.name] = [] as number[]);
      const report = async (value: number | { error: string }) => {
        if (typeof value === "number") seen.push(value);
        await this.#host.call("progress", {
          event: null,
          ref: uploadRef,
          entry_ref: t.ref,
          progress: value,
          ...(cid !== undefined ? { cid } : {}),
        });
      };
      if (meta === undefined) errors[t.file.name] = resp.errors?.[t.ref]?.[0]?.reason ?? resp.errors?.[t.ref]?.[0] ?? "failed preflight";
      else if (typeof meta === "string") await this.#channel(t, meta, resp.config.chunk_size, percent, report, errors);
      else await report(percent);
    }
    await this.#host.flush();
    return { html: this.#host.html(), refs, progress, errors };
  }

  /** One entry's bytes over its upload channel, as entry_uploader.js sends them. */
  async #channel(
    t: Tracked,
    token: string,
    chunkSize: number,
    percent: number,
    report: (value: number | { error: string }) => Promise<void>,
    errors: Record<string, string>,
  ): Promise<void> {
    const topic = `lvu:${t.ref}`;
    const joinRef = this.#host.nextRef();
    const joined = await this.#await(topic, joinRef, () => this.#host.sendText([joinRef, joinRef, topic, "phx_join", { token }]));
    if (joined.status !== "ok") {
      errors[t.file.name] = String(joined.response.reason ?? joined.status);
      return;
    }
    const size = t.bytes.length;
    let offset = 0;
    let sent = -1;
    while (offset < size && offset < (size * percent) / 100) {
      const chunk = t.bytes.subarray(offset, offset + chunkSize);
      const ref = this.#host.nextRef();
      const reply = await this.#await(topic, ref, () =>
        this.#host.sendBinary(encodeBinaryPush({ joinRef, ref, topic, event: "chunk", payload: chunk })),
      );
      if (reply.status !== "ok") {
        const reason = String(reply.response.reason ?? reply.status);
        errors[t.file.name] = reason;
        if (reply.status === "error") await report({ error: reason });
        return;
      }
      // refused on its bytes: the client, none the wiser, uploads the rest
      if (reply.response.error) errors[t.file.name] = String(reply.response.error);
      offset += chunk.length;
      const now = Math.min(100, Math.floor((offset / size) * 100));
      if (now > sent) await report((sent = now));
    }
  }

  /** Sends a frame on an upload topic; resolves with its reply, or `{ status: "closed" }` when the server closed the topic first. */
  #await(topic: string, ref: string, send: () => void): Promise<Reply> {
    return new Promise((resolve) => {
      this.#waiting.set(ref, { topic, resolve });
      send();
    });
  }

  /** A frame the server sent on an `lvu:` topic. */
  receive(ref: string | null, topic: string, event: string, payload: Reply): void {
    if (event === "phx_reply" && ref !== null) {
      // a page's views share the connection: a ref is this driver's only on its own topic
      const waiting = this.#waiting.get(ref);
      if (waiting?.topic !== topic) return;
      this.#waiting.delete(ref);
      waiting.resolve(payload);
    } else if (event === "phx_close") {
      for (const [r, w] of this.#waiting) {
        if (w.topic !== topic) continue;
        this.#waiting.delete(r);
        w.resolve({ status: "closed", response: {} });
      }
    }
  }

  /** The connection ended: every upload waiting for a reply stops. */
  ended(): void {
    for (const w of this.#waiting.values()) w.resolve({ status: "closed", response: {} });
    this.#waiting.clear();
  }
}

let shared: UploadStore | undefined;

/** The test client's temporary upload files: a directory of its own, removed when the process exits. */
export function testUploadStore(): UploadStore {
  if (shared) return shared;
  const dir = join(tmpdir(), `lagoon-test-uploads-${process.pid}-${randomId(6)}`);
  let made = false;
  process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  return (shared = {
    async open() {
      if (!made) mkdirSync(dir, { recursive: true, mode: 0o700 });
      made = true;
      const path = join(dir, randomId(12));
      return new TestSink(path, await open(path, "wx", 0o600));
    },
  });
}

class TestSink implements UploadSink {
  #file: FileHandle | undefined;

  constructor(
    readonly path: string,
    file: FileHandle,
  ) {
    this.#file = file;
  }

  async write(chunk: Uint8Array): Promise<void> {
    await this.#file!.write(chunk);
  }

  async close(): Promise<void> {
    const file = this.#file;
    this.#file = undefined;
    await file?.close();
  }

  async remove(): Promise<void> {
    // unlinked at once (an open file can be, on POSIX), so it is gone when the view renders; closed after
    try {
      unlinkSync(this.path);
    } catch {
      // Windows: after the close below
    }
    await this.close().catch(() => {});
    await rm(this.path, { force: true }).catch(() => {});
  }
}
