/**
 * PubSub between the workers of one Node cluster (`npm start -- --workers N`), through the
 * primary process's IPC channel: no broker needed on a single machine. Across machines,
 * use RedisPubSub. Messages cross as JSON (no class revival), topics are bounded.
 */
import cluster, { type Worker } from "node:cluster";
import { randomId } from "../shell/random.js";
import { checkTopic, MemoryPubSub, type PubSub, type ViewHandle } from "../shell/pubsub.js";

interface Envelope {
  lagoonPubSub: { n: string; t: string; e?: string; m: unknown };
}

function isEnvelope(message: unknown): message is Envelope {
  const inner = (message as Envelope | null)?.lagoonPubSub;
  return typeof inner === "object" && inner !== null && typeof inner.n === "string" && typeof inner.t === "string";
}

/** In a worker: local delivery plus a copy to every other worker through the primary. */
export class ClusterPubSub implements PubSub {
  readonly #local = new MemoryPubSub();
  readonly #node = randomId(9);
  readonly #onMessage = (message: unknown) => {
    if (!isEnvelope(message) || message.lagoonPubSub.n === this.#node) return;
    const { t, e, m } = message.lagoonPubSub;
    try {
      checkTopic(t);
    } catch {
      return;
    }
    this.#local.deliver(t, m, typeof e === "string" ? e : undefined);
  };

  constructor() {
    if (!process.send) throw new Error("ClusterPubSub runs in a cluster worker");
    process.on("message", this.#onMessage);
  }

  subscribe(topic: string, subscriber: ViewHandle): () => void {
    return this.#local.subscribe(topic, subscriber);
  }

  broadcast(topic: string, message: unknown, except?: ViewHandle): void {
    checkTopic(topic);
    this.#local.deliver(topic, message, except?.id);
    const envelope: Envelope = { lagoonPubSub: { n: this.#node, t: topic, m: message, ...(except ? { e: except.id } : {}) } };
    process.send!(JSON.parse(JSON.stringify(envelope)));
  }

  localSubscribers(topic: string): number {
    return this.#local.localSubscribers(topic);
  }

  async close(): Promise<void> {
    process.off("message", this.#onMessage);
  }
}

/** In the primary: relays each worker's broadcasts to the other workers. */
export function relayClusterPubSub(): void {
  cluster.on("message", (from: Worker, message: unknown) => {
    if (!isEnvelope(message)) return;
    for (const worker of Object.values(cluster.workers ?? {})) {
      if (worker && worker !== from && worker.isConnected()) worker.send(message);
    }
  });
}
