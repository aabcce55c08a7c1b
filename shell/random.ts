/**
 * Random ids for sessions and views, drawn from a pooled buffer of CSPRNG bytes: one
 * `randomFillSync` per 4 KiB instead of one per id (a first page render needs two, and the
 * call into OpenSSL dominated their cost). Node's `randomUUID` pools the same way. Bytes are
 * never handed out twice.
 */
import { randomFillSync } from "node:crypto";

const POOL_SIZE = 4096;
const pool = Buffer.allocUnsafe(POOL_SIZE);
let offset = POOL_SIZE;

/** `bytes` random bytes (at most 4 KiB) as base64url. */
export function randomId(bytes: number): string {
  if (bytes > POOL_SIZE) throw new RangeError(`randomId: at most ${POOL_SIZE} bytes`);
  if (offset + bytes > POOL_SIZE) {
    randomFillSync(pool);
    offset = 0;
  }
  const id = pool.toString("base64url", offset, offset + bytes);
  offset += bytes;
  return id;
}
