/**
 * File uploads (Phoenix's upload_config.ex and upload.ex): what a view or component allows
 * (`socket.allowUpload`), the entries the browser declares, their validation before any
 * byte is sent, and what a handler does with the finished files
 * (`consumeUploadedEntries`). Each change is published as an immutable `Upload` under
 * `assigns.uploads[name]`, so templates render entries, progress and errors like any
 * assign (upload-input.ts has the template helpers).
 *
 * The bytes are not this module's: upload-channel.ts receives them on `lvu:` topics into
 * an `UploadSink` (a temporary file, server/upload-store.ts), and upload-events.ts handles
 * the view's preflight and progress messages.
 */
import { randomUUID } from "node:crypto";
import { LagoonError } from "./errors.js";
import { extensionOf, isKnownMime, mimeOfExtension } from "./mime.js";
import { randomId } from "./random.js";

/** What `external` returns: the client uploader's name and its parameters (a presigned URL and form fields). */
export interface ExternalUpload {
  readonly uploader: string;
  readonly [key: string]: unknown;
}

export interface UploadOptions<S = any> {
  /** Extensions (".png"), MIME types ("application/pdf"), "image/*", "audio/*", "video/*"; or "any". */
  readonly accept: readonly string[] | "any";
  /** Files at once (default 1; a single file replaces the previous one). */
  readonly maxEntries?: number;
  /** Bytes per file (default 8,000,000), checked on the declared size and on the bytes received. */
  readonly maxFileSize?: number;
  /** Bytes per binary frame (default 64,000; capped to fit the socket's frame limit). */
  readonly chunkSize?: number;
  /** Milliseconds without a chunk after which an upload is abandoned (default 10,000). */
  readonly chunkTimeout?: number;
  /** Upload as soon as files are selected, rather than on submit. */
  readonly autoUpload?: boolean;
  /** Runs after each progress update of an entry (the view re-renders after it). */
  progress?(name: string, entry: UploadEntry, socket: S): void | Promise<void>;
  /**
   * Direct uploads: returns where the browser uploads the entry itself (the client
   * uploader named `uploader`, e.g. Lagoon's "S3" with `{ url, fields }`). Throw an
   * EventRejected to refuse the entry.
   */
  external?(entry: UploadEntry, socket: S): ExternalUpload | Promise<ExternalUpload>;
}

/** One file the browser declared, as templates and handlers see it. Its `client*` fields are untrusted. */
export interface UploadEntry {
  /** The client's ref for the file ("0", "1", ...). */
  readonly ref: string;
  /** The upload's ref (its file input's id). */
  readonly uploadRef: string;
  readonly upload: string;
  /** A server-generated id for the file: name stored copies after it, never after `clientName`. */
  readonly uuid: string;
  /** The file's name as the user's system had it: display it (escaped), never use it as a path. */
  readonly clientName: string;
  readonly clientType: string;
  readonly clientSize: number;
  readonly clientLastModified: number | undefined;
  readonly clientRelativePath: string;
  readonly valid: boolean;
  readonly preflighted: boolean;
  /** 0 to 100. */
  readonly progress: number;
  /** Every byte arrived (channel uploads) or the client reported the direct upload done. */
  readonly done: boolean;
}

/** An allowed upload with its entries: `assigns.uploads[name]`. */
export interface Upload {
  readonly name: string;
  /** Its file input's id; `phx-drop-target=${upload.ref}` makes an element a drop zone for it. */
  readonly ref: string;
  readonly accept: readonly string[] | "any";
  readonly maxEntries: number;
  readonly maxFileSize: number;
  readonly chunkSize: number;
  readonly chunkTimeout: number;
  readonly autoUpload: boolean;
  readonly external: boolean;
  readonly entries: readonly UploadEntry[];
  /** `[entry ref, reason]`, and `[upload ref, "too_many_files"]` for the upload as a whole. */
  readonly errors: readonly (readonly [string, string])[];
}

/** The `uploads` assign. */
export type Uploads<N extends string = string> = Readonly<Record<N, Upload>>;

