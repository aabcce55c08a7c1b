/**
 * Budgets that keep one user from taking the process down, checked when a view joins:
 * views per user (across all their sockets, by the session's user, or the session when
 * there is none) and a process-wide memory budget past which new joins are refused with a
 * reason the client backs off on (its reload jitter: 5-10 s, then 30 s). Pure apart from
 * the memory reading, which the caller passes in.
 */

export interface AdmissionLimits {
  /** Views one user (or anonymous session) may have joined at once, over all their sockets (default 50). */
  readonly viewsPerUser: number;
  /** Heap in use, as a share of the heap limit, past which joins are refused (0-1, default 0.8; 1 turns it off). */
  readonly maxHeapRatio: number;
}

export const DEFAULT_ADMISSION: AdmissionLimits = { viewsPerUser: 50, maxHeapRatio: 0.8 };

/** Why a join is refused, as the join reply's reason. */
export type Refusal = "too many views" | "server busy";

export class Admission {
  readonly #limits: AdmissionLimits;
  readonly #heapRatio: () => number;
  readonly #views = new Map<string, number>();

  /** `heapRatio` reads the heap in use as a share of its limit. */
  constructor(limits: AdmissionLimits, heapRatio: () => number) {
    this.#limits = limits;
    this.#heapRatio = heapRatio;
  }

  /** Counts a view of `owner`, or says why it may not join. Release it with `release(owner)`. */
  admit(owner: string): Refusal | null {
    const n = this.#views.get(owner) ?? 0;
    if (n >= this.#limits.viewsPerUser) return "too many views";
    if (this.#limits.maxHeapRatio < 1 && this.#heapRatio() > this.#limits.maxHeapRatio) return "server busy";
    this.#views.set(owner, n + 1);
    return null;
  }

  release(owner: string): void {
    const n = this.#views.get(owner) ?? 0;
    if (n <= 1) this.#views.delete(owner);
    else this.#views.set(owner, n - 1);
  }

  /** Past the memory budget: the HTTP render answers 503 rather than mount more views. */
  get busy(): boolean {
    return this.#limits.maxHeapRatio < 1 && this.#heapRatio() > this.#limits.maxHeapRatio;
  }
}
