/**
 * Core Web Vitals from the browser's own PerformanceObserver (no library, no CDN), as
 * web.dev defines them:
 * - LCP: the start time of the last largest-contentful-paint entry, final at the first
 *   input or when the page is hidden;
 * - INP: the longest interaction (event entries grouped by interactionId), ignoring one
 *   per 50 interactions (the 98th percentile), reported when the page is hidden;
 * - CLS: the largest session window of layout shifts without recent input (shifts less
 *   than 1 s apart, at most 5 s long), reported when the page is hidden.
 * A page about to go reports them too (the caller's pagehide: it comes before the hiding,
 * while the socket is still open). A value is reported again only if it changed. Browsers
 * without an entry type report nothing for it.
 */
type Vital = "lcp" | "inp" | "cls";

/** The longest interactions kept: INP needs the 10th longest at most (500 interactions). */
const LONGEST = 10;

/** Entries are delivered a task or a paint late: hiding the page takes what is still queued. */
const flushers: (() => void)[] = [];

function observe(type: string, onEntries: (entries: PerformanceEntry[]) => void, extra: Record<string, unknown> = {}): boolean {
  if (typeof PerformanceObserver !== "function" || !PerformanceObserver.supportedEntryTypes?.includes(type)) return false;
  const observer = new PerformanceObserver((list) => onEntries(list.getEntries()));
  observer.observe({ type, buffered: true, ...extra } as PerformanceObserverInit);
  flushers.push(() => onEntries(observer.takeRecords()));
  return true;
}

/** Starts observing; returns what reports the vitals at once, for a page about to go (pagehide). */
export function observeVitals(report: (vital: Vital, value: number) => void): () => void {
  let lcp: number | undefined;
  let lcpFinal = false;
  const finishLcp = () => {
    if (lcpFinal) return;
    lcpFinal = true;
    if (lcp !== undefined) report("lcp", lcp);
  };
  if (observe("largest-contentful-paint", (entries) => (lcp = entries.at(-1)?.startTime ?? lcp))) {
    for (const type of ["pointerdown", "keydown"]) addEventListener(type, finishLcp, { once: true, capture: true });
  }

  // the longest interactions, longest first (an interaction's entries share its interactionId)
  let longest: { id: number; duration: number }[] = [];
  let interactions = 0;
  let lastId = 0;
  const onInteractions = (entries: PerformanceEntry[]) => {
    for (const entry of entries as (PerformanceEntry & { interactionId?: number })[]) {
      const id = entry.interactionId;
      if (!id) continue;
      // ids grow with each interaction
      if (id > lastId) {
        lastId = id;
        interactions++;
      }
      const known = longest.find((x) => x.id === id);
      if (known) known.duration = Math.max(known.duration, entry.duration);
      else longest.push({ id, duration: entry.duration });
      longest = longest.sort((x, y) => y.duration - x.duration).slice(0, LONGEST);
    }
  };
  observe("event", onInteractions, { durationThreshold: 16 });
  // event entries start at 16 ms; the first input is reported whatever its length, so a
  // page of quick interactions still has an INP
  observe("first-input", onInteractions);

  let cls = 0;
  let windowValue = 0;
  let windowStart = 0;
  let last = 0;
  observe("layout-shift", (entries) => {
    for (const entry of entries as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
      if (entry.hadRecentInput) continue;
      if (windowValue > 0 && entry.startTime - last < 1000 && entry.startTime - windowStart < 5000) windowValue += entry.value;
      else {
        windowValue = entry.value;
        windowStart = entry.startTime;
      }
      last = entry.startTime;
      cls = Math.max(cls, windowValue);
    }
  });

  const reported: Partial<Record<Vital, number>> = {};
  const reportChanged = (vital: Vital, value: number) => {
    if (reported[vital] === value) return;
    reported[vital] = value;
    report(vital, value);
  };
  const hidden = () => {
    for (const flush of flushers) flush();
    finishLcp();
    if (longest.length > 0) reportChanged("inp", longest[Math.min(Math.floor(interactions / 50), longest.length - 1)]!.duration);
    // a page that never shifted scores 0, which is worth knowing too
    reportChanged("cls", cls);
  };
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") hidden();
  });
  return hidden;
}
