/**
 * One joined view on a connection (a Phoenix channel on topic `lv:<id>`): the host of its
 * view process. It stamps every reply and push with the join ref it belongs to, so the
 * client drops what an older instance of the topic sends, and it reports the join,
 * reconnect and leave spans.
 */
import type { Reply, ViewHost } from "./internal.js";
import type { LiveViewProcess } from "./process.js";
import type { SpanObserver, TelemetryEvent } from "./spans.js";
import { LIVEVIEW_VERSION } from "./wire.js";

/** What a view channel needs of its connection. */
export interface ChannelOwner {
  /** Sends a frame; returns its text (undefined once closed). */
  send(frame: unknown[]): string | undefined;
  /** This channel is the topic's current one. */
  current(channel: ViewChannel): boolean;
  /** The channel ended on its own (crash, navigation, a failed join): forget it. */
  drop(channel: ViewChannel): void;
  readonly spans: SpanObserver | undefined;
}

export class ViewChannel implements ViewHost {
  readonly topic: string;
  readonly joinRef: string;
  readonly #owner: ChannelOwner;
  readonly #joinPushRef: string;
  readonly #started: number;
  readonly #rejoin: boolean;
  /** Joined by live navigation: the reply names the container, whose attributes the client resets. */
  readonly #navigated: boolean;
  proc!: LiveViewProcess;
  /** When the join was answered ok (performance.now()); unset while mounting and after leaving. */
  #joinedAt: number | undefined;

  constructor(owner: ChannelOwner, topic: string, joinRef: string, joinPushRef: string, rejoin: boolean, navigated = false) {
    this.#owner = owner;
    this.topic = topic;
    this.joinRef = joinRef;
    this.#joinPushRef = joinPushRef;
    this.#rejoin = rejoin;
    this.#navigated = navigated;
    this.#started = performance.now();
  }

  reply(ref: string, reply: Reply): number {
    const owner = this.#owner;
    if (!owner.current(this)) return 0;
    if (ref !== this.#joinPushRef) {
      return this.#measured(owner.send([this.joinRef, ref, this.topic, "phx_reply", reply]), reply.response.diff, "event");
    }
    const ok = reply.status === "ok";
    if (ok) {
      // the client reuses the previous view's container element on live navigation; as Phoenix
      // does, tell it this route's container attributes
      const container = this.#navigated ? { container: ["div", this.proc.route.container ?? {}] } : {};
      reply = { status: "ok", response: { liveview_version: LIVEVIEW_VERSION, ...container, ...reply.response } };
    } else owner.drop(this);
    const bytes = this.#measured(owner.send([this.joinRef, ref, this.topic, "phx_reply", reply]), reply.response.rendered, "join");
    if (ok) this.#joinedAt = performance.now();
    const spans = owner.spans;
    if (spans) {
      const event = { ...this.#about(), duration: performance.now() - this.#started, ok, rejoin: this.#rejoin, bytes };
      spans.emit({ name: "join", ...event });
      if (this.#rejoin) spans.emit({ name: "reconnect", ...event });
    }
    return bytes;
  }

  push(event: Parameters<ViewHost["push"]>[0], body: Record<string, unknown>): number {
    if (!this.#owner.current(this)) return 0;
    return this.#measured(this.#owner.send([this.joinRef, null, this.topic, event, body]), event === "diff" ? body : undefined);
  }

  stopped(reason: "close" | "error"): void {
    if (!this.#owner.current(this)) return;
    this.#owner.drop(this);
    this.left(reason === "error" ? "crash" : "close");
    this.#owner.send([this.joinRef, this.joinRef, this.topic, reason === "error" ? "phx_error" : "phx_close", {}]);
  }

  /** The view went away: a leave span, once per successful join. */
  left(reason: string): void {
    const spans = this.#owner.spans;
    if (this.#joinedAt === undefined || !spans) return;
    const duration = performance.now() - this.#joinedAt;
    this.#joinedAt = undefined;
    spans.emit({ name: "leave", ...this.#about(), duration, reason });
  }

  #about() {
    const proc = this.proc;
    return { view: proc.name, route: proc.route.path, id: proc.id, connected: true } as const;
  }

  /** Bytes of a sent frame that carried a diff, when someone listens for them (the count scans the text). */
  #measured(text: string | undefined, diff: unknown, span?: TelemetryEvent["name"]): number {
    return text !== undefined && diff !== undefined && this.#owner.spans?.wants(span) ? Buffer.byteLength(text) : 0;
  }
}
