/**
 * Temporary files for uploads: each channel upload streams into a file of its own, named
 * by a random id (never by the client's file name), readable by the server's user only.
 * The core removes a file when its entry is consumed, cancelled or its view ends; what a
 * crash or a kill left behind is removed when the next server starts.
 *
 * Every process writes under a directory of its own (`<pid>-<random>`), so the workers of
 * a cluster sharing the directory never remove each other's files: a start removes the
 * directories of processes that are gone (and those of its own pid, which a restarted
 * container reuses, unless this process made them: two servers in one process).
 */
import { mkdirSync, readdirSync, rmSync, unlinkSync } from "node:fs";
import { open, rm, type FileHandle } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomId } from "../shell/random.js";
import type { UploadSink, UploadStore } from "../shell/upload-types.js";

/** createLagoon's `uploads`: where temporary upload files go. */
export interface UploadStoreOptions {
  /** Where temporary upload files go (default: `lagoon-uploads` in the OS temporary directory). */
  readonly dir?: string;
}

/** An UploadStore writing temporary files under a directory of this process's own. */
export interface FileUploadStore extends UploadStore {
  /** This process's own directory inside `dir`. */
  readonly dir: string;
}

/** The directories this process's stores write under. */
const ownDirs = new Set<string>();

/** Creates the store and removes the files crashed or killed servers left in `opts.dir`. */
export function createUploadStore(opts: UploadStoreOptions = {}): FileUploadStore {
  const root = opts.dir ?? join(tmpdir(), "lagoon-uploads");
  removeStale(root);
  const dir = join(root, `${process.pid}-${randomId(6)}`);
  ownDirs.add(dir);
  let made = false;
  return {
    dir,
    async open() {
      if (!made) {
        mkdirSync(dir, { recursive: true, mode: 0o700 });
        made = true;
      }
      const path = join(dir, randomId(16));
      return new FileSink(path, await open(path, "wx", 0o600));
    },
  };
}

function removeStale(root: string): void {
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return; // no directory yet: nothing left behind
  }
  for (const name of names) {
    // only the directories of upload stores: anything else in `dir` is not ours to remove
    const m = /^(\d+)-[\w-]+$/.exec(name);
    if (!m) continue;
    const pid = Number(m[1]);
    if (pid === process.pid ? ownDirs.has(join(root, name)) : alive(pid)) continue;
    rmSync(join(root, name), { recursive: true, force: true });
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, as another user's process
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

class FileSink implements UploadSink {
  readonly path: string;
  #file: FileHandle | undefined;

  constructor(path: string, file: FileHandle) {
    this.path = path;
    this.#file = file;
  }

  async write(chunk: Uint8Array): Promise<void> {
    const file = this.#file;
    if (!file) throw new Error("upload file is closed");
    for (let at = 0; at < chunk.length; ) at += (await file.write(chunk, at)).bytesWritten;
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
