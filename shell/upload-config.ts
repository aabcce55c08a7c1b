/**
 * The state of one allowed upload and its entries (Phoenix's upload_config.ex): the
 * options checked once, the entries the browser declares validated before any byte is
 * sent (size, name, type by MIME or extension), the preflight, and the immutable `Upload`
 * each change publishes under `assigns.uploads[name]`. An entry also holds what its
 * upload channel (upload-channel.ts) received.
 */
import { randomUUID } from "node:crypto";
import { LagoonError } from "./errors.js";
import { extensionOf, isKnownMime, mimeOfExtension } from "./mime.js";
import { randomId } from "./random.js";
import type { ExternalUpload, Upload, UploadEntry, UploadOptions, Uploads, UploadSink } from "./upload-types.js";

/** What the registry needs of its view process (upload-events.ts provides it). */
export interface UploadHost {
  /** Runs `fn` in the view's mailbox, then renders what changed. */
  later(fn: () => void): void;
  /** A component's upload changed outside its own handlers: render it. */
  touch(cid: number): void;
}

/** The socket an upload belongs to (a view's or a live component's). */
export interface UploadOwner {
  readonly assigns: Readonly<Record<string, any>>;
  assign(key: string, value: unknown): unknown;
  readonly myself?: number;
}

/** What a config needs of the registry it belongs to (uploads.ts's ViewUploads). */
export interface UploadRegistry {
  readonly configs: ReadonlyMap<string, ConfigState>;
  readonly host: UploadHost;
  issueToken(entry: EntryState, token: string): void;
  revokeToken(entry: EntryState): void;
}

const DEFAULTS = { maxEntries: 1, maxFileSize: 8_000_000, chunkSize: 64_000, chunkTimeout: 10_000 };
const WILDCARDS = new Set(["image/*", "audio/*", "video/*"]);
// a name a user's system could have given the file: no path, no control characters
const BAD_NAME = /[\u0000-\u001f\u007f/\\]/;
/** Entries an upload holds past its maxEntries: more declared are ignored (too_many_files is shown all the same). */
const MAX_EXTRA = 16;
/** The client's entry refs are counters ("0", "1", ...): anything else is refused. */
const ENTRY_REF = /^[\w-]{1,64}$/;

/** One declared file and, for channel uploads, the bytes received so far. */
export class EntryState {
  valid = true;
  preflighted = false;
  progress = 0;
  done = false;
  /** The preflight token the `lvu:` join must present (channel uploads). */
  token: string | undefined;
  /** What `external` returned (direct uploads). */
  meta: ExternalUpload | undefined;
  /** The upload channel receiving the bytes; `stop` closes it without telling the entry. */
  channel: { stop(): void } | undefined;
  /** The server refused its bytes, or `external` refused it: it stays, with its error, until cancelled. */
  failed = false;
  sink: UploadSink | undefined;
  /** What the upload's own writer returned once done. */
  written: unknown;
  received = 0;
  complete = false;
  #snapshot: UploadEntry | undefined;

  constructor(
    readonly config: ConfigState,
    readonly ref: string,
    readonly uuid: string,
    readonly client: { name: string; type: string; size: number; lastModified: number | undefined; relativePath: string },
  ) {}

  /** The entry is new or changed: its snapshot is rebuilt on the next publish. */
  changed(): void {
    this.#snapshot = undefined;
  }

  snapshot(): UploadEntry {
    const c = this.client;
    return (this.#snapshot ??= Object.freeze({
      ref: this.ref,
      uploadRef: this.config.ref,
      upload: this.config.name,
      uuid: this.uuid,
      clientName: c.name,
      clientType: c.type,
      clientSize: c.size,
      clientLastModified: c.lastModified,
      clientRelativePath: c.relativePath,
      valid: this.valid,
      preflighted: this.preflighted,
      progress: this.progress,
      done: this.done,
    }));
  }

  /** Frees the bytes: the channel stops, the temporary file goes. */
  release(): void {
    this.channel?.stop();
    this.channel = undefined;
    const sink = this.sink;
    this.sink = undefined;
    void sink?.remove();
  }
}

