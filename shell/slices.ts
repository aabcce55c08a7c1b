/**
 * Fairness between connections: view messages run in slices. Messages of every view are
 * handled in microtasks, which Node runs to the end before it reads any socket again, so a
 * burst of events on one socket (each with its render) would hold every other user until
 * it was done. A view about to handle a message once the current turn has already run for
 * SLICE_MS yields first (setImmediate), letting the event loop serve other sockets' I/O.
 */
const SLICE_MS = 4;

let turnStart = -1;

function endTurn(): void {
  turnStart = -1;
}

/** A promise to await before the next message when this turn has run long enough; undefined otherwise (no extra tick). */
export function nextSlice(): Promise<void> | undefined {
  const now = performance.now();
  if (turnStart < 0) {
    turnStart = now;
    // the turn ends once the event loop comes round: the next one starts a new slice
    setImmediate(endTurn);
    return undefined;
  }
  if (now - turnStart < SLICE_MS) return undefined;
  return new Promise((resolve) => setImmediate(resolve));
}
