/**
 * Cookie sessions and the tokens bound to them.
 *
 * - The session cookie is signed, HttpOnly, SameSite=Lax; it holds a random session id
 *   (`sid`) plus what the app stores (e.g. `userId`). No server-side store, so any process
 *   can serve any request.
 * - The CSRF token is a random value kept in the session (`_csrf_token`, as in Phoenix):
 *   the page embeds it and the WebSocket connect and form posts must present it, so another
 *   site cannot act with the user's cookie. Kept rather than derived (a MAC of the sid): one
 *   HMAC less on every page, and views read it from their session as it is.
 * - The view session token (`data-phx-session`) names the view's DOM id, its live session
 *   and the sid, and expires; a join with a token from another session is refused.
 */
import { timingSafeEqual } from "node:crypto";
import { parse, serialize } from "hono/utils/cookie";
import { randomId } from "../shell/random.js";
import type { Tokens, ViewToken } from "../shell/tokens.js";
import type { Flash, Session } from "../shell/types.js";
import { Revocations } from "./revocations.js";
import type { Signer } from "./signing.js";

export const SESSION_COOKIE = "_lagoon_session";
export const FLASH_COOKIE = "__phoenix_flash__";

/** The session: `sid`, `_csrf_token` and `iat` (issued at, ms) are Lagoon's; other keys belong to the app. */
export interface CookieSession extends Session {
  readonly sid: string;
  readonly _csrf_token: string;
  readonly iat?: number;
}

/** createLagoon's `session`: the cookie session's lifetime, Secure flag and user. */
export interface SessionOptions {
  /** Session lifetime in seconds (default 14 days). */
  maxAge?: number;
  /** Set the Secure flag (default: when the request is https). */
  secure?: boolean;
  /**
   * The user a session belongs to, for "log out everywhere" and per-user limits; by
   * default its `userId`, when set.
   */
  userKey?: (session: CookieSession) => string | undefined;
}

const VIEW_TOKEN_AGE = 14 * 24 * 3600; // tokens are reused for every navigation of a page's lifetime
const FLASH_TOKEN_AGE = 60;
/** Sessions remembered as verified, oldest dropped first. */
const VERIFIED_CACHE = 1024;

export class Sessions implements Tokens {
  readonly #signer: Signer;
  readonly #maxAge: number;
  readonly #secure: boolean | undefined;
  /** The session cookie's attributes after its value, without and with Secure. */
  readonly #attributes: [string?, string?] = [];
  /**
   * Cookies verified lately, by their exact text: a logged-in user sends the same cookie
   * with every page and socket, and verifying it (an HMAC and a JSON parse) was a tenth of
   * a page's render. Only identical bytes hit; expiry is checked on every read.
   */
  readonly #verified = new Map<string, { session: CookieSession; exp: number }>();
  readonly #userKey: (session: CookieSession) => string | undefined;
  /** Sessions ended by log out (or every session of a user): their cookies are refused. */
  readonly revocations: Revocations;

