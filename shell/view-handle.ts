/**
 * A view's pid-like handle (what `socket.handle`, `socket.parent` and PubSub deliver to):
 * messages go to the view's mailbox, to its `info` handler, while it lives.
 */
import type { Phase } from "./internal.js";
import type { ViewHandle } from "./pubsub.js";

/** What a handle needs of its view process. */
export interface Mailbox {
  readonly alive: boolean;
  enqueue(ref: string | null, phase: Phase, task: () => Promise<void>): Promise<void>;
  handleInfo(message: unknown): Promise<void>;
}

let counter = 0;

export class ProcessHandle implements ViewHandle {
  readonly #mailbox: Mailbox;
  /** Unique in the process: a view id (its DOM id) is reused by every mount of a page. */
  readonly id: string;

  constructor(mailbox: Mailbox, viewId: string) {
    this.#mailbox = mailbox;
    this.id = `${viewId}#${++counter}`;
  }

  get alive(): boolean {
    return this.#mailbox.alive;
  }

  send(message: unknown): boolean {
    const mailbox = this.#mailbox;
    if (!mailbox.alive) return false;
    void mailbox.enqueue(null, "info", () => mailbox.handleInfo(message));
    return true;
  }
}
