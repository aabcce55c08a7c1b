/** The states of an `assignAsync` key: loading (keeping the previous result), ok, failed. */
import type { AsyncResult as AsyncResultType } from "./types.js";

/** The state of one `assignAsync` key: loading, then ok with a result, or failed. */
export type AsyncResult<T> = AsyncResultType<T>;

export const AsyncResult = {
  loading<T>(previous?: AsyncResultType<T>): AsyncResultType<T> {
    return { loading: true, ok: previous?.ok ?? false, result: previous?.result, failed: undefined };
  },
  ok<T>(result: T): AsyncResultType<T> {
    return { loading: false, ok: true, result, failed: undefined };
  },
  failed<T>(reason: unknown, previous?: AsyncResultType<T>): AsyncResultType<T> {
    return { loading: false, ok: previous?.ok ?? false, result: previous?.result, failed: reason };
  },
};
