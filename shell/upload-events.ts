/**
 * The view's side of uploads (Phoenix's channel.ex upload handlers), in its mailbox: the
 * entries a form change declares, the preflight (`allow_upload`) that validates them and
 * answers with a token per entry (or where to upload it directly), and the client's
 * progress reports. Untrusted payloads: an unknown upload ref or a malformed message is
 * refused, never thrown.
 */
import { EventRejected } from "./errors.js";
import type { ViewProcessCore } from "./internal.js";
import type { ConfigState, EntryState, UploadHost, UploadOwner } from "./upload-config.js";
import type { ExternalUpload } from "./upload-types.js";

/** What an upload registry needs of its view process. */
export function uploadHost(proc: ViewProcessCore): UploadHost {
  return {
    later(fn) {
      if (!proc.alive) return;
      void proc.enqueue(null, "info", async () => {
        fn();
        await proc.finish(null, undefined);
      });
    },
    touch(cid) {
      const entry = proc.existingComponents()?.get(cid);
      if (entry) proc.components().touch(entry);
    },
  };
}

/** The upload a message names, if it belongs to the socket the message targets (the view, or the component `cid`). */
function targeted(proc: ViewProcessCore, ref: unknown, cid: unknown): ConfigState | undefined {
  const config = typeof ref === "string" ? proc.existingUploads()?.configs.get(ref) : undefined;
  return config && config.cid === (typeof cid === "number" ? cid : undefined) ? config : undefined;
}

/** A form change's `uploads` (`{ [upload ref]: entries }`): put before the handler runs, as Phoenix does. */
export function putEventUploads(proc: ViewProcessCore, uploads: unknown, owner: UploadOwner): void {
  if (typeof uploads !== "object" || uploads === null || Array.isArray(uploads)) return;
  for (const [ref, entries] of Object.entries(uploads).slice(0, 16)) {
    const config = proc.existingUploads()?.configs.get(ref);
    // a stale ref (an input rendered after disallowUpload, or before a remount) is ignored
    if (config?.owner === owner) config.put(entries);
  }
}

/**
 * `allow_upload { ref, entries, cid }`: validates the entries, then preflights the valid
 * ones within maxEntries. `maxChunk` is the largest chunk the socket's frame limit lets
 * through. Always answered ok, errors in the response, as the client expects.
 */
export async function preflight(proc: ViewProcessCore, payload: Record<string, unknown>, ref: string, maxChunk: number): Promise<void> {
  proc.span.event = "allow_upload";
  const config = targeted(proc, payload.ref, payload.cid);
  if (!config) return proc.reply(ref, { status: "error", response: { reason: "unknown upload" } });
  const declared = Array.isArray(payload.entries) ? payload.entries : [];
  let response: Record<string, unknown>;
  if (config.put(declared) === "error") {
    response = { ref: config.ref, error: config.errors.map(([r, reason]) => [r, reason]) };
  } else {
    const refs = declared.map((e) => (e as { ref?: unknown } | null)?.ref).filter((r): r is string => typeof r === "string");
    const entries = config.preflight(refs);
    const meta = {
      max_file_size: config.maxFileSize,
      max_entries: config.maxEntries,
      chunk_size: config.chunkBytes(maxChunk),
      chunk_timeout: config.chunkTimeout,
    };
    response = config.external ? await external(config, entries, meta) : channelReply(config, entries, meta);
  }
  config.publish();
  const diff = proc.render(false);
  proc.reply(ref, { status: "ok", response: diff ? { ...response, diff } : response });
}

function channelReply(config: ConfigState, entries: EntryState[], meta: Record<string, number>): Record<string, unknown> {
  // keyed by client refs: objects without a prototype
  const tokens: Record<string, string> = Object.create(null);
  const errors: Record<string, string[]> = Object.create(null);
  for (const entry of entries) {
    if (entry.valid) tokens[entry.ref] = entry.token!;
    else errors[entry.ref] = config.errorsOf(entry.ref);
  }
  return { ref: config.ref, config: meta, entries: tokens, errors };
}

/** Asks the view where each entry goes; an EventRejected refuses that entry. */
async function external(config: ConfigState, entries: EntryState[], meta: Record<string, number>): Promise<Record<string, unknown>> {
  const metas: Record<string, ExternalUpload> = Object.create(null);
  const errors: Record<string, unknown[]> = Object.create(null);
  for (const entry of entries) {
    if (!entry.valid) {
      if (config.autoUpload) errors[entry.ref] = config.errorsOf(entry.ref).map((reason) => ({ reason }));
      continue;
    }
    try {
      const result = await config.opts.external!(entry.snapshot(), config.owner);
      if (typeof result?.uploader !== "string") throw new TypeError(`external for upload "${config.name}" must return { uploader, ... }`);
      entry.meta = result;
      metas[entry.ref] = result;
    } catch (error) {
      if (!(error instanceof EventRejected)) throw error;
      entry.failed = true;
      config.error(entry.ref, error.code);
      if (!config.autoUpload) return { ref: config.ref, error: [[entry.ref, error.code]] };
      errors[entry.ref] = [{ reason: error.code }];
    }
  }
  return { ref: config.ref, config: meta, entries: metas, errors };
}

/**
 * `progress { ref, entry_ref, progress, cid }`: a percentage, or `{ error }` from a direct
 * upload's uploader. A channel upload's progress is never more than the bytes received:
 * it is done when they all arrived, whatever the client says.
 */
export async function uploadProgress(proc: ViewProcessCore, payload: Record<string, unknown>, ref: string): Promise<void> {
  proc.span.event = "progress";
  const config = targeted(proc, payload.ref, payload.cid);
  if (!config) return proc.reply(ref, { status: "error", response: { reason: "unknown upload" } });
  const progress = payload.progress;
  const isError = typeof progress === "object" && progress !== null && typeof (progress as { error?: unknown }).error === "string";
  if (!isError && !(Number.isInteger(progress) && (progress as number) >= 0 && (progress as number) <= 100)) {
    return proc.reply(ref, { status: "error", response: { reason: "bad progress" } });
  }
  const entry = typeof payload.entry_ref === "string" ? config.entry(payload.entry_ref) : undefined;
  // an entry cancelled meanwhile, refused, or a direct upload never preflighted: nothing to update
  if (!entry || !entry.valid || entry.failed || (config.external && !entry.meta)) return proc.finish(ref, undefined);
  if (isError) {
    // a channel upload's failures are the server's to record (upload-channel.ts)
    if (config.external) config.error(entry.ref, "external_client_failure");
  } else {
    const received = config.external ? 100 : entry.complete ? 100 : Math.floor((entry.received / Math.max(1, entry.client.size)) * 100);
    const next = Math.max(entry.progress, Math.min(progress as number, received));
    if (next !== entry.progress) {
      entry.progress = next;
      entry.done = next === 100;
      entry.changed();
    }
  }
  config.publish();
  await config.opts.progress?.(config.name, entry.snapshot(), config.owner);
  await proc.finish(ref, undefined);
}
