/**
 * A view's mailbox: its messages are handled one at a time, in arrival order, so an async
 * handler finishing late cannot interleave with the next message.
 *
 * A message a client waits for that finds the mailbox empty runs at once, in the caller's
 * turn (the socket's read callback): a handler that returns without awaiting has its reply
 * written before that callback unwinds, and costs no promise unless something waits on it
 * meanwhile. Server-side messages (PubSub, info, async results) always start in a
 * microtask of their own, so a broadcast never runs other views' handlers inside its
 * sender's. Either way a message waits its turn when the current slice of the event loop
 * is used up (slices.ts).
 */
import { nextSlice } from "./slices.js";

/** Handles a message: returns once it is handled, or a promise of that. */
export type Message = () => void | Promise<void>;

// the tail of every idle mailbox: an idle view holds no promise of its own
const SETTLED = Promise.resolve();

export class Mailbox {
  /**
   * Settles once every message posted so far has been handled. Undefined while a message
   * runs in its caller's turn and nothing has waited on it yet: made when first asked for.
   */
  #tail: Promise<void> | undefined = SETTLED;
  /** The tail made for the message running in its caller's turn, and what settles it. */
  #nowTail: Promise<void> | undefined;
  #settleNow: (() => void) | undefined;
  /** Messages posted and not yet handled. */
  #pending = 0;

  /** Messages wait or are being handled. */
  get busy(): boolean {
    return this.#pending > 0;
  }

  /** Resolves once every message posted so far has been handled. */
  idle(): Promise<void> {
    return this.#currentTail();
  }

  /**
   * Handles `message` after the ones posted before it (`urgent`: a client waits for it).
   * Resolves once it is handled; its failure goes to `failed` and never rejects.
   */
  post(urgent: boolean, message: Message, failed: (error: unknown) => void): Promise<void> {
    if (urgent && this.#pending === 0) {
      const slice = nextSlice(true);
      return slice ? this.#queue(slice, urgent, message, failed) : this.#runNow(message, failed);
    }
    return this.#queue(undefined, urgent, message, failed);
  }

  #currentTail(): Promise<void> {
    if (this.#tail === undefined) this.#tail = this.#nowTail = new Promise<void>((resolve) => (this.#settleNow = resolve));
    return this.#tail;
  }

  #runNow(message: Message, failed: (error: unknown) => void): Promise<void> {
    this.#pending++;
    this.#tail = undefined;
    const done = () => {
      const settle = this.#settleNow;
      this.#nowTail = this.#settleNow = undefined;
      if (--this.#pending === 0) this.#tail = SETTLED;
      settle?.();
    };
    let result: void | Promise<void>;
    try {
      result = message();
    } catch (error) {
      fail(failed, error, done);
      return SETTLED;
    }
    if (!result) {
      done();
      return SETTLED;
    }
    // it went on asynchronously: from now on its end is the tail the next messages wait for
    if (!this.#nowTail) this.#currentTail();
    const handled = this.#nowTail!;
    result.then(done, (error: unknown) => fail(failed, error, done));
    return handled;
  }

  /** After the messages before it (or after `slice`, when the mailbox is empty). */
  #queue(slice: Promise<void> | undefined, urgent: boolean, message: Message, failed: (error: unknown) => void): Promise<void> {
    this.#pending++;
    let settle!: () => void;
    const handled = new Promise<void>((resolve) => (settle = resolve));
    const previous = slice ? undefined : this.#currentTail();
    // set before the message runs: one posted while it runs (by its own handler) goes after it
    this.#tail = handled;
    const done = () => {
      if (--this.#pending === 0) this.#tail = SETTLED;
      settle();
    };
    const run = async () => {
      const wait = slice ?? nextSlice(urgent);
      if (wait) await wait;
      await message();
    };
    (previous ? previous.then(run) : run()).then(done, (error: unknown) => fail(failed, error, done));
    return handled;
  }
}

function fail(failed: (error: unknown) => void, error: unknown, done: () => void): void {
  try {
    failed(error);
  } finally {
    done();
  }
}
