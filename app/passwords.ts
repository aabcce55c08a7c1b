/**
 * Password hashing with scrypt (memory-hard, in node:crypto). The stored form carries its
 * parameters, so they can be raised later without breaking existing hashes.
 */
import { randomBytes, scrypt, scryptSync, timingSafeEqual, type ScryptOptions } from "node:crypto";

const PARAMS = { N: 16384, r: 8, p: 1 } as const; // 16 MiB per hash, ~50 ms
const KEY_LENGTH = 32;

/**
 * Hashes running at once, and waiting. scrypt runs on libuv's thread pool (4 threads), which
 * file reads share: a burst of log-ins must not take all of it, or serving the bundle stalls.
 */
const CONCURRENT = 2;
const WAITING = 64;
let running = 0;
const waiting: (() => void)[] = [];

/** Too many log-ins at once: the caller answers "busy, try again". */
export class HashingBusy extends Error {
  constructor() {
    super("too many password checks at once");
    this.name = "HashingBusy";
  }
}

async function slot(): Promise<void> {
  if (running < CONCURRENT) {
    running++;
    return;
  }
  if (waiting.length >= WAITING) throw new HashingBusy();
  await new Promise<void>((resolve) => waiting.push(resolve));
}

function release(): void {
  const next = waiting.shift();
  if (next) next();
  else running--;
}

async function scryptAsync(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  await slot();
  try {
    return await new Promise((resolve, reject) =>
      scrypt(password, salt, KEY_LENGTH, { ...options, maxmem: 64 * 1024 * 1024 }, (err, key) => (err ? reject(err) : resolve(key))),
    );
  } finally {
    release();
  }
}

function encode(salt: Buffer, key: Buffer): string {
  return `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${salt.toString("base64url")}$${key.toString("base64url")}`;
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  return encode(salt, await scryptAsync(password, salt, PARAMS));
}

/** For seeding, before the server takes requests. */
export function hashPasswordSync(password: string): string {
  const salt = randomBytes(16);
  return encode(salt, scryptSync(password, salt, KEY_LENGTH, PARAMS));
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !key) return false;
  const expected = Buffer.from(key, "base64url");
  const actual = await scryptAsync(password, Buffer.from(salt, "base64url"), { N: Number(n), r: Number(r), p: Number(p) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A hash no password matches, checked for unknown emails so timing does not reveal accounts. */
export const DUMMY_HASH = hashPasswordSync(randomBytes(16).toString("hex"));
