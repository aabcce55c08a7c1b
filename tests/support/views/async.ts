/** Fixture views for async work: assignAsync and startAsync, released by the test. */
import { AsyncResult, defineView, html, live } from "../../../shell/index.js";
import { Router } from "../../../shell/router.js";

/** Pending work, settled by the test: `gates.get("report")!.resolve(value)`. */
export const gates = new Map<string, { resolve(v: unknown): void; reject(e: unknown): void; aborted: boolean }>();

function gate<T>(name: string, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const g = { resolve: resolve as (v: unknown) => void, reject, aborted: false };
    signal.addEventListener("abort", () => (g.aborted = true));
    gates.set(name, g);
  });
}

export const AsyncLive = defineView<{ report: AsyncResult<string>; job: string; renders: number }>({
  name: "AsyncLive",
  mount(_p, _s, socket) {
    socket.assign({ job: "idle", report: AsyncResult.loading() });
    socket.assignAsync("report", async (signal) => ({ report: await gate<string>("report", signal) }));
  },
  events: {
    reload: (_p, socket) => {
      socket.assignAsync("report", async (signal) => ({ report: await gate<string>("report", signal) }));
    },
    start: (_p, socket) => {
      socket.assign({ job: "running" });
      socket.startAsync("job", (signal) => gate("job", signal));
    },
    cancel: (_p, socket) => {
      socket.cancelAsync("job", "cancelled by the user");
    },
  },
  handleAsync(name, outcome, socket) {
    if (name === "job") socket.assign({ job: outcome.ok ? `done: ${String(outcome.value)}` : `failed: ${String(outcome.error)}` });
  },
  render: (a) =>
    html`<div id="report">${
      a.report.loading ? "Loading…" : a.report.ok ? html`Report: ${a.report.result}` : html`Failed: ${String(a.report.failed)}`
    }</div><p id="job">${a.job}</p>`,
});

export const asyncRouter = new Router([live("/async", AsyncLive)]);
