/**
 * The cookie session of an HTTP request, as Hono middleware: `c.var.session` in every
 * route of `lagoon.app` (typed by `LagoonEnv`). The cookie is read and verified on first
 * use; a request without a valid one gets a new session and its Set-Cookie.
 *
 *   app.post("/login", async (c) => {
 *     if (!c.var.session.checkCsrf(body._csrf_token)) return c.text("Forbidden", 403);
 *     c.var.session.replace({ userId: user.id });
 *     c.var.session.flash({ info: "Welcome back" });
 *     return c.redirect("/", 303);
 *   });
 */
import type { IncomingMessage } from "node:http";
import type { Context, MiddlewareHandler } from "hono";
import { serialize } from "hono/utils/cookie";
import type { Flash } from "../shell/types.js";
import { editHeaders } from "./edit-headers.js";
import { isHttps, type TrustProxy } from "./proxy.js";
import { FLASH_COOKIE, type CookieSession, type Sessions } from "./session.js";

/** The request's session and what a route does with it. */
export interface RequestSession {
  /** The verified cookie session; a new one (its cookie set) when missing or forged. */
  readonly current: CookieSession;
  /** Log in: a new session id holding `data`, so tokens of the old session stop working. */
  replace(data: Record<string, unknown>): CookieSession;
  /**
   * Log out: the cookie is deleted, the session revoked (a copy of its cookie is refused
   * from now on) and its live sockets closed.
   */
  clear(): void;
  /** Log out everywhere: every session of this user issued until now is revoked, their sockets closed. */
  clearEverywhere(): void;
  /** A flash shown by the next page rendered (after a redirect). */
  flash(flash: Flash): void;
  /** A form post's CSRF token is the session's (constant time). */
  checkCsrf(token: unknown): boolean;
  /** The flash a redirect carried here, read once (the cookie is then deleted). */
  takeFlash(): Flash;
}

/** The Hono environment of `lagoon.app`: its routes get `c.var.session` (and the CSP nonce). */
export type LagoonEnv = { Variables: { session: RequestSession; secureHeadersNonce?: string } };

/** The request's raw Cookie header. Read from Node's request: Hono's c.req.header() first builds a Fetch Headers of every header. */
export function cookieHeader(c: Context): string | undefined {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  // Node joins a repeated Cookie header with "; " (the cookie separator), as Fetch does
  return incoming?.headers ? (incoming.headers.cookie as string | undefined) : c.req.header("cookie");
}

class RequestSessionImpl implements RequestSession {
  /** Set-Cookie values not on a response yet: a page takes them, the middleware sets the rest. */
  readonly cookies: string[] = [];
  readonly #c: Context;
  readonly #sessions: Sessions;
  readonly #trustProxy: TrustProxy | undefined;
  #current: CookieSession | undefined;

  constructor(c: Context, sessions: Sessions, trustProxy: TrustProxy | undefined) {
    this.#c = c;
    this.#sessions = sessions;
    this.#trustProxy = trustProxy;
  }

  get current(): CookieSession {
    if (this.#current) return this.#current;
    let session = this.#sessions.read(cookieHeader(this.#c));
    if (!session) {
      session = this.#sessions.newSession();
      this.#setCookie(this.#sessions.cookie(session, this.#https()));
    }
    return (this.#current = session);
  }

  replace(data: Record<string, unknown>): CookieSession {
    const session = this.#sessions.newSession(data);
    this.#setCookie(this.#sessions.cookie(session, this.#https()));
    return (this.#current = session);
  }

  clear(): void {
    const session = this.#sessions.read(cookieHeader(this.#c));
    if (session) this.#sessions.revoke(session);
    this.#setCookie(this.#sessions.clearCookie());
  }

  clearEverywhere(): void {
    const session = this.#sessions.read(cookieHeader(this.#c));
    const user = session ? this.#sessions.userOf(session) : undefined;
    if (user !== undefined) this.#sessions.revokeUser(user);
    this.clear();
  }

  flash(flash: Flash): void {
    this.#setCookie(this.#sessions.flashCookie(flash, this.#https()));
  }

  checkCsrf(token: unknown): boolean {
    return this.#sessions.checkCsrf(this.#sessions.read(cookieHeader(this.#c)), token);
  }

  takeFlash(): Flash {
    const token = this.#sessions.flashFrom(cookieHeader(this.#c));
    if (token === undefined) return {};
    this.#setCookie(serialize(FLASH_COOKIE, "", { path: "/", maxAge: 0 }));
    return this.#sessions.verifyFlash(token);
  }

  #https(): boolean {
    const incoming = (this.#c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
    return incoming ? isHttps(incoming, this.#trustProxy) : this.#c.req.url.startsWith("https:");
  }

  #setCookie(value: string): void {
    this.cookies.push(value);
  }
}

/** The request's Set-Cookie values not sent yet, for a response that sets them itself. */
export function takeCookies(c: Context): string[] {
  const session = c.get("session") as RequestSession | undefined;
  return session instanceof RequestSessionImpl ? session.cookies.splice(0) : [];
}

/** Gives every route `c.var.session`; nothing is read until a route uses it. */
export function sessionMiddleware(sessions: Sessions, trustProxy?: TrustProxy): MiddlewareHandler<LagoonEnv> {
  return async (c, next) => {
    const session = new RequestSessionImpl(c, sessions, trustProxy);
    c.set("session", session);
    await next();
    // after the handler, on the response it returned (as Hono's own header middleware
    // does): a cookie set before the response existed would make Hono build a Fetch
    // Headers for it, which a page building its own response then copies again
    if (session.cookies.length) editHeaders(c, (headers) => session.cookies.forEach((cookie) => headers.append("Set-Cookie", cookie)));
  };
}
