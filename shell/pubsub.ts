/**
 * PubSub: views subscribe to narrow topics (one per list or room) and receive broadcasts in
 * their `info` handler. The in-process adapter lives here; server/ adds a Redis adapter that
 * fans out across processes and delivers locally through one of these.
 */

/** A pid-like handle to a live view: `send` queues an info message; false once the view ended. */
export interface ViewHandle {
  readonly id: string;
  readonly alive: boolean;
  send(message: unknown): boolean;
}

/** Topic broadcasts between views; createLagoon's `pubsub` (default MemoryPubSub, RedisPubSub across processes). */
export interface PubSub {
  /** Returns the unsubscribe function. */
  subscribe(topic: string, subscriber: ViewHandle): () => void;
  /** Delivers to every subscriber of `topic` (in every process, for distributed adapters). */
  broadcast(topic: string, message: unknown, except?: ViewHandle): void;
  /** Subscriber count in this process (tests, telemetry). */
  localSubscribers(topic: string): number;
  /** Releases what the adapter holds (connections, timers). */
  close?(): Promise<void>;
}

/** Topic names are bounded: a topic is an identifier, not a place for user data. */
export const MAX_TOPIC_LENGTH = 256;

export function checkTopic(topic: string): void {
  if (typeof topic !== "string" || topic.length === 0 || topic.length > MAX_TOPIC_LENGTH) {
    throw new TypeError(`PubSub topic must be a non-empty string of at most ${MAX_TOPIC_LENGTH} characters`);
  }
}

/** PubSub within one process: the default, and the local delivery of distributed adapters. */
export class MemoryPubSub implements PubSub {
  readonly #topics = new Map<string, Set<ViewHandle>>();

  subscribe(topic: string, subscriber: ViewHandle): () => void {
    checkTopic(topic);
    let set = this.#topics.get(topic);
    if (!set) this.#topics.set(topic, (set = new Set()));
    set.add(subscriber);
    return () => {
      const current = this.#topics.get(topic);
      if (!current) return;
      current.delete(subscriber);
      if (current.size === 0) this.#topics.delete(topic);
    };
  }

  broadcast(topic: string, message: unknown, except?: ViewHandle): void {
    checkTopic(topic);
    this.deliver(topic, message, except?.id);
  }

  /** Local fan-out; distributed adapters call this for messages from other processes. */
  deliver(topic: string, message: unknown, exceptId?: string): void {
    const set = this.#topics.get(topic);
    if (!set) return;
    // copy: a subscriber may unsubscribe while we deliver
    for (const sub of [...set]) {
      if (sub.id !== exceptId) sub.send(message);
    }
  }

  localSubscribers(topic: string): number {
    return this.#topics.get(topic)?.size ?? 0;
  }
}
