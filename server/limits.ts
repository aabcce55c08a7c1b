/**
 * Limits of the live socket against hostile or broken clients: a token bucket per socket
 * (frames per second), a cap on sockets per client address, and the numbers that bound
 * what one connection may hold. Pure: the caller passes the clock.
 */
import { DEFAULT_ADMISSION, type AdmissionLimits } from "../shell/admission.js";
import type { ConnectionLimits } from "../shell/connection.js";

/** Bounds on what clients may make the live socket hold (createLagoon's `socket.limits`); defaults: DEFAULT_SOCKET_LIMITS. */
export interface SocketLimits extends Omit<ConnectionLimits, "maxFrame">, AdmissionLimits {
  /**
   * Open sockets per client address (default 100; `Infinity`: no cap). Behind a reverse
   * proxy every user shares the proxy's address: raise this, or cap connections at the
   * proxy instead.
   */
  connectionsPerAddress: number;
  /**
   * Frames (and pings) a socket may send in a burst before it is throttled (default 200).
   * Whole upload chunks, and a progress report for each, do not count: the upload's size
   * bounds them.
   */
  burst: number;
  /** Frames per second a socket may send on average (default 100). */
  perSecond: number;
  /**
   * Frames held while a socket is throttled (it is not read meanwhile, so only what was
   * already received queues up). One more closes the socket with 1008. Default 1000.
   */
  queued: number;
  /** Bytes waiting to be written to a socket (a client that stopped reading) past which it is closed with 1008 (default 1 MiB). */
  sendBuffer: number;
  /** Live components one view may hold; one more crashes that view (its memory is bounded with them). Default 10,000. */
  componentsPerView: number;
}

/** The limits a live socket has unless `socket.limits` changes some. */
export const DEFAULT_SOCKET_LIMITS: SocketLimits = {
  ...DEFAULT_ADMISSION,
  maxViews: 64,
  connectionsPerAddress: 100,
  // the official client debounces nothing by default: typing in a phx-change form, or a hook
  // streaming pointer moves at 60 Hz, stays well under this
  burst: 200,
  perSecond: 100,
  queued: 1000,
  sendBuffer: 1024 * 1024,
  componentsPerView: 10_000,
};

/** Tokens refill continuously at `perSecond`, up to `burst`; each admitted frame takes one. */
export class TokenBucket {
  // the rate is the limits object every socket shares, so a socket holds only its own count
  readonly #rate: Readonly<Pick<SocketLimits, "burst" | "perSecond">>;
  #tokens: number;
  #last: number;

  constructor(rate: Readonly<Pick<SocketLimits, "burst" | "perSecond">>, now: number) {
    this.#rate = rate;
    this.#tokens = rate.burst;
    this.#last = now;
  }

  #refill(now: number): void {
    // guarded so an unlimited bucket (Infinity) never computes 0 * Infinity
    if (now > this.#last) this.#tokens = Math.min(this.#rate.burst, this.#tokens + ((now - this.#last) * this.#rate.perSecond) / 1000);
    this.#last = now;
  }

  /** Takes a token if one is available. */
  take(now: number): boolean {
    this.#refill(now);
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }

  /** Gives back the token of a frame that turned out not to count (Conn.refund). */
  refund(): void {
    this.#tokens = Math.min(this.#rate.burst, this.#tokens + 1);
  }

  /**
   * Takes a token even when none is left, for what was already handled (a ping ws answered):
   * the debt, bounded by one burst, delays reading the socket until it is paid back.
   */
  charge(now: number): void {
    this.#refill(now);
    this.#tokens = Math.max(-this.#rate.burst, this.#tokens - 1);
  }

  /** Milliseconds until a token is available (0: now). */
  waitMs(now: number): number {
    this.#refill(now);
    return this.#tokens >= 1 ? 0 : Math.ceil(((1 - this.#tokens) * 1000) / this.#rate.perSecond);
  }
}

/** Counts open connections per address; an address's entry goes away with its last connection. */
export class AddressCounter {
  readonly #max: number;
  readonly #counts = new Map<string, number>();

  constructor(max: number) {
    this.#max = max;
  }

  /** Counts a connection from `address`, unless that address is at the cap. */
  acquire(address: string): boolean {
    const n = this.#counts.get(address) ?? 0;
    if (n >= this.#max) return false;
    this.#counts.set(address, n + 1);
    return true;
  }

  release(address: string): void {
    const n = this.#counts.get(address) ?? 0;
    if (n <= 1) this.#counts.delete(address);
    else this.#counts.set(address, n - 1);
  }
}
