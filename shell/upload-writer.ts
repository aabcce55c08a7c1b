/**
 * An upload's own writer (Phoenix's UploadWriter, `allowUpload(name, { writer })`): the
 * bytes of each entry go to what the view's `writer` returns (a stream to storage, a
 * parser) rather than to a temporary file. It is started when the entry's upload channel
 * opens, gets the chunks in order, and is closed with "done" once every byte arrived (what
 * that returns is the file's `meta` when consumed) or with "cancel" when the entry goes
 * before (cancelled, refused, abandoned, the view's end).
 */
import type { EntryState } from "./upload-config.js";
import type { UploadSink } from "./upload-types.js";

/** Starts the entry's writer; rejects when it cannot start (the entry is then refused). */
export async function writerSink(entry: EntryState): Promise<UploadSink> {
  const { config } = entry;
  const writer = await config.opts.writer!(entry.snapshot(), config.owner);
  if (typeof writer?.write !== "function" || typeof writer.close !== "function") {
    throw new TypeError(`the writer of upload "${config.name}" must return { write(chunk), close(reason) }`);
  }
  let open = true;
  return {
    path: "",
    write: async (chunk) => {
      await writer.write(chunk);
    },
    async close() {
      open = false;
      entry.written = await writer.close("done");
    },
    async remove() {
      if (!open) return;
      open = false;
      try {
        await writer.close("cancel");
      } catch (error) {
        console.error(`[lagoon] the writer of upload "${config.name}" failed to close:`, error);
      }
    },
  };
}
