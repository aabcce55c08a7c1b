/**
 * Signed, expiring tokens (HMAC-SHA256 over base64url JSON), one key per purpose so a
 * token minted for one use (a flash) never verifies as another (a view session).
 * Synchronous on purpose: a view process signs its flash in the middle of a reply.
 */
import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from "node:crypto";

export class Signer {
  // KeyObjects: createHmac copies a Buffer key into a new native key on every call
  readonly #keys = new Map<string, KeyObject>();
  readonly #secret: string;

  constructor(secret: string) {
    if (typeof secret !== "string" || secret.length < 32) {
      throw new TypeError("the signing secret must be at least 32 characters (set LAGOON_SECRET)");
    }
    this.#secret = secret;
  }

  #key(purpose: string): KeyObject {
    let key = this.#keys.get(purpose);
    if (!key) this.#keys.set(purpose, (key = createSecretKey(createHmac("sha256", this.#secret).update(`lagoon:${purpose}`).digest())));
    return key;
  }

  #mac(purpose: string, body: string): Buffer {
    return createHmac("sha256", this.#key(purpose)).update(body).digest();
  }

  /** Signs `payload` for `purpose`, valid for `maxAgeSeconds`. */
  sign(purpose: string, payload: object, maxAgeSeconds: number): string {
    // `exp` appended to the payload's JSON rather than spread into a copy of it: a page
    // signs twice, and the copy was a third of a signature's cost. A payload's own `exp`
    // comes first, so JSON.parse keeps this one, as the spread did.
    const json = JSON.stringify(payload);
    const exp = `"exp":${Math.floor(Date.now() / 1000) + maxAgeSeconds}}`;
    const body = Buffer.from(json.length > 2 ? `${json.slice(0, -1)},${exp}` : `{${exp}`).toString("base64url");
    return `${body}.${createHmac("sha256", this.#key(purpose)).update(body).digest("base64url")}`;
  }

  /** The payload, or null when the token is malformed, forged, for another purpose, or expired. */
  verify<T extends Record<string, unknown>>(purpose: string, token: unknown): (T & { exp: number }) | null {
    if (typeof token !== "string" || token.length > 8192) return null;
    const dot = token.indexOf(".");
    if (dot <= 0) return null;
    const body = token.slice(0, dot);
    const given = Buffer.from(token.slice(dot + 1), "base64url");
    const expected = this.#mac(purpose, body);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    try {
      const payload = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as T & { exp: number };
      if (typeof payload !== "object" || payload === null || typeof payload.exp !== "number") return null;
      if (payload.exp < Date.now() / 1000) return null;
      return payload;
    } catch {
      return null;
    }
  }
}
