/**
 * A view's flash: messages shown once, carried across navigation. `put` and `clear` mark
 * it changed so the next render sends it; `token` seals it for the next mount (a live
 * redirect's join, or a full page load through the flash cookie).
 */
import type { Flash } from "./types.js";

// shared by every view without a message: a flash is replaced on change, never written in place
const NO_FLASH: Flash = Object.freeze({});

export class FlashState {
  #flash: Flash;
  /** Changed since the last render. */
  changed = false;

  constructor(initial: Flash | undefined) {
    this.#flash = initial && Object.keys(initial).length ? { ...initial } : NO_FLASH;
  }

  get current(): Flash {
    return this.#flash;
  }

  put(kind: string, message: string): void {
    this.#flash = { ...this.#flash, [kind]: String(message) };
    this.changed = true;
  }

  /** Clears one kind, or all of them. */
  clear(kind?: string): void {
    if (kind === undefined) {
      if (Object.keys(this.#flash).length === 0) return;
      this.#flash = NO_FLASH;
    } else {
      if (!Object.hasOwn(this.#flash, kind)) return;
      const { [kind]: _removed, ...rest } = this.#flash;
      this.#flash = rest;
    }
    this.changed = true;
  }

  /** The flash signed for the next mount, or undefined when there is none. */
  token(sign: (flash: Flash) => string): string | undefined {
    return Object.keys(this.#flash).length ? sign(this.#flash) : undefined;
  }
}
