/** A live socket's connection (below); server/ws.ts accepts the socket and makes one. */
import { WebSocket } from "ws";
import type { LiveConnection } from "../shell/connection.js";
import type { Conn } from "../shell/transport.js";
import { TokenBucket, type SocketLimits } from "./limits.js";

/** Close codes. Never 1000 from the server: the official client reloads the page on it. */
export const CLOSE = {
  goingAway: 1001,
  /** Rate limit exceeded, or a client that stopped reading. */
  policy: 1008,
  internal: 1011,
} as const;

/** Each open socket's connection, for the listeners all sockets share. */
const connections = new WeakMap<WebSocket, WsConnection>();
const SOCKET_EVENTS = ["message", "ping", "pong", "close", "error"] as const;

/**
 * One connection: frames go to its channel through a token bucket. Past the burst the
 * socket is throttled: it is no longer read (TCP pushes back on the client), the frames
 * already received wait in a short queue and are handled as tokens come back; a queue
 * overflow closes the socket with 1008. A frame the connection calls free (Conn.refund)
 * gives its token back. Output to a client that stopped reading is capped.
 *
 * Its state lives in a class rather than in closures: under tsx (esbuild's keepNames)
 * every named arrow function carries its own 256-byte property dictionary, which each open
 * connection would hold.
 */
export class WsConnection implements Conn {
  readonly #ws: WebSocket;
  readonly #limits: SocketLimits;
  readonly #bucket: TokenBucket;
  /** Frames received while throttled; created with the first. */
  #backlog: (string | Buffer)[] | undefined;
  readonly #channel: LiveConnection;
  #timer: NodeJS.Timeout | undefined;
  #ended = false;
  /** The sets of connections (by session, by user) this one is in, left when it closes. */
  #tracked: (readonly [Map<string, Set<WsConnection>>, string])[] | undefined;
  /** Answered the last heartbeat ping. */
  alive = true;

  constructor(ws: WebSocket, limits: SocketLimits, open: (conn: Conn) => LiveConnection) {
    this.#ws = ws;
    this.#limits = limits;
    this.#bucket = new TokenBucket(limits, performance.now());
    this.#channel = open(this);
    connections.set(ws, this);
    for (const [event, listener] of WsConnection.#listeners) ws.on(event, listener);
  }

  // one listener per event for every socket, finding the socket's connection: an idle
  // connection holds no closure of its own
  static readonly #listeners = SOCKET_EVENTS.map(
    (event) =>
      [
        event,
        function (this: WebSocket, a: unknown, b: unknown) {
          const conn = connections.get(this);
          if (conn) conn.#on(event, a, b);
        },
      ] as const,
  );

  #on(event: (typeof SOCKET_EVENTS)[number], a: unknown, b: unknown): void {
    switch (event) {
      case "message":
        return this.#onMessage(a as WebSocket.RawData, b as boolean);
      case "ping":
        return this.#onPing();
      case "pong":
        this.alive = true;
        return;
      case "close":
        return this.#onClose();
      case "error":
        return this.#channel.close();
    }
  }

  /** In `map`'s set under `key` until the socket closes. */
  trackedIn(map: Map<string, Set<WsConnection>>, key: string): void {
    // array literals, at their size: a first push would reserve room for 17
    this.#tracked = this.#tracked ? [...this.#tracked, [map, key]] : [[map, key]];
  }

  // ws answers pings itself (a burst beyond maxPendingAutoPongs terminates the socket); a
  // steady ping stream still spends tokens, and its debt pauses reading like a frame flood
  #onPing(): void {
    if (this.#ended) return;
    this.#bucket.charge(performance.now());
    if (this.#bucket.waitMs(performance.now()) > 0) this.#throttle();
  }

  #onClose(): void {
    this.#ended = true;
    clearTimeout(this.#timer);
    this.#backlog = undefined;
    this.#channel.close();
    const tracked = this.#tracked ?? [];
    this.#tracked = undefined;
    for (const [map, key] of tracked) {
      const set = map.get(key);
      set?.delete(this);
      if (set?.size === 0) map.delete(key);
    }
  }

  send(text: string): void {
    const ws = this.#ws;
    if (this.#ended || ws.readyState !== WebSocket.OPEN) return;
    // ws buffers without bound for a client that stopped reading; past the cap, give up on it
    if (ws.bufferedAmount > this.#limits.sendBuffer) return this.#end(CLOSE.policy, "slow consumer");
    ws.send(text);
  }

  close(code: number, reason: string): void {
    this.#end(code, reason);
  }

  refund(): void {
    this.#bucket.refund();
  }

  #onMessage(data: WebSocket.RawData, isBinary: boolean): void {
    if (this.#ended) return;
    // binary frames (upload chunks) stay bytes: a Buffer under ws's default binaryType, fragments joined
    const frame = isBinary ? (data as Buffer) : data.toString();
    const backlog = this.#backlog;
    if (!backlog?.length && this.#bucket.take(performance.now())) return this.#handle(frame);
    if (backlog && backlog.length >= this.#limits.queued) return this.#end(CLOSE.policy, "rate limit exceeded");
    (this.#backlog ??= []).push(frame);
    this.#throttle();
  }

  #end(code: number, reason: string): void {
    if (this.#ended) return;
    this.#ended = true;
    clearTimeout(this.#timer);
    this.#backlog = undefined;
    this.#channel.close();
    this.#ws.close(code, reason);
    // read again (frames are ignored now) so the client's close reply completes the handshake
    // at once, rather than after CLOSE_TIMEOUT_MS
    if (this.#ws.isPaused) this.#ws.resume();
  }

  #handle(frame: string | Buffer): void {
    try {
      if (typeof frame === "string") this.#channel.handle(frame);
      else this.#channel.handleBinary(frame);
    } catch (error) {
      // LiveConnection.handle never throws by contract; if it did, only this connection pays
      console.error("[lagoon] frame handling failed:", error);
      this.#end(CLOSE.internal, "internal error");
    }
  }

  #drain(): void {
    this.#timer = undefined;
    const backlog = this.#backlog ?? [];
    while (backlog.length && !this.#ended && this.#bucket.take(performance.now())) this.#handle(backlog.shift()!);
    if (this.#ended) return;
    if (!backlog.length) this.#backlog = undefined;
    const wait = this.#bucket.waitMs(performance.now());
    if (backlog.length || wait > 0) this.#timer = setTimeout(() => this.#drain(), wait);
    else this.#ws.resume();
  }

  #throttle(): void {
    if (this.#timer !== undefined) return;
    this.#ws.pause();
    this.#timer = setTimeout(() => this.#drain(), this.#bucket.waitMs(performance.now()));
  }
}

/** The connection of an open socket (the heartbeat reads its `alive`). */
export function connectionOf(ws: WebSocket): WsConnection | undefined {
  return connections.get(ws);
}
