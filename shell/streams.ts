import { STREAM_RENDER, type StreamInsert, type StreamRenderValue } from "./refs.js";

/** Where `stream` and `streamInsert` put items, and how many the client keeps. */
export interface StreamOptions {
  /** Where new items go: -1 appends (default), 0 prepends, n inserts at index n. */
  at?: number;
  /** Keep at most this many items on the client: n keeps the first n, -n the last n; no limit by default. */
  limit?: number;
  /** `stream()` only: remove every item the client holds before inserting these. */
  reset?: boolean;
}

/** How a stream names its items; read when the stream is first declared. */
export interface StreamConfig<T> {
  /** DOM id of an item; default `${name}-${item.id}`. */
  domId?: (item: T) => string;
}

interface PendingInsert<T> {
  domId: string;
  at: number;
  limit: number | null;
  updateOnly: boolean;
  item: T;
}

/**
 * A stream: a collection the server does not keep. Inserts and deletes wait here until the
 * next render sends them, then they are dropped, so memory does not grow with the list.
 */
export class LiveStream<T = unknown> {
  readonly name: string;
  readonly ref: string;
  readonly #domId: (item: T) => string;
  #inserts: PendingInsert<T>[] = [];
  #deletes: string[] = [];
  #reset = false;

  constructor(name: string, ref: string, config: StreamConfig<T> = {}) {
    this.name = name;
    this.ref = ref;
    this.#domId =
      config.domId ??
      ((item: T) => {
        const id = (item as { id?: unknown } | null)?.id;
        if (id === undefined || id === null) {
          throw new TypeError(`stream "${name}": item has no id; pass { domId } to configure the stream`);
        }
        return `${name}-${String(id)}`;
      });
  }

  insert(item: T, opts: StreamOptions & { updateOnly?: boolean } = {}): void {
    const domId = this.#domId(item);
    this.#inserts.push({ domId, at: opts.at ?? -1, limit: opts.limit ?? null, updateOnly: opts.updateOnly ?? false, item });
  }

  delete(itemOrDomId: T | string): void {
    const domId = typeof itemOrDomId === "string" ? itemOrDomId : this.#domId(itemOrDomId);
    this.#inserts = this.#inserts.filter((i) => i.domId !== domId);
    this.#deletes.push(domId);
  }

  reset(): void {
    this.#inserts = [];
    this.#deletes = [];
    this.#reset = true;
  }

  /**
   * Renders the pending inserts with `fn` (the item's root element must carry `id={domId}`)
   * for the template; the render consumes them.
   */
  map(fn: (item: T, domId: string) => unknown): StreamRenderValue {
    const inserts: StreamInsert[] = this.#inserts.map((i) => ({
      domId: i.domId,
      at: i.at,
      limit: i.limit,
      updateOnly: i.updateOnly,
      item: fn(i.item, i.domId),
    }));
    return { [STREAM_RENDER]: true, name: this.name, ref: this.ref, inserts, deletes: this.#deletes, reset: this.#reset };
  }

  /** Called by the runtime once a render has sent the pending operations. */
  flush(): void {
    if (this.#inserts.length) this.#inserts = [];
    if (this.#deletes.length) this.#deletes = [];
    this.#reset = false;
  }
}
