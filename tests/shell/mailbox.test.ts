/** shell/mailbox.ts: one message at a time, in order; a client's message on an empty mailbox starts in the caller's turn. */
import { describe, expect, it } from "vitest";
import { Mailbox } from "../../shell/mailbox.js";

const tick = () => new Promise((r) => setTimeout(r, 0));
// a fresh turn of the event loop: its slice (slices.ts) has not run out
const freshTurn = () => new Promise((r) => setImmediate(r));

describe("Mailbox", () => {
  it("starts a client's message on an empty mailbox at once, and a server message a microtask later", async () => {
    const box = new Mailbox();
    const seen: string[] = [];
    await freshTurn();
    void box.post(
      true,
      async () => void seen.push("client"),
      () => {},
    );
    seen.push("after client post");
    await box.idle();
    void box.post(
      false,
      async () => void seen.push("server"),
      () => {},
    );
    seen.push("after server post");
    await box.idle();
    expect(seen).toEqual(["client", "after client post", "after server post", "server"]);
  });

  it("handles messages one at a time in arrival order, one posted by a running handler after it", async () => {
    const box = new Mailbox();
    const seen: string[] = [];
    let release!: () => void;
    // a starts at once only in a fresh slice; in a spent one it waits, and what it posts
    // then arrives after b
    await freshTurn();
    void box.post(
      true,
      async () => {
        seen.push("a starts");
        void box.post(
          true,
          async () => void seen.push("posted by a"),
          () => {},
        );
        await new Promise<void>((r) => (release = r));
        seen.push("a ends");
      },
      () => {},
    );
    void box.post(
      true,
      async () => void seen.push("b"),
      () => {},
    );
    expect(box.busy).toBe(true);
    await tick();
    expect(seen).toEqual(["a starts"]);
    release();
    await box.idle();
    expect(seen).toEqual(["a starts", "a ends", "posted by a", "b"]);
    expect(box.busy).toBe(false);
  });

  it("hands a failure to its callback, resolves the post, and goes on with the next message", async () => {
    const box = new Mailbox();
    const failures: unknown[] = [];
    const failed = box.post(
      true,
      async () => {
        throw new Error("boom");
      },
      (error) => failures.push(error),
    );
    let ran = false;
    void box.post(
      false,
      async () => void (ran = true),
      () => {},
    );
    await expect(failed).resolves.toBeUndefined();
    await box.idle();
    expect(failures.map(String)).toEqual(["Error: boom"]);
    expect(ran).toBe(true);
  });

  it("runs a handler that returns at once to its end in the caller's turn; what it posts and idle() wait for it", async () => {
    const box = new Mailbox();
    const seen: string[] = [];
    await freshTurn();
    let idle: Promise<void> | undefined;
    const handled = box.post(
      true,
      () => {
        seen.push("sync starts");
        void box.post(
          true,
          () => void seen.push("posted by sync"),
          () => {},
        );
        idle = box.idle().then(() => void seen.push("idle"));
        seen.push("sync ends");
      },
      () => {},
    );
    seen.push("after post");
    expect(box.busy).toBe(true);
    await handled;
    await idle;
    await box.idle();
    expect(seen).toEqual(["sync starts", "sync ends", "after post", "posted by sync", "idle"]);
    expect(box.busy).toBe(false);
  });

  it("hands a handler's synchronous throw to its callback and goes on with the next message", async () => {
    const box = new Mailbox();
    const failures: unknown[] = [];
    await freshTurn();
    const failed = box.post(
      true,
      () => {
        throw new Error("sync boom");
      },
      (error) => failures.push(error),
    );
    expect(failures.map(String)).toEqual(["Error: sync boom"]);
    expect(box.busy).toBe(false);
    let ran = false;
    void box.post(
      true,
      () => void (ran = true),
      () => {},
    );
    expect(ran).toBe(true);
    await expect(failed).resolves.toBeUndefined();
  });
});
