/**
 * The public types of uploads: what a view allows (`UploadOptions`), what templates and
 * handlers see (`Upload`, `UploadEntry`, `UploadedFile`), and where the bytes go
 * (`UploadStore`, `UploadSink`: server/upload-store.ts writes temporary files). uploads.ts
 * has the socket API, upload-config.ts the state behind it.
 */

/** What `external` returns: the client uploader's name and its parameters (a presigned URL and form fields). */
export interface ExternalUpload {
  readonly uploader: string;
  readonly [key: string]: unknown;
}

/** What `allowUpload` takes: which files, how many and how big, how they travel, and callbacks. */
export interface UploadOptions<S = any> {
  /** Extensions (".png"), MIME types ("application/pdf"), "image/*", "audio/*", "video/*"; or "any". */
  readonly accept: readonly string[] | "any";
  /** Files at once (default 1; a single file replaces the previous one). */
  readonly maxEntries?: number;
  /**
   * "selected" (default): maxEntries counts the entries chosen now. "total": it also counts
   * those consumed since allowUpload, so an upload takes maxEntries files in all.
   */
  readonly maxEntriesMode?: "selected" | "total";
  /** Bytes per file (default 8,000,000), checked on the declared size and on the bytes received. */
  readonly maxFileSize?: number;
  /** Bytes per binary frame (default 64,000; capped to fit the socket's frame limit). */
  readonly chunkSize?: number;
  /** Milliseconds without a chunk after which an upload is abandoned (default 10,000). */
  readonly chunkTimeout?: number;
  /** Upload as soon as files are selected, rather than on submit (default false). */
  readonly autoUpload?: boolean;
  /** Runs after each progress update of an entry (the view re-renders after it). */
  progress?(name: string, entry: UploadEntry, socket: S): void | Promise<void>;
  /**
   * Direct uploads: returns where the browser uploads the entry itself (the client
   * uploader named `uploader`, e.g. Lagoon's "S3" with `{ url, fields }`). Throw an
   * EventRejected to refuse the entry.
   */
  external?(entry: UploadEntry, socket: S): ExternalUpload | Promise<ExternalUpload>;
  /**
   * Where the bytes go instead of a temporary file (Phoenix's writer): called when an
   * entry's upload starts, it returns the entry's writer. Read the socket, do not change it.
   */
  writer?(entry: UploadEntry, socket: S): UploadWriter | Promise<UploadWriter>;
}

/** An upload's own destination for one entry's bytes (`writer` in allowUpload's options). */
export interface UploadWriter {
  /** One chunk, in order. Throw an EventRejected to refuse the entry: its code is the entry's error. */
  write(chunk: Uint8Array): void | Promise<void>;
  /** Every byte arrived ("done": what it returns is the consumed file's `meta`), or the entry went before ("cancel"). */
  close(reason: "done" | "cancel"): unknown;
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
  readonly maxEntriesMode: "selected" | "total";
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
  /** The temporary file holding the bytes; removed once the consume function returns. "" for direct uploads and writers. */
  readonly path: string;
  /** Bytes received (the declared size for direct uploads). */
  readonly size: number;
  /** What `external` returned, for direct uploads. */
  readonly external?: ExternalUpload;
  /** What the upload's writer returned from `close("done")`, for uploads with a writer ("" is then the path). */
  readonly meta?: unknown;
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

/** Where channel uploads' bytes go (createUploadStore in lagoon/server writes temporary files). */
export interface UploadStore {
  /** A new sink for one file's bytes. */
  open(): Promise<UploadSink>;
}
