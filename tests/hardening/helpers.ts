/** Shared steps of the hardening tests: a joined view's HTML from its diffs, events, round trips, closes. */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { parse, type HTMLElement } from "node-html-parser";
import { extract, RenderedTree } from "../../shell/testing/index.js";
import { ProtocolClient, type Joined } from "../support/protocol.js";
import { until } from "../support/until.js";

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
