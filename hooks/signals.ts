/**
 * Browser signals: what the page measures and tells the server over its live socket, in
 * batches on a channel of its own (`lagoon:signals`, shell/signals.ts on the server): the
 * round trip a user feels (an event pushed to its reply's patch in the DOM), join times,
 * reconnects with the close that caused them, JavaScript errors (with the island `Name#id`
 * and the phase it failed in when they come from one: the server counts those as
 * island_error too), island hydration times, and Core Web Vitals (vitals.ts).
 *
 * It rides the official client's public API only: the phoenix Socket's `encode` option
 * sees each outgoing message before it is encoded as usual, `onMessage` each incoming one
 * once the client handled it (a reply's diff is patched synchronously by then), `onOpen`
 * and `onClose` the connection's life, and `socket.channel()` the extra channel.
 */
import * as phoenix from "phoenix";
import type { Channel, Socket } from "phoenix";
import { observeVitals } from "./vitals.js";

/** The server's topic for signals (shell/signals.ts; hooks/ cannot import shell/). */
const TOPIC = "lagoon:signals";
/** A batch goes out this long after its first signal. */
const FLUSH_MS = 1000;
/** The server reads at most 50 per batch. */
const BATCH = 50;
/** Signals kept while the socket is away; older ones are dropped first. */
const QUEUE = 200;
/** Replies that never come (a dropped connection) are forgotten after this long. */
const PENDING_MS = 60_000;
/** Errors reported per minute: an error thrown in a loop must not become a flood. */
const ERRORS_PER_MINUTE = 10;

type Signal =
  | { t: "event"; view: string; event: string; v: number }
  | { t: "join"; view: string; v: number }
  | { t: "reconnect"; code: number; reason: string; v: number }
  | { t: "error"; view?: string; island?: string; phase?: IslandErrorPhase; message: string; v: 0 }
  | { t: "hydrate"; island: string; v: number }
  | { t: "lcp" | "inp" | "cls"; view?: string; v: number };

interface Outgoing {
  readonly topic: string;
  readonly event: string;
  readonly ref: string | null;
  readonly payload: unknown;
}

interface Pending {
  readonly at: number;
  readonly t: "event" | "join";
  readonly view: string;
  readonly event: string;
}

// phoenix's default serializer: exported by the package, though not by its type definitions
const serializer = (phoenix as unknown as { Serializer: { encode(msg: unknown, callback: (encoded: unknown) => void): void } }).Serializer;

/** The page's main view id, which vitals and errors are about. */
const mainView = (): string | undefined => document.querySelector<HTMLElement>("[data-phx-main]")?.id || undefined;

class Signals {
  #queue: Signal[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  #channel: Channel | undefined;
  readonly #pending = new Map<string, Pending>();
  #opens = 0;
  #closed: { at: number; code: number; reason: string } | undefined;
  #errorMinute = 0;
  #errors = 0;
  #reportVitals: (() => void) | undefined;

  constructor() {
    // a closed tab or a page left fires pagehide before it hides the page, and phoenix's
    // socket disconnects at pagehide: added before any socket exists, this listener runs
    // first, while the last batch can still be sent
    if (typeof window !== "undefined") window.addEventListener("pagehide", () => this.#leaving());
  }

  /** For the phoenix Socket's `encode` option: notes what goes out, then encodes it as phoenix does. */
  readonly encode = (msg: Outgoing, callback: (encoded: unknown) => void): void => {
    this.#sent(msg);
    serializer.encode(msg, callback);
  };

  /** Starts reporting over `socket` (the LiveSocket's phoenix Socket). */
  attach(socket: Socket): void {
    socket.onMessage((msg) => this.#received(msg as Outgoing & { payload: { status?: string } }));
    socket.onOpen(() => this.#opened());
    socket.onClose((event: CloseEvent) => {
      this.#closed ??= { at: performance.now(), code: event?.code ?? 0, reason: String(event?.reason ?? "").slice(0, 64) };
    });
    this.#channel = socket.channel(TOPIC, {});
    this.#channel.join();
    window.addEventListener("error", (e) => this.error(e.error ?? e.message));
    window.addEventListener("unhandledrejection", (e) => this.error(e.reason));
    this.#reportVitals = observeVitals((t, v) => this.report({ t, v, view: mainView() }));
    // what is queued goes out while the page can still send it
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "hidden") this.flush();
    });
  }

