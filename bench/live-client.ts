/**
 * A lean client of the live socket for benchmarks: one view per socket, replies matched by
 * ref in a map, no frame log (the test suite's ProtocolClient keeps every frame).
 */
import WebSocket from "ws";
import type { PageInfo } from "../tests/support/protocol.js";
import { encodeBinaryPush } from "../shell/upload-channel.js";

export interface Reply {
  /** The frame's text as received. */
  text: string;
  payload: { status: string; response: Record<string, any> };
}

const JOIN_REF = "1";

export class LiveClient {
  readonly ws: WebSocket;
  readonly topic: string;
  #ref = 1;
  readonly #pending = new Map<string, (reply: Reply) => void>();
  /** Server pushes (diffs from info messages and the like) go here. */
  onPush: ((event: string, payload: unknown) => void) | undefined;

  private constructor(ws: WebSocket, topic: string) {
    this.ws = ws;
    this.topic = topic;
    ws.on("message", (data) => {
      const text = data.toString();
      const [, ref, , event, payload] = JSON.parse(text) as [string, string | null, string, string, any];
      if (event === "phx_reply" && ref !== null) {
        const resolve = this.#pending.get(ref);
        this.#pending.delete(ref);
        resolve?.({ text, payload });
      } else this.onPush?.(event, payload);
    });
  }

  /** Opens a socket with the page's cookie and CSRF token and joins its view (`statics`: what the join says of the page's statics; the peer wants ""). */
  static async join(
    base: string,
    page: PageInfo,
    path: string,
    statics: string | null = null,
  ): Promise<{ client: LiveClient; reply: Reply }> {
    const url = `${base.replace(/^http/, "ws")}/live/websocket?_csrf_token=${encodeURIComponent(page.csrf)}&vsn=2.0.0`;
    const ws = new WebSocket(url, { headers: { cookie: page.cookie }, perMessageDeflate: false });
    await new Promise<void>((resolve, reject) => {
      ws.once("open", () => resolve());
      ws.once("error", reject);
    });
    const client = new LiveClient(ws, `lv:${page.id}`);
    const reply = await client.send("phx_join", {
      url: base + path,
      params: { _csrf_token: page.csrf, _mounts: 0 },
      session: page.session,
      static: statics,
    });
    if (reply.payload.status !== "ok") throw new Error(`join refused: ${reply.text}`);
    return { client, reply };
  }

  /** A socket to `url` speaking for `topic` without joining it (a server that answers any frame, as bench/servers/floor.ts). */
  static async connect(url: string, topic: string): Promise<LiveClient> {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    await new Promise<void>((resolve, reject) => {
      ws.once("open", () => resolve());
      ws.once("error", reject);
    });
    return new LiveClient(ws, topic);
  }

  /** Sends a frame on the view's topic; resolves with its reply. */
  send(event: string, payload: unknown): Promise<Reply> {
    const ref = String(++this.#ref);
    return new Promise((resolve) => {
      this.#pending.set(ref, resolve);
      this.ws.send(JSON.stringify([JOIN_REF, ref, this.topic, event, payload]));
    });
  }

  /** Sends a frame on any topic (an upload channel's); binary when `payload` is bytes (encoded as the official client does). */
  sendTo(topic: string, joinRef: string, event: string, payload: unknown): Promise<Reply> {
    const ref = String(++this.#ref);
    return new Promise((resolve) => {
      this.#pending.set(ref, resolve);
      this.ws.send(
        payload instanceof Uint8Array
          ? encodeBinaryPush({ joinRef, ref, topic, event, payload })
          : JSON.stringify([joinRef, ref, topic, event, payload]),
      );
    });
  }

  click(event: string, value: Record<string, unknown> = {}): Promise<Reply> {
    return this.send("event", { type: "click", event, value });
  }

  close(): void {
    this.ws.terminate();
  }
}
