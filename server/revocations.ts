/**
 * Revoked sessions. Session cookies are signed and self-contained, so logging out cannot
 * take one back from a browser (or from whoever copied it): the server remembers the
 * sessions that ended (log out) and, per user, when they last logged out everywhere, and
 * refuses those cookies from then on. Every process learns each revocation through the
 * app's PubSub, and closes the live sockets of the sessions it ends (as Phoenix's
 * `live_socket_id` disconnect broadcast does), so a socket opened before logout stops
 * receiving the user's data at once.
 *
 * Kept in memory until the cookies would have expired anyway: a process that starts later
 * learns only the revocations made after it joined the PubSub.
 */
import { checkTopic, type PubSub, type ViewHandle } from "../shell/pubsub.js";
import { randomId } from "../shell/random.js";

/** What a session is matched by: its id, its user (when the app says which key holds it), when it was issued. */
export interface SessionIdentity {
  readonly sid: string;
  readonly user?: string;
  /** When it was issued, milliseconds since the epoch. */
  readonly iat: number;
}

/** `at`: when it was revoked (ms); `until`: when the revocation may be forgotten (s, the cookies' expiry). */
type Message = { node: string; sid?: string; user?: string; at: number; until: number };

const TOPIC = "lagoon:sessions";

export class Revocations {
  readonly #maxAge: number;
  readonly #node = randomId(9);
  /** sid → until when (seconds) the revocation must be kept. */
  readonly #sids = new Map<string, number>();
  /** user → sessions issued before this time (milliseconds) are refused. */
  readonly #users = new Map<string, { before: number; until: number }>();
  readonly #listeners = new Set<(revoked: { sid?: string; user?: string }) => void>();
  #pubsub: PubSub | undefined;

  /** `maxAge`: the session lifetime in seconds, how long a revocation must be remembered. */
  constructor(maxAge: number) {
    this.#maxAge = maxAge;
  }

  /** Shares revocations with the other processes of this PubSub. */
  connect(pubsub: PubSub): () => void {
    checkTopic(TOPIC);
    this.#pubsub = pubsub;
    const handle: ViewHandle = { id: `revocations:${this.#node}`, alive: true, send: (m) => (this.#receive(m), true) };
    return pubsub.subscribe(TOPIC, handle);
  }

  /** Calls `listener` for each session or user revoked here or in another process. */
  onRevoke(listener: (revoked: { sid?: string; user?: string }) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  revoked(session: SessionIdentity): boolean {
    const now = Date.now() / 1000;
    const sid = this.#sids.get(session.sid);
    if (sid !== undefined && sid > now) return true;
    const user = session.user === undefined ? undefined : this.#users.get(session.user);
    return user !== undefined && user.until > now && session.iat < user.before;
  }

  /** Ends one session. */
  revokeSession(sid: string): void {
    this.#apply({ node: this.#node, sid, at: Date.now(), until: Date.now() / 1000 + this.#maxAge }, true);
  }

  /** Ends every session of `user` issued until now. */
  revokeUser(user: string): void {
    this.#apply({ node: this.#node, user, at: Date.now(), until: Date.now() / 1000 + this.#maxAge }, true);
  }

  #apply(m: Message, local: boolean): void {
    this.#sweep();
    if (m.sid !== undefined) this.#sids.set(m.sid, m.until);
    if (m.user !== undefined) this.#users.set(m.user, { before: m.at, until: m.until });
    for (const listener of this.#listeners) listener({ sid: m.sid, user: m.user });
    if (local) this.#pubsub?.broadcast(TOPIC, m);
  }

  #receive(message: unknown): void {
    const m = message as Partial<Message> | null;
    if (!m || typeof m !== "object" || m.node === this.#node || typeof m.at !== "number" || typeof m.until !== "number") return;
    const sid = typeof m.sid === "string" && m.sid.length <= 64 ? m.sid : undefined;
    const user = typeof m.user === "string" && m.user.length <= 256 ? m.user : undefined;
    if (sid === undefined && user === undefined) return;
    this.#apply({ node: m.node as string, sid, user, at: m.at, until: Math.min(m.until, Date.now() / 1000 + this.#maxAge) }, false);
  }

  /** Drops revocations of cookies that have expired on their own. */
  #sweep(): void {
    const now = Date.now() / 1000;
    if (this.#sids.size > 1000) for (const [sid, until] of this.#sids) if (until <= now) this.#sids.delete(sid);
    if (this.#users.size > 1000) for (const [user, r] of this.#users) if (r.until <= now) this.#users.delete(user);
  }
}
