/**
 * When an island's code loads: its container's `data-load` (islands/load.ts writes it),
 * "mode" or "mode:argument". `scheduleLoad` calls `start` once the mode says so and returns
 * a cancel function; for "interaction" it also keeps the events that woke the island, for
 * `replay` once it is hydrated.
 */

const IDLE_TIMEOUT_MS = 2000;
const VISIBLE_MARGIN = "200px";
/**
 * What wakes an island loaded on interaction, and is replayed once it is up: a press (and the
 * click it makes), a focus, a key.
 */
const WAKE = ["pointerdown", "mousedown", "focusin", "keydown", "pointerup", "mouseup", "keyup", "click"] as const;
/** Events kept at most while the code loads. */
const MAX_KEPT = 50;

export interface Scheduled {
  cancel(): void;
  /** Dispatches the kept events again on their targets (still in `el`), in order; then forgets them. */
  replay(el: HTMLElement): void;
}

const nothing: Scheduled = { cancel: () => {}, replay: () => {} };

/** Parses `data-load`: an unknown mode loads at once. */
function parse(value: string | undefined): { mode: string; arg: string | undefined } {
  const text = value ?? "eager";
  const colon = text.indexOf(":");
  return colon < 0 ? { mode: text, arg: undefined } : { mode: text.slice(0, colon), arg: text.slice(colon + 1) };
}

export function scheduleLoad(el: HTMLElement, start: () => void): Scheduled {
  const { mode, arg } = parse(el.dataset.load);
  switch (mode) {
    case "idle":
      return idle(Number(arg ?? IDLE_TIMEOUT_MS), start);
    case "visible":
      return visible(el, arg ?? VISIBLE_MARGIN, start);
    case "media":
      return media(arg ?? "all", start);
    case "interaction":
      return interaction(el, start);
    default:
      start();
      return nothing;
  }
}

function idle(timeout: number, start: () => void): Scheduled {
  if (typeof requestIdleCallback === "function") {
    const handle = requestIdleCallback(start, { timeout });
    return { ...nothing, cancel: () => cancelIdleCallback(handle) };
  }
  const handle = setTimeout(start, Math.min(timeout, 200));
  return { ...nothing, cancel: () => clearTimeout(handle) };
}

function visible(el: HTMLElement, rootMargin: string, start: () => void): Scheduled {
  if (typeof IntersectionObserver !== "function") {
    start();
    return nothing;
  }
  const observer = new IntersectionObserver(
    (entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      observer.disconnect();
      start();
    },
    { rootMargin },
  );
  observer.observe(el);
  return { ...nothing, cancel: () => observer.disconnect() };
}

function media(query: string, start: () => void): Scheduled {
  const list = window.matchMedia(query);
  if (list.matches) {
    start();
    return nothing;
  }
  const changed = () => {
    if (!list.matches) return;
    list.removeEventListener("change", changed);
    start();
  };
  list.addEventListener("change", changed);
  return { ...nothing, cancel: () => list.removeEventListener("change", changed) };
}

/**
 * Listens in the capture phase, so the island's server HTML sees nothing React has not
 * handled: the first press, focus or key starts the load; it and what follows until the
 * island is up are kept. Clicks are held back (no link followed, no form submitted) and
 * replayed; presses, keys and focus still do what the browser does natively.
 */
function interaction(el: HTMLElement, start: () => void): Scheduled {
  let kept: Event[] = [];
  let started = false;
  const keep = (event: Event) => {
    if (event.type === "click") {
      event.preventDefault();
      event.stopPropagation();
    }
    if (kept.length < MAX_KEPT) kept.push(event);
    if (started) return;
    started = true;
    start();
  };
  for (const type of WAKE) el.addEventListener(type, keep, true);
  const stop = () => {
    for (const type of WAKE) el.removeEventListener(type, keep, true);
  };
  return {
    cancel: stop,
    replay(root) {
      stop();
      const events = kept;
      kept = [];
      for (const event of events) {
        const target = event.target;
        if (target instanceof Node && root.contains(target)) target.dispatchEvent(copy(event));
      }
    },
  };
}

/**
 * A new event like `event` (an event dispatches once), of its own class (PointerEvent,
 * MouseEvent, KeyboardEvent, FocusEvent), whose init dictionary reads the same-named fields.
 */
function copy(event: Event): Event {
  return new (event.constructor as new (type: string, init: EventInit) => Event)(event.type, event as unknown as EventInit);
}
