/**
 * Fairness between connections: view messages run in slices, and what a user waits for
 * goes first.
 *
 * Messages of every view are handled in microtasks, which Node runs to the end before it
 * reads any socket again, so a burst of work (one socket's flood of events, a broadcast to
 * a thousand views) would hold every other user until it was done. Once the current turn
 * has run for SLICE_MS, a view about to handle a message waits in a queue instead, and the
 * queue is resumed one message per turn of the event loop, reading sockets in between. A
 * message a client waits for (an event, a patch, a join) is resumed before server-side
 * ones (PubSub and info messages, async results), so a user's click is not queued behind a
 * thousand presence updates.
 */
const SLICE_MS = 4;

let turnStart = -1;
const waiting: { high: (() => void)[]; low: (() => void)[] } = { high: [], low: [] };
let pumping = false;

function endTurn(): void {
  turnStart = -1;
}

// the end of the turn is scheduled once the message that opened it has run, so a click's
// reply is written first: from a resolved promise's then, which, called after the process
// sat idle, costs a fraction of setImmediate (or queueMicrotask)
const settled = Promise.resolve();
function endTurnSoon(): void {
  setImmediate(endTurn);
}

/** Resumes the next waiting message; the next one waits for the next turn of the loop. */
function pump(): void {
  const next = waiting.high.shift() ?? waiting.low.shift();
  if (waiting.high.length || waiting.low.length) setImmediate(pump);
  else pumping = false;
  next?.();
}

/**
 * A promise to await before handling the next message when this turn has run long enough
 * (undefined otherwise: no extra tick). `urgent`: a client waits for the reply.
 */
export function nextSlice(urgent: boolean): Promise<void> | undefined {
  const now = performance.now();
  if (turnStart < 0) {
    turnStart = now;
    // the turn ends once the event loop comes round: the next one starts a new slice
    void settled.then(endTurnSoon);
    if (!pumping) return undefined;
  } else if (now - turnStart < SLICE_MS && !pumping) {
    return undefined;
  }
  return new Promise((resolve) => {
    (urgent ? waiting.high : waiting.low).push(resolve);
    if (!pumping) {
      pumping = true;
      setImmediate(pump);
    }
  });
}
