/** Shared steps of the hardening tests: join a fixture view over a real socket, poll, time round trips. */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { parse, type HTMLElement } from "node-html-parser";
import type WebSocket from "ws";
import { extract, RenderedTree } from "../../shell/testing/index.js";
import { loadPage, ProtocolClient, type Frame, type PageInfo } from "../support/protocol.js";

export interface Joined {
  page: PageInfo;
  client: ProtocolClient;
  joinRef: string;
  topic: string;
  reply: Frame;
}

/** Loads `path` (with `cookie`: as the same user), connects and joins its view. */
export async function joinView(base: string, path: string, opts: { cookie?: string; ws?: WebSocket.ClientOptions } = {}): Promise<Joined> {
  const page = await loadPage(base, path, opts.cookie);
  const client = await ProtocolClient.connect(base, page, { ws: opts.ws });
  const { joinRef, topic, reply } = await client.join(base, page, path);
  return { page, client, joinRef, topic, reply };
}

/** Joins one more view on an existing socket (a second page of the same user, same cookie). */
export async function joinAnother(base: string, path: string, on: Joined): Promise<Joined> {
  const page = await loadPage(base, path, on.page.cookie);
  const { joinRef, topic, reply } = await on.client.join(base, page, path);
  return { page, client: on.client, joinRef, topic, reply };
}

/** The view's HTML as the client rebuilds it from the join reply and the diffs applied since. */
export interface Rendering {
  /** Merges an event reply's diff (if any) and returns the reply. */
  apply(reply: any): any;
  html(): string;
  dom(): HTMLElement;
}

export function rendering(j: Joined): Rendering {
  const tree = new RenderedTree(j.page.id);
  tree.merge(extract(j.reply[4].response.rendered).diff);
  const html = () => tree.toHtml().html;
  return {
    apply(reply) {
      if (reply.status === "ok" && reply.response.diff) tree.merge(extract(reply.response.diff).diff);
      return reply;
    },
    html,
    dom: () => parse(html()),
  };
}

export const click = (event: string, value: Record<string, unknown> = {}) => ({ type: "click", event, value });

/** Sends a click and resolves with its reply's payload. */
export async function push(j: Joined, event: string, value: Record<string, unknown> = {}): Promise<any> {
  const reply = await j.client.push(j.joinRef, j.topic, "event", click(event, value));
  return reply[4];
}

/** Round-trip time of one event, in ms. */
export async function roundTrip(j: Joined, event = "tick"): Promise<number> {
  const started = performance.now();
  const reply = await push(j, event);
  if (reply.status !== "ok") throw new Error(`round trip failed: ${JSON.stringify(reply)}`);
  return performance.now() - started;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Polls `check` until it returns true; throws with `what` if it never does. */
export async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Resolves with the close code once the client's socket has closed. */
export function closed(client: ProtocolClient, timeoutMs = 10_000): Promise<number> {
  return until(() => client.closed !== undefined, "the socket to close", timeoutMs).then(() => client.closed!.code);
}

/** Everything the server sent this client, as text (to search the wire for leaks). */
export const wire = (client: ProtocolClient): string => client.frames.map((f) => JSON.stringify(f)).join("\n");

let gcFn: (() => void) | undefined;
/** A full GC, so memory figures compare live data rather than garbage not yet collected. */
export function collectGarbage(): void {
  if (!gcFn) {
    setFlagsFromString("--expose-gc");
    gcFn = runInNewContext("gc") as () => void;
  }
  gcFn();
}
