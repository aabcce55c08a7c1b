/**
 * Where the demo keeps uploaded files: a small interface an object store could implement
 * too, and a disk implementation under ./data/uploads. Keys are ids the server generated,
 * never a client's file name.
 *
 * Direct uploads go through the same interface: `presign` says where the browser posts a
 * file itself (an S3-compatible presigned POST: a URL and form fields). On disk that is
 * the demo's own receiver (`directUploadRoute`), which checks the signed policy and
 * stores the file, as S3 would; the view then finds it with `size`.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { createReadStream, mkdirSync } from "node:fs";
import { copyFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Readable } from "node:stream";
import { bodyLimit } from "hono/body-limit";
import type { Lagoon } from "lagoon/server";

export interface FileStorage {
  /** Moves a finished upload's temporary file in under `key`. */
  putFile(key: string, path: string): Promise<void>;
  /** Bytes stored under `key`; undefined when there is nothing. */
  size(key: string): Promise<number | undefined>;
  /** The stored bytes, as a web stream for a response body. */
  read(key: string): ReadableStream<Uint8Array>;
  remove(key: string): Promise<void>;
  /** Where the browser may post `key` itself for the next few minutes: at most `maxSize` bytes of `type`. */
  presign(key: string, limits: { maxSize: number; type: string }): { url: string; fields: Record<string, string> };
}

const KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const PRESIGNED_FOR_MS = 5 * 60_000;
/** The receiver's path (the URL `presign` gives the browser). */
export const DIRECT_UPLOAD_PATH = "/files/direct";

interface Policy {
  readonly key: string;
  readonly maxSize: number;
  readonly type: string;
  readonly expires: number;
}

export class DiskStorage implements FileStorage {
  readonly #dir: string;
  readonly #secret: string;
  #made = false;

  /** `secret` signs the direct upload policies. The directory is made on the first write. */
  constructor(dir: string, secret: string) {
    this.#dir = dir;
    this.#secret = secret;
  }

  #path(key: string): string {
    if (!KEY.test(key)) throw new TypeError("storage keys are generated ids");
    return join(this.#dir, key);
  }

  /** The path to write `key` to. */
  #target(key: string): string {
    if (!this.#made) mkdirSync(this.#dir, { recursive: true, mode: 0o700 });
    this.#made = true;
    return this.#path(key);
  }

  async putFile(key: string, path: string): Promise<void> {
    const to = this.#target(key);
    try {
      await rename(path, to);
    } catch (error) {
      // another file system (a temporary directory elsewhere): copy instead
      if ((error as NodeJS.ErrnoException).code !== "EXDEV") throw error;
      await copyFile(path, to);
    }
  }

  async size(key: string): Promise<number | undefined> {
    try {
      return (await stat(this.#path(key))).size;
    } catch {
      return undefined;
    }
  }

  read(key: string): ReadableStream<Uint8Array> {
    return Readable.toWeb(createReadStream(this.#path(key))) as ReadableStream<Uint8Array>;
  }

  async remove(key: string): Promise<void> {
    await rm(this.#path(key), { force: true });
  }

  presign(key: string, limits: { maxSize: number; type: string }): { url: string; fields: Record<string, string> } {
    const policy = Buffer.from(JSON.stringify({ key, ...limits, expires: Date.now() + PRESIGNED_FOR_MS } satisfies Policy)).toString(
      "base64url",
    );
    return { url: DIRECT_UPLOAD_PATH, fields: { key, policy, signature: this.#sign(policy) } };
  }

  #sign(policy: string): string {
    return createHmac("sha256", this.#secret).update(policy).digest("base64url");
  }

  /** A direct upload's form: stored when its policy is signed, unexpired, and the file fits it. */
  async receive(form: Record<string, unknown>): Promise<"stored" | "forbidden" | "too_large"> {
    const { policy, signature, key, file } = form;
    if (typeof policy !== "string" || typeof signature !== "string" || !(file instanceof File)) return "forbidden";
    const expected = Buffer.from(this.#sign(policy));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return "forbidden";
    const p = JSON.parse(Buffer.from(policy, "base64url").toString()) as Policy;
    if (p.key !== key || p.expires < Date.now() || !KEY.test(p.key) || (p.type !== "" && file.type !== p.type)) return "forbidden";
    if (file.size > p.maxSize) return "too_large";
    try {
      // "wx": a policy stores its key once
      await writeFile(this.#target(p.key), new Uint8Array(await file.arrayBuffer()), { flag: "wx", mode: 0o600 });
    } catch {
      return "forbidden";
    }
    return "stored";
  }
}

/** POST /files/direct: the demo's stand-in for an object store's presigned POST endpoint. */
export function directUploadRoute(lagoon: Lagoon, storage: DiskStorage, maxSize: number): void {
  lagoon.app.post(DIRECT_UPLOAD_PATH, bodyLimit({ maxSize: maxSize + 64 * 1024, onError: (c) => c.text("Too large", 413) }), async (c) => {
    const outcome = await storage.receive(await c.req.parseBody());
    if (outcome === "stored") return c.body(null, 204);
    return c.text(outcome === "too_large" ? "Too large" : "Forbidden", outcome === "too_large" ? 413 : 403);
  });
}