/** One allowed upload of a socket. */
export class ConfigState {
  readonly ref = `phx-${randomId(12)}`;
  readonly accept: readonly string[] | "any";
  readonly maxEntries: number;
  readonly maxEntriesMode: "selected" | "total";
  readonly maxFileSize: number;
  readonly chunkSize: number;
  readonly chunkTimeout: number;
  readonly autoUpload: boolean;
  readonly cid: number | undefined;
  entries: EntryState[] = [];
  errors: [string, string][] = [];
  /** Entries consumed since allowUpload: with maxEntriesMode "total" they count against maxEntries. */
  consumed = 0;
  readonly #types = new Set<string>();
  readonly #exts = new Set<string>();

  constructor(
    readonly registry: UploadRegistry,
    readonly owner: UploadOwner,
    readonly name: string,
    readonly opts: UploadOptions,
  ) {
    const accept = opts.accept;
    if (accept !== "any") {
      if (!Array.isArray(accept) || accept.length === 0) {
        throw new LagoonError(
          "upload_config",
          `allowUpload("${name}"): accept must be a non-empty list of extensions and MIME types, or "any"`,
        );
      }
      for (const item of accept) {
        // as in Phoenix, an extension also accepts every file of its MIME type
        const typeOfExt = typeof item === "string" && item.startsWith(".") ? mimeOfExtension(item.toLowerCase()) : undefined;
        if (typeOfExt) {
          this.#types.add(typeOfExt);
          this.#exts.add(item.toLowerCase());
        } else if (typeof item === "string" && (WILDCARDS.has(item) || isKnownMime(item))) {
          this.#types.add(item);
        } else {
          throw new LagoonError(
            "upload_config",
            `allowUpload("${name}"): unknown accept entry ${JSON.stringify(item)}; use ".ext" or "type/subtype"`,
          );
        }
      }
    }
    this.accept = accept === "any" ? "any" : Object.freeze([...accept]);
    const count = (key: keyof typeof DEFAULTS) => {
      const v = opts[key] ?? DEFAULTS[key];
      if (!Number.isSafeInteger(v) || v < 1)
        throw new LagoonError("upload_config", `allowUpload("${name}"): ${key} must be a positive integer`);
      return v;
    };
    this.maxEntries = count("maxEntries");
    const mode = opts.maxEntriesMode ?? "selected";
    if (mode !== "selected" && mode !== "total") {
      throw new LagoonError("upload_config", `allowUpload("${name}"): maxEntriesMode must be "selected" or "total"`);
    }
    this.maxEntriesMode = mode;
    this.maxFileSize = count("maxFileSize");
    this.chunkSize = count("chunkSize");
    this.chunkTimeout = count("chunkTimeout");
    this.autoUpload = !!opts.autoUpload;
    this.cid = owner.myself;
  }

  /** The chunk size the browser is told to send, within the largest chunk a frame can carry. */
  chunkBytes(maxChunk: number): number {
    return Math.max(1, Math.min(this.chunkSize, maxChunk));
  }

  get external(): boolean {
    return typeof this.opts.external === "function";
  }

  entry(ref: string): EntryState | undefined {
    return this.entries.find((e) => e.ref === ref);
  }

  /** Entries the browser declared (a change event or a preflight); "error" when a non-auto upload has errors. */
  put(declared: unknown): "ok" | "error" {
    const list = Array.isArray(declared) ? declared.slice(0, this.maxEntries + MAX_EXTRA) : [];
    // one file at a time: a newly chosen file replaces the previous one
    if (this.maxEntries === 1 && list.length === 1 && !this.entry(refOf(list[0]) ?? "")) {
      for (const entry of [...this.entries]) this.drop(entry);
    }
    for (const item of list) {
      const ref = refOf(item);
      if (ref === undefined || this.entry(ref) || this.entries.length >= this.maxEntries + MAX_EXTRA) continue;
      this.#add(ref, item as Record<string, unknown>);
    }
    const tooMany = this.#tooMany();
    if (tooMany) this.error(this.ref, "too_many_files");
    this.publish();
    if (this.autoUpload) return "ok";
    return tooMany || this.errors.length ? "error" : "ok";
  }

