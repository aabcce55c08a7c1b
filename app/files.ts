/**
 * Each user's files: uploaded on /files, kept in the storage under the entry's generated
 * id, listed and downloaded by their owner only. The original name is kept for display
 * and the download's file name; it never names anything on disk.
 */
import type { UploadedFile, UploadEntry, UploadOptions } from "lagoon";
import type { User } from "./accounts.js";
import type { Db } from "./db.js";
import type { FileStorage } from "./storage.js";

export interface StoredFile {
  readonly id: number;
  readonly name: string;
  readonly type: string;
  readonly size: number;
  readonly createdAt: number;
}

/** What /files takes: up to 5 files of 8 MB, images, PDF and text. */
export const FILE_LIMITS = { maxEntries: 5, maxFileSize: 8_000_000, accept: ["image/*", ".pdf", ".txt"] } as const;

const SELECT = "select id, name, type, size, created_at as createdAt from files";

/** The declared type, when it is one /files takes (the download serves it with nosniff). */
const storedType = (type: string) =>
  /^image\/[\w.+-]+$/.test(type) || type === "application/pdf" || type === "text/plain" ? type : "application/octet-stream";

/** Postgres returns bigint columns as strings, and lowercases unquoted aliases. */
function fromRow(row: StoredFile & { createdat?: unknown }): StoredFile {
  return { id: Number(row.id), name: row.name, type: row.type, size: Number(row.size), createdAt: Number(row.createdAt ?? row.createdat) };
}

export class Files {
  readonly #db: Db;
  readonly #storage: FileStorage;
  readonly #direct: boolean;

  /** `direct`: browsers upload to the storage themselves (its `presign`), rather than through the live socket. */
  constructor(db: Db, storage: FileStorage, opts: { direct?: boolean } = {}) {
    this.#db = db;
    this.#storage = storage;
    this.#direct = !!opts.direct;
  }

  /** The upload /files allows: files upload as soon as they are chosen (progress shows, Cancel works), Upload keeps them. */
  uploadOptions(): UploadOptions {
    const storage = this.#storage;
    return {
      autoUpload: true,
      accept: FILE_LIMITS.accept,
      maxEntries: FILE_LIMITS.maxEntries,
      maxFileSize: FILE_LIMITS.maxFileSize,
      external: this.#direct
        ? (entry) => ({ uploader: "S3", ...storage.presign(entry.uuid, { maxSize: FILE_LIMITS.maxFileSize, type: entry.clientType }) })
        : undefined,
    };
  }

  async list(viewer: User): Promise<StoredFile[]> {
    return (await this.#db.all<StoredFile>(`${SELECT} where owner_id = ? order by id`, [viewer.id])).map(fromRow);
  }

  /** The file, when `viewer` owns it. */
  async get(viewer: User, id: unknown): Promise<StoredFile | null> {
    if (typeof id !== "number" || !Number.isSafeInteger(id)) return null;
    const row = await this.#db.get<StoredFile>(`${SELECT} where id = ? and owner_id = ?`, [id, viewer.id]);
    return row ? fromRow(row) : null;
  }

  /** Keeps a finished upload (consumeUploadedEntries hands it over); null when a direct upload never reached the storage. */
  async add(viewer: User, file: UploadedFile, entry: UploadEntry): Promise<StoredFile | null> {
    const key = entry.uuid;
    let size = file.size;
    if (file.external) {
      // the browser said it uploaded the file: the storage says whether it did
      const stored = await this.#storage.size(key);
      if (stored === undefined || stored > FILE_LIMITS.maxFileSize) return null;
      size = stored;
    } else {
      await this.#storage.putFile(key, file.path);
    }
    const row = await this.#db.get<{ id: number }>(
      "insert into files (owner_id, storage_key, name, type, size, created_at) values (?, ?, ?, ?, ?, ?) returning id",
      [viewer.id, key, entry.clientName, storedType(entry.clientType), size, Date.now()],
    );
    return row ? this.get(viewer, Number(row.id)) : null;
  }

  /** The file and its bytes, when `viewer` owns it. */
  async open(viewer: User, id: unknown): Promise<{ file: StoredFile; body: ReadableStream<Uint8Array> } | null> {
    const file = await this.get(viewer, id);
    if (!file) return null;
    const row = await this.#db.get<{ key: string }>("select storage_key as key from files where id = ?", [file.id]);
    return row ? { file, body: this.#storage.read(row.key) } : null;
  }
}
