/**
 * A view's mailbox: its messages are handled one at a time, in arrival order, so an async
 * handler finishing late cannot interleave with the next message.
 *
 * A message a client waits for that finds the mailbox empty starts at once, in the
 * caller's turn (the socket's read callback): a handler that returns without awaiting
 * has its reply written before that callback unwinds, rather than a microtask later.
 * Server-side messages (PubSub, info, async results) always start in a microtask of
 * their own, so a broadcast never runs other views' handlers inside its sender's.
 * Either way a message waits its turn when the current slice of the event loop is
 * used up (slices.ts).
 */
import { nextSlice } from "./slices.js";

// the tail of every idle mailbox: an idle view holds no promise of its own
const SETTLED = Promise.resolve();

export class Mailbox {
  /** Settles once every message posted so far has been handled. */
  #tail: Promise<void> = SETTLED;
  /** Messages posted and not yet handled. */
  #pending = 0;

  /** Messages wait or are being handled. */
  get busy(): boolean {
    return this.#pending > 0;
  }

  /** Resolves once every message posted so far has been handled. */
  idle(): Promise<void> {
    return this.#tail;
  }

  /**
   * Handles `message` after the ones posted before it (`urgent`: a client waits for it).
   * Resolves once it is handled; its failure goes to `failed` and never rejects.
   */
  post(urgent: boolean, message: () => Promise<void>, failed: (error: unknown) => void): Promise<void> {
    const run = async () => {
      const slice = nextSlice(urgent);
      if (slice) await slice;
      await message();
    };
    const now = urgent && this.#pending === 0;
    this.#pending++;
    let settle!: () => void;
    const handled = new Promise<void>((resolve) => (settle = resolve));
    const previous = this.#tail;
    // set before the message runs: one posted while it runs (by its own handler) goes after it
    this.#tail = handled;
    const done = () => {
      if (--this.#pending === 0) this.#tail = SETTLED;
      settle();
    };
    (now ? run() : previous.then(run)).then(done, (error: unknown) => {
      try {
        failed(error);
      } finally {
        done();
      }
    });
    return handled;
  }
}