  #add(ref: string, c: Record<string, unknown>): void {
    const size = c.size;
    const client = {
      name: typeof c.name === "string" ? c.name.slice(0, 1024) : "",
      type: typeof c.type === "string" ? c.type.slice(0, 255).toLowerCase() : "",
      size: typeof size === "number" && Number.isSafeInteger(size) && size >= 0 ? size : -1,
      lastModified: typeof c.last_modified === "number" ? c.last_modified : undefined,
      relativePath: typeof c.relative_path === "string" ? c.relative_path.slice(0, 1024) : "",
    };
    const entry = new EntryState(this, ref, randomUUID(), client);
    const reason = this.#validate(client);
    this.entries.push(entry);
    if (reason) {
      entry.valid = false;
      this.error(ref, reason);
    }
  }

  /** Phoenix's order: size, then type; plus Lagoon's name check. The first failure wins. */
  #validate(c: EntryState["client"]): string | undefined {
    if (c.size < 0 || c.size > this.maxFileSize) return "too_large";
    if (c.name === "" || c.name.length > 255 || BAD_NAME.test(c.name) || c.name === "." || c.name === "..") return "invalid_name";
    if (this.accept === "any") return undefined;
    const wildcard = /^(image|audio|video)\//.exec(c.type);
    if (wildcard && this.#types.has(`${wildcard[1]}/*`)) return undefined;
    if (this.#types.has(c.type) || this.#exts.has(extensionOf(c.name))) return undefined;
    return "not_accepted";
  }

  /** The entry's bytes must start like an image: it is declared as one, by type or extension. */
  isImage(entry: EntryState): boolean {
    return entry.client.type.startsWith("image/") || !!mimeOfExtension(extensionOf(entry.client.name))?.startsWith("image/");
  }

  error(ref: string, reason: string): void {
    if (!this.errors.some(([r, e]) => r === ref && e === reason)) this.errors.push([ref, reason]);
    this.entry(ref)?.changed();
  }

  errorsOf(ref: string): string[] {
    return this.errors.filter(([r]) => r === ref).map(([, e]) => e);
  }

  /** Entries that may still be chosen: maxEntries, less what was consumed in "total" mode. */
  #room(): number {
    return this.maxEntriesMode === "total" ? Math.max(0, this.maxEntries - this.consumed) : this.maxEntries;
  }

  #tooMany(): boolean {
    return this.entries.length > this.#room();
  }

  /** Marks the valid requested entries within maxEntries as preflighted; returns those newly marked. */
  preflight(refs: readonly string[]): EntryState[] {
    const marked: EntryState[] = [];
    const room = this.#room();
    this.entries.forEach((entry, i) => {
      if (i >= room || entry.preflighted || !refs.includes(entry.ref)) return;
      entry.preflighted = true;
      entry.changed();
      if (entry.valid && !this.external) this.registry.issueToken(entry, randomId(18));
      marked.push(entry);
    });
    return marked;
  }

  /** A consumed entry goes, and counts in "total" mode. */
  consume(entry: EntryState): void {
    if (!this.entries.includes(entry)) return;
    this.consumed++;
    this.drop(entry);
  }

  /** Forgets an entry and frees its bytes; the upload's errors are recomputed. */
  drop(entry: EntryState): void {
    if (!this.entries.includes(entry)) return;
    this.entries = this.entries.filter((e) => e !== entry);
    const tooMany = this.#tooMany();
    this.errors = this.errors.filter(([ref, reason]) => ref !== entry.ref && !(reason === "too_many_files" && !tooMany));
    this.registry.revokeToken(entry);
    entry.release();
  }

  snapshot(): Upload {
    return Object.freeze({
      name: this.name,
      ref: this.ref,
      accept: this.accept,
      maxEntries: this.maxEntries,
      maxEntriesMode: this.maxEntriesMode,
      maxFileSize: this.maxFileSize,
      chunkSize: this.chunkSize,
      chunkTimeout: this.chunkTimeout,
      autoUpload: this.autoUpload,
      external: this.external,
      entries: Object.freeze(this.entries.map((e) => e.snapshot())),
      errors: Object.freeze(this.errors.map((pair) => Object.freeze([...pair] as const))),
    });
  }

  /** Assigns the new state as `uploads[name]` (the owner re-renders). */
  publish(): void {
    if (this.registry.configs.get(this.ref) !== this) return;
    const current = (this.owner.assigns.uploads ?? {}) as Uploads;
    this.owner.assign("uploads", Object.freeze({ ...current, [this.name]: this.snapshot() }));
    if (this.cid !== undefined) this.registry.host.touch(this.cid);
  }
}

function refOf(item: unknown): string | undefined {
  const ref = (item as { ref?: unknown } | null)?.ref;
  return typeof ref === "string" && ENTRY_REF.test(ref) && ref !== "__proto__" ? ref : undefined;
}
