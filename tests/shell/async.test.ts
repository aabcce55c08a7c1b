/** assignAsync and startAsync through the test client: loading, ok, failed, cancelled, abandoned. */
import { describe, expect, it } from "vitest";
import { visit } from "../../shell/testing/index.js";
import { asyncRouter, gates } from "../support/views/async.js";

const tick = () => new Promise((r) => setTimeout(r, 10));

describe("assignAsync", () => {
  it("renders loading at once, then the result", async () => {
    const view = await visit(asyncRouter, "/async");
    expect(view.staticHtml).toContain("Loading…");
    expect(view.find("#report")?.textContent).toBe("Loading…");
    gates.get("report")!.resolve("42 rows");
    await tick();
    await view.flush();
    expect(view.find("#report")?.textContent).toBe("Report: 42 rows");
  });

  it("renders the failure when the work throws, and can load again", async () => {
    const view = await visit(asyncRouter, "/async");
    gates.get("report")!.reject(new Error("catalog down"));
    await tick();
    await view.flush();
    expect(view.find("#report")?.textContent).toBe("Failed: Error: catalog down");
    await view.element("#report").exists();
    await view.push({ type: "click", event: "reload", value: {} });
    expect(view.find("#report")?.textContent).toBe("Loading…");
    gates.get("report")!.resolve("back");
    await tick();
    await view.flush();
    expect(view.find("#report")?.textContent).toBe("Report: back");
  });

  it("lets a newer load replace an older one still running", async () => {
    const view = await visit(asyncRouter, "/async");
    const first = gates.get("report")!;
    await view.push({ type: "click", event: "reload", value: {} });
    const second = gates.get("report")!;
    expect(first.aborted).toBe(true);
    first.resolve("stale");
    second.resolve("fresh");
    await tick();
    await view.flush();
    expect(view.find("#report")?.textContent).toBe("Report: fresh");
  });
});

describe("startAsync", () => {
  it("delivers the outcome to handleAsync, or a cancellation", async () => {
    const view = await visit(asyncRouter, "/async");
    await view.push({ type: "click", event: "start", value: {} });
    expect(view.find("#job")?.textContent).toBe("running");
    gates.get("job")!.resolve("ok");
    await tick();
    await view.flush();
    expect(view.find("#job")?.textContent).toBe("done: ok");

    await view.push({ type: "click", event: "start", value: {} });
    const job = gates.get("job")!;
    await view.push({ type: "click", event: "cancel", value: {} });
    await tick();
    await view.flush();
    expect(job.aborted).toBe(true);
    expect(view.find("#job")?.textContent).toBe("failed: cancelled by the user");
    job.resolve("too late");
    await tick();
    await view.flush();
    expect(view.find("#job")?.textContent).toBe("failed: cancelled by the user");
  });

  it("abandons pending work when the view ends: no throw, no message, nothing kept", async () => {
    const view = await visit(asyncRouter, "/async");
    await view.push({ type: "click", event: "start", value: {} });
    const report = gates.get("report")!;
    const job = gates.get("job")!;
    const handle = view.handle;
    view.close();
    // the leave's own reply and close are the last frames
    const sent = view.messages.length;
    expect(report.aborted).toBe(true);
    expect(job.aborted).toBe(true);
    report.resolve("late");
    job.reject(new Error("late failure"));
    await tick();
    expect(view.messages.length).toBe(sent);
    expect(handle.alive).toBe(false);
  });
});