  /** A JavaScript error, from `island` ("Name#id") when it came from one, failing in `phase`. */
  error(error: unknown, island?: string, phase?: IslandErrorPhase): void {
    const minute = Math.floor(Date.now() / 60_000);
    if (minute !== this.#errorMinute) {
      this.#errorMinute = minute;
      this.#errors = 0;
    }
    if (++this.#errors > ERRORS_PER_MINUTE) return;
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    this.report({
      t: "error",
      view: mainView(),
      message: message.slice(0, 300),
      v: 0,
      ...(island ? { island, phase: phase ?? "render" } : {}),
    });
  }

  report(signal: Signal): void {
    if (this.#queue.length >= QUEUE) this.#queue.shift();
    this.#queue.push(signal);
    if (this.#timer === undefined) this.#timer = setTimeout(() => this.flush(), FLUSH_MS);
  }

  #leaving(): void {
    this.#reportVitals?.();
    this.flush();
  }

  /** Sends what is queued, a batch at a time. */
  flush(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const channel = this.#channel;
    if (!channel || this.#queue.length === 0) return;
    // pushed while the socket is away, a batch waits in the channel's buffer
    channel.push("batch", { signals: this.#queue.splice(0, BATCH) });
    if (this.#queue.length > 0) this.#timer = setTimeout(() => this.flush(), FLUSH_MS);
  }

  #sent(msg: Outgoing): void {
    if (msg.ref === null || !msg.topic.startsWith("lv:")) return;
    const view = msg.topic.slice(3);
    if (msg.event === "event") {
      const event = (msg.payload as { event?: unknown } | null)?.event;
      this.#track(msg.ref, { at: performance.now(), t: "event", view, event: typeof event === "string" ? event.slice(0, 64) : "" });
    } else if (msg.event === "phx_join") {
      this.#track(msg.ref, { at: performance.now(), t: "join", view, event: "" });
    }
  }

  #track(ref: string, pending: Pending): void {
    for (const [key, p] of this.#pending) {
      if (pending.at - p.at < PENDING_MS) break;
      this.#pending.delete(key);
    }
    this.#pending.set(ref, pending);
  }

  #received(msg: Outgoing & { payload: { status?: string } }): void {
    if (msg.event !== "phx_reply" || msg.ref === null) return;
    const pending = this.#pending.get(msg.ref);
    if (!pending || `lv:${pending.view}` !== msg.topic) return;
    this.#pending.delete(msg.ref);
    if (msg.payload?.status !== "ok") return;
    // the client patched the reply's diff before calling us
    const v = performance.now() - pending.at;
    this.report(pending.t === "event" ? { t: "event", view: pending.view, event: pending.event, v } : { t: "join", view: pending.view, v });
  }

  #opened(): void {
    const closed = this.#closed;
    this.#closed = undefined;
    if (this.#opens++ === 0) return;
    this.report({ t: "reconnect", code: closed?.code ?? 0, reason: closed?.reason ?? "", v: closed ? performance.now() - closed.at : 0 });
  }
}

/** The page's one collector (islands report their errors and hydration to it). */
export const signals = new Signals();

/** Where an island failed in the browser (the server's island_error phases, but "server"). */
export type IslandErrorPhase = "load" | "render" | "hydration" | "commands";

/** An island failed: `where` is its "Name#id". */
export function reportIslandError(where: string, error: unknown, phase: IslandErrorPhase = "render"): void {
  signals.error(error, where, phase);
}

/** An island hydrated (or rendered for the first time) in `ms`. */
export function reportHydration(name: string, ms: number): void {
  signals.report({ t: "hydrate", island: name, v: ms });
}