/** What a handler gets for each finished entry. */
export interface UploadedFile {
  /** The temporary file holding the bytes; removed once the consume function returns. "" for direct uploads. */
  readonly path: string;
  /** Bytes received (the declared size for direct uploads). */
  readonly size: number;
  /** What `external` returned, for direct uploads. */
  readonly external?: ExternalUpload;
}

/** Where the bytes of one channel upload go (server/upload-store.ts writes a temporary file). */
export interface UploadSink {
  readonly path: string;
  write(chunk: Uint8Array): Promise<void>;
  /** Every byte arrived: close the file, which stays until removed. */
  close(): Promise<void>;
  /** Closes if open and deletes the file. Never rejects. */
  remove(): Promise<void>;
}

export interface UploadStore {
  open(): Promise<UploadSink>;
}

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

const DEFAULTS = { maxEntries: 1, maxFileSize: 8_000_000, chunkSize: 64_000, chunkTimeout: 10_000 };
const WILDCARDS = new Set(["image/*", "audio/*", "video/*"]);
// a name a user's system could have given the file: no path, no control characters
const BAD_NAME = /[\u0000-\u001f\u007f/\\]/;
/** Entries one message may declare: more are ignored (too_many_files is reported all the same). */
const MAX_DECLARED = 256;

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
  /** The channel failed (or it was refused): the entry stays, with its error, until cancelled. */
  failed = false;
  sink: UploadSink | undefined;
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
  readonly maxFileSize: number;
  readonly chunkSize: number;
  readonly chunkTimeout: number;
  readonly autoUpload: boolean;
  readonly cid: number | undefined;
  entries: EntryState[] = [];
  errors: [string, string][] = [];
  readonly #types = new Set<string>();
  readonly #exts = new Set<string>();

  constructor(
    readonly registry: ViewUploads,
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
        const ext = typeof item === "string" && item.startsWith(".") ? mimeOfExtension(item.toLowerCase()) : undefined;
        if (ext) {
          this.#types.add(ext);
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
    this.maxFileSize = count("maxFileSize");
    this.chunkSize = count("chunkSize");
    this.chunkTimeout = count("chunkTimeout");
    this.autoUpload = !!opts.autoUpload;
    this.cid = owner.myself;
  }

  get external(): boolean {
    return typeof this.opts.external === "function";
  }

  entry(ref: string): EntryState | undefined {
    return this.entries.find((e) => e.ref === ref);
  }

  /** Entries the browser declared (a change event or a preflight); "error" when a non-auto upload has errors. */
  put(declared: unknown): "ok" | "error" {
    const list = Array.isArray(declared) ? declared.slice(0, MAX_DECLARED) : [];
    // one file at a time: a newly chosen file replaces the previous one
    if (this.maxEntries === 1 && list.length === 1 && !this.entry(refOf(list[0]) ?? "")) {
      for (const entry of [...this.entries]) this.drop(entry);
    }
    for (const item of list) {
      const ref = refOf(item);
      if (ref === undefined || this.entry(ref)) continue;
      this.#add(ref, item as Record<string, unknown>);
    }
    const tooMany = this.entries.length > this.maxEntries;
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

  /** Marks the valid requested entries within maxEntries as preflighted; returns those newly marked. */
  preflight(refs: readonly string[]): EntryState[] {
    const marked: EntryState[] = [];
    this.entries.forEach((entry, i) => {
      if (i >= this.maxEntries || entry.preflighted || !refs.includes(entry.ref)) return;
      entry.preflighted = true;
      entry.changed();
      if (entry.valid && !this.external) this.registry.issueToken(entry, randomId(18));
      marked.push(entry);
    });
    return marked;
  }

  /** Forgets an entry and frees its bytes; the upload's errors are recomputed. */
  drop(entry: EntryState): void {
    if (!this.entries.includes(entry)) return;
    this.entries = this.entries.filter((e) => e !== entry);
    this.errors = this.errors.filter(
      ([ref, reason]) => ref !== entry.ref && !(reason === "too_many_files" && this.entries.length <= this.maxEntries),
    );
    this.registry.revokeToken(entry);
    entry.release();
  }

  snapshot(): Upload {
    return Object.freeze({
      name: this.name,
      ref: this.ref,
      accept: this.accept,
      maxEntries: this.maxEntries,
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
  return typeof ref === "string" && ref.length > 0 && ref.length <= 64 ? ref : undefined;
}

// each socket's uploads by name, for the socket API (consumeUploadedEntries(socket, ...))
const byOwner = new WeakMap<object, Map<string, ConfigState>>();

function configOf(socket: object, name: string): ConfigState {
  const config = byOwner.get(socket)?.get(name);
  if (!config)
    throw new LagoonError("no_upload", `no upload "${name}" is allowed on this socket: call socket.allowUpload("${name}", ...) in mount`);
  return config;
}

/** A view's uploads (its own and its components'), by ref and by preflight token. */
export class ViewUploads {
  readonly configs = new Map<string, ConfigState>();
  readonly #tokens = new Map<string, EntryState>();

  constructor(readonly host: UploadHost) {}

  allow(owner: UploadOwner, name: string, opts: UploadOptions): void {
    const mine = byOwner.get(owner) ?? new Map<string, ConfigState>();
    byOwner.set(owner, mine);
    const previous = mine.get(name);
    if (previous?.entries.length) {
      throw new LagoonError("upload_in_use", `allowUpload("${name}") again while it has entries: consume or cancel them first`);
    }
    if (previous) this.configs.delete(previous.ref);
    const config = new ConfigState(this, owner, name, opts);
    mine.set(name, config);
    this.configs.set(config.ref, config);
    config.publish();
  }

  disallow(owner: UploadOwner, name: string): void {
    const config = configOf(owner, name);
    if (config.entries.length) throw new LagoonError("upload_in_use", `disallowUpload("${name}") while it has entries`);
    byOwner.get(owner)?.delete(name);
    this.configs.delete(config.ref);
    const { [name]: _gone, ...rest } = (owner.assigns.uploads ?? {}) as Uploads;
    owner.assign("uploads", Object.freeze(rest));
  }

  issueToken(entry: EntryState, token: string): void {
    entry.token = token;
    this.#tokens.set(token, entry);
  }

  revokeToken(entry: EntryState): void {
    if (entry.token !== undefined) this.#tokens.delete(entry.token);
  }

  /** The entry a preflight token was issued for, while the entry lives. */
  byToken(token: string): EntryState | undefined {
    return this.#tokens.get(token);
  }

  /** The view ended: every upload channel stops and every temporary file goes. */
  end(): void {
    for (const config of this.configs.values()) for (const entry of config.entries) entry.release();
    this.configs.clear();
    this.#tokens.clear();
  }
}

/** Cancels an entry (the user's cancel button): its bytes are dropped. An unknown ref changes nothing. */
export function cancelUpload(socket: object, name: string, ref: unknown): void {
  const config = configOf(socket, name);
  const entry = typeof ref === "string" ? config.entry(ref) : undefined;
  if (!entry) return;
  config.drop(entry);
  config.publish();
}

/** The upload's entries: those whose bytes all arrived, and the others. */
export function uploadedEntries(socket: object, name: string): { completed: UploadEntry[]; inProgress: UploadEntry[] } {
  const config = configOf(socket, name);
  const completed = config.entries.filter(finished).map((e) => e.snapshot());
  return { completed, inProgress: config.entries.filter((e) => !finished(e)).map((e) => e.snapshot()) };
}

const finished = (e: EntryState) => e.valid && !e.failed && e.done && (e.config.external || e.complete);

/**
 * Hands each finished entry of the upload to `fn` (a temporary file's path, or what
 * `external` returned), one at a time, then removes the temporary file and the entry:
 * copy or move the file inside `fn`. Entries still uploading or refused stay as they are.
 * Resolves with what `fn` returned for each.
 */
export async function consumeUploadedEntries<T>(
  socket: object,
  name: string,
  fn: (file: UploadedFile, entry: UploadEntry) => T | Promise<T>,
): Promise<T[]> {
  const config = configOf(socket, name);
  const results: T[] = [];
  for (const entry of config.entries.filter(finished)) {
    const file: UploadedFile = config.external
      ? { path: "", size: entry.client.size, external: entry.meta }
      : { path: entry.sink!.path, size: entry.received };
    try {
      results.push(await fn(file, entry.snapshot()));
    } finally {
      config.drop(entry);
      config.publish();
    }
  }
  return results;
}