  constructor(signer: Signer, opts: SessionOptions = {}) {
    this.#signer = signer;
    this.#maxAge = opts.maxAge ?? 14 * 24 * 3600;
    this.#secure = opts.secure;
    this.#userKey = opts.userKey ?? ((s) => (typeof s.userId === "string" || typeof s.userId === "number" ? String(s.userId) : undefined));
    this.revocations = new Revocations(this.#maxAge);
  }

  newSession(data: Record<string, unknown> = {}): CookieSession {
    return { ...data, sid: randomId(18), _csrf_token: randomId(18), iat: Date.now() };
  }

  /** The user `session` belongs to (SessionOptions.userKey), if any. */
  userOf(session: CookieSession): string | undefined {
    return this.#userKey(session);
  }

  /** Ends `session`: its cookie is refused from now on, and its live sockets close. */
  revoke(session: CookieSession): void {
    this.revocations.revokeSession(session.sid);
  }

  /** Ends every session of `session`'s user issued until now ("log out everywhere"). */
  revokeUser(user: string): void {
    this.revocations.revokeUser(user);
  }

  /** The verified session from a Cookie header, or null. */
  read(cookieHeader: string | undefined | null): CookieSession | null {
    if (!cookieHeader) return null;
    const value = parse(cookieHeader, SESSION_COOKIE)[SESSION_COOKIE];
    if (value === undefined) return null;
    const known = this.#verified.get(value);
    if (known && known.exp >= Date.now() / 1000) return this.#live(known.session);
    const payload = this.#signer.verify<{ s: CookieSession }>("session", value);
    const s = payload?.s;
    if (!payload || typeof s !== "object" || s === null || typeof s.sid !== "string" || typeof s._csrf_token !== "string") return null;
    if (this.#verified.size >= VERIFIED_CACHE) this.#verified.delete(this.#verified.keys().next().value!);
    // shared by every request carrying this cookie: frozen, so no request can change it for another
    this.#verified.set(value, { session: Object.freeze(s), exp: payload.exp });
    return this.#live(s);
  }

  /** The session unless it was revoked. Cookies from before revocation existed carry no iat: as old as can be. */
  #live(session: CookieSession): CookieSession | null {
    return this.revocations.revoked({ sid: session.sid, user: this.#userKey(session), iat: session.iat ?? 0 }) ? null : session;
  }

  /** A Set-Cookie header value storing `session`. */
  cookie(session: CookieSession, https: boolean): string {
    const secure = this.#secure ?? https;
    // the attributes are the same on every cookie: serialized once for each Secure flag
    const attributes = (this.#attributes[secure ? 1 : 0] ??= serialize(SESSION_COOKIE, "", {
      path: "/",
      httpOnly: true,
      sameSite: "Lax",
      secure,
      maxAge: this.#maxAge,
    }).slice(SESSION_COOKIE.length + 1));
    return `${SESSION_COOKIE}=${encodeURIComponent(this.#signer.sign("session", { s: session }, this.#maxAge))}${attributes}`;
  }

  /** A Set-Cookie header value that deletes the session. */
  clearCookie(): string {
    return serialize(SESSION_COOKIE, "", { path: "/", httpOnly: true, sameSite: "Lax", maxAge: 0 });
  }

  /** Constant-time check of a token from a form post or a socket connect against the session's. */
  checkCsrf(session: CookieSession | null, token: unknown): boolean {
    if (session === null || typeof token !== "string") return false;
    const given = Buffer.from(token);
    const expected = Buffer.from(session._csrf_token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  signView(token: ViewToken): string {
    return this.#signer.sign("view", token, VIEW_TOKEN_AGE);
  }

  verifyView(token: unknown): ViewToken | null {
    const p = this.#signer.verify<Record<string, unknown>>("view", token);
    if (!p || typeof p.id !== "string" || typeof p.ls !== "string" || typeof p.sid !== "string") return null;
    const view: ViewToken = { id: p.id, ls: p.ls, sid: p.sid, ...(isFlash(p.f) ? { f: p.f } : {}) };
    if (typeof p.v !== "string") return view;
    // a nested view's token (shell/nested.ts): only ever signed by this server, checked all the same
    if (typeof p.u !== "string" || (p.p !== undefined && typeof p.p !== "string")) return null;
    const extra = typeof p.s === "object" && p.s !== null && !Array.isArray(p.s) ? (p.s as Record<string, unknown>) : undefined;
    return { ...view, v: p.v, u: p.u, ...(p.p !== undefined ? { p: p.p as string } : {}), ...(extra ? { s: extra } : {}) };
  }

  /**
   * A Set-Cookie value carrying a flash to the next page. HttpOnly (only the server reads
   * it; the client sets its own after a live redirect) and Secure over https.
   */
  flashCookie(flash: Flash, https: boolean): string {
    return serialize(FLASH_COOKIE, this.signFlash(flash), {
      path: "/",
      maxAge: 60,
      sameSite: "Lax",
      httpOnly: true,
      secure: this.#secure ?? https,
    });
  }

  /** The sealed flash a Cookie header carries, if any. */
  flashFrom(cookieHeader: string | undefined | null): string | undefined {
    return cookieHeader ? parse(cookieHeader, FLASH_COOKIE)[FLASH_COOKIE] : undefined;
  }

  signFlash(flash: Flash): string {
    return this.#signer.sign("flash", { f: flash }, FLASH_TOKEN_AGE);
  }

  verifyFlash(token: unknown): Flash {
    const p = this.#signer.verify<{ f: unknown }>("flash", token);
    return p && isFlash(p.f) ? p.f : {};
  }
}

function isFlash(value: unknown): value is Flash {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  return Object.values(value).every((v) => typeof v === "string");
}
