/** shell/slices.ts: a turn of the event loop that ran its slice defers the next messages to later turns. */
import { describe, expect, it } from "vitest";
import { nextSlice } from "../../shell/slices.js";

const freshTurn = () => new Promise((r) => setImmediate(r));
const spin = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};

describe("nextSlice", () => {
  it("defers messages once the turn has run its slice, its microtasks included, a client's before a server's", async () => {
    await freshTurn();
    expect(nextSlice(true)).toBeUndefined();
    // the turn goes on through its microtasks: they do not start a new slice
    for (let i = 0; i < 5; i++) await Promise.resolve();
    expect(nextSlice(true)).toBeUndefined();
    spin(6);
    for (let i = 0; i < 5; i++) await Promise.resolve();
    const seen: string[] = [];
    const server = nextSlice(false);
    const client = nextSlice(true);
    expect(server).toBeInstanceOf(Promise);
    expect(client).toBeInstanceOf(Promise);
    const loop = new Promise<void>((r) => setImmediate(() => (seen.push("loop"), r())));
    await Promise.all([server!.then(() => seen.push("server")), client!.then(() => seen.push("client")), loop]);
    // one per turn of the event loop, the client first: what the loop queued meanwhile runs between them
    expect(seen).toEqual(["client", "loop", "server"]);
  });

  it("starts a fresh slice in the next turn of the event loop", async () => {
    await freshTurn();
    expect(nextSlice(true)).toBeUndefined();
    spin(6);
    expect(nextSlice(true)).toBeInstanceOf(Promise);
    await freshTurn();
    await freshTurn();
    expect(nextSlice(true)).toBeUndefined();
  });
});
