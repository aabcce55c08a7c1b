/**
 * File uploads (Phoenix's upload.ex): the socket API (`socket.allowUpload`,
 * `cancelUpload`, `consumeUploadedEntries`) over each view's registry of uploads, found by
 * ref (the preflight and progress messages, upload-events.ts) and by preflight token (the
 * upload channels, upload-channel.ts). The state of each upload is upload-config.ts's;
 * the template helpers are upload-input.ts's.
 */
import { LagoonError } from "./errors.js";
import { ConfigState, type EntryState, type UploadHost, type UploadOwner, type UploadRegistry } from "./upload-config.js";
import type { UploadedFile, UploadEntry, UploadOptions, Uploads } from "./upload-types.js";

// each socket's uploads by name, for the socket API (consumeUploadedEntries(socket, ...))
const byOwner = new WeakMap<object, Map<string, ConfigState>>();

function configOf(socket: object, name: string): ConfigState {
  const config = byOwner.get(socket)?.get(name);
  if (!config)
    throw new LagoonError("no_upload", `no upload "${name}" is allowed on this socket: call socket.allowUpload("${name}", ...) in mount`);
  return config;
}

/** A view's uploads (its own and its components'), by ref and by preflight token. */
export class ViewUploads implements UploadRegistry {
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

  /** A live component went away: its uploads go with it. */
  forgetComponent(cid: number): void {
    for (const config of [...this.configs.values()]) {
      if (config.cid !== cid) continue;
      for (const entry of [...config.entries]) config.drop(entry);
      this.configs.delete(config.ref);
    }
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

// a direct upload is done once the client says so, but only after its preflight gave it somewhere to go
const finished = (e: EntryState) => e.valid && !e.failed && e.done && (e.config.external ? e.meta !== undefined : e.complete);

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
      : config.opts.writer
        ? { path: "", size: entry.received, meta: entry.written }
        : { path: entry.sink!.path, size: entry.received };
    try {
      results.push(await fn(file, entry.snapshot()));
    } finally {
      config.consume(entry);
      config.publish();
    }
  }
  return results;
}
