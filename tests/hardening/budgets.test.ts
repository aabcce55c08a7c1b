/**
 * Budgets and fairness against one hostile user, over real WebSockets: views per user
 * across sockets, components per view, the process memory budget, and a burst of slow
 * events from one socket that must not hold another user's click until it is done.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { Admission } from "../../shell/admission.js";
import { startFixtureServer } from "../support/fixture-server.js";
import { loadPage, ProtocolClient, joinAnother, joinView } from "../support/protocol.js";
import { budgetRoutes } from "../support/views/budgets.js";
import { push } from "./helpers.js";

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
  vi.restoreAllMocks();
});

async function start(limits: Record<string, number>) {
  const server = await startFixtureServer(budgetRoutes(), { socket: { limits } });
  close = () => server.close();
  return server;
}

describe("views per user", () => {
  it("counts a session's views over all its sockets, refuses one more with a reason, and frees a slot on leave", async () => {
    const server = await start({ viewsPerUser: 3 });
    const first = await joinView(server.url, "/busy");
    // the same cookie (session) on other sockets
    const second = await joinView(server.url, "/busy", { cookie: first.page.cookie });
    const third = await joinAnother(server.url, "/busy", second);
    expect([first, second, third].map((j) => j.reply[4].status)).toEqual(["ok", "ok", "ok"]);
    const fourth = await joinView(server.url, "/busy", { cookie: first.page.cookie });
    expect(fourth.reply[4]).toEqual({ status: "error", response: { reason: "too many views" } });
    // another user is not affected
    expect((await joinView(server.url, "/busy")).reply[4].status).toBe("ok");
    await first.client.push(first.joinRef, first.topic, "phx_leave", {});
    const again = await joinView(server.url, "/busy", { cookie: first.page.cookie });
    expect(again.reply[4].status).toBe("ok");
    for (const j of [second, fourth, again]) await j.client.close();
    await first.client.close();
  });
});

describe("components per view", () => {
  it("fails only the view that places more live components than allowed", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const server = await start({ componentsPerView: 100 });
    const fine = await joinView(server.url, "/rows?rows=100");
    expect(fine.reply[4].status).toBe("ok");
    expect((await fetch(server.url + "/rows?rows=101")).status).toBe(500);
    expect(vi.mocked(console.error).mock.calls.flat().join(" ")).toContain("more than 100 live components");
    expect((await push(fine, "nothing")).status).toBe("ok");
    await fine.client.close();
  });
});

describe("the process memory budget", () => {
  it("refuses joins with 'server busy' and answers the HTTP render 503 past it", async () => {
    const secret = "budget-test-secret-".repeat(3);
    // a page rendered while the process still had room
    const roomy = await startFixtureServer(budgetRoutes(), { secret });
    const page = await loadPage(roomy.url, "/busy");
    const port = roomy.port;
    await roomy.close();
    const busy = await startFixtureServer(budgetRoutes(), { secret, port, socket: { limits: { maxHeapRatio: 0.000001 } } });
    close = () => busy.close();
    const res = await fetch(busy.url + "/busy");
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    const client = await ProtocolClient.connect(busy.url, page);
    const { reply } = await client.join(busy.url, page, "/busy");
    expect(reply[4]).toEqual({ status: "error", response: { reason: "server busy" } });
    await client.close();
  });

  it("counts and releases views per owner, and refuses past the heap ratio", () => {
    let ratio = 0.5;
    const a = new Admission({ viewsPerUser: 2, maxHeapRatio: 0.8 }, () => ratio);
    expect([a.admit("u"), a.admit("u"), a.admit("u"), a.admit("v")]).toEqual([null, null, "too many views", null]);
    a.release("u");
    expect(a.admit("u")).toBeNull();
    ratio = 0.9;
    expect(a.admit("w")).toBe("server busy");
    expect(a.busy).toBe(true);
  });
});

describe("fairness", () => {
  it("serves another user's click in the middle of one socket's burst of slow events", async () => {
    const server = await start({ burst: 1000, perSecond: 1000 });
    const hog = await joinView(server.url, "/busy");
    const user = await joinView(server.url, "/busy");
    const replies: string[] = [];
    const N = 40;
    const hogDone = Promise.all(
      Array.from({ length: N }, () =>
        hog.client
          .push(hog.joinRef, hog.topic, "event", { type: "click", event: "spin", value: { ms: "10" } })
          .then(() => replies.push("hog")),
      ),
    );
    // wait until the burst is being handled, then click
    await hog.client.waitFor((f) => f[3] === "phx_reply" && f[2] === hog.topic && f[1] !== hog.joinRef);
    await push(user, "tick").then(() => replies.push("user"));
    await hogDone;
    // 40 slow events take ~400 ms back to back: the user's click was answered long before the last of them
    expect(replies.indexOf("user")).toBeLessThan(N / 2);
    await hog.client.close();
    await user.client.close();
  });
});
