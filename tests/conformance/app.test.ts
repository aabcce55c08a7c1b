/**
 * The conformance app (conformance/, Phoenix LiveView's e2e support app ported) on a real
 * socket: what it adds to Lagoon's own pages — the suite's eval snippets and the E8/E9
 * event gate, the endpoint's plain routes, and its root layouts.
 */
import { randomUUID } from "node:crypto";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { instantiateApp, type Listening } from "../../server/index.js";
import { conformanceApp } from "../../conformance/app.js";
import { UPLOADED_DIR } from "../../conformance/views/uploads.js";
import { joinView, type Joined } from "../support/protocol.js";

let server: Listening;
beforeAll(async () => {
  const running = await instantiateApp(conformanceApp, { secret: "conformance-test-".padEnd(48, "x"), assets: { head: () => "" } });
  server = await running.lagoon.listen({ port: 0 });
});
afterAll(() => server.close());

/** An `evalLV` push: the event the suite's utils.js sends to the view. */
const evalLV = (j: Joined, code: string, ref = j.client.nextRef()) =>
  j.client.push(j.joinRef, j.topic, "event", { type: "event", event: "sandbox:eval", value: { value: code } }, ref);

const evalPlug = (code: string) =>
  fetch(`${server.url}/eval`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ code }) });

describe("the suite's eval snippets", () => {
  it("answers a known snippet with its result and refuses any other code", async () => {
    const j = await joinView(server.url, "/keyed-comprehension");
    const items = (await evalLV(j, "socket.assigns.items"))[4].response.diff.r.result;
    expect(items).toHaveLength(10);
    expect(items[0].entry.foo.bar).toBe(`New${items[0].id + 1}`);
    const refused = (await evalLV(j, "System.halt()"))[4].response.diff.r;
    expect(refused.error.reason).toBe("eval");
    await j.client.close();
  });

  it("runs a view's own handler for `socket.view.handle_event` and renders it (E1)", async () => {
    const j = await joinView(server.url, "/stream");
    const reply = (await evalLV(j, `socket.view.handle_event("reset-users", %{}, socket)`))[4].response.diff;
    expect(reply.r).toEqual({});
    expect(JSON.stringify(reply)).toContain('"stream"');
    await j.client.close();
  });

  it("holds a view's events after E8 until POST /eval releases them (E9), keeping early releases", async () => {
    const j = await joinView(server.url, "/form");
    const pid = (
      await evalLV(
        j,
        `<<"#PID"::binary, pid::binary>> = inspect(self())\n pid_parts = pid |> String.trim_leading("<") |> String.trim_trailing(">") |> String.split(".")\n %{lv_pid: pid_parts}`,
      )
    )[4].response.diff.r.result.lv_pid as string[];
    await evalLV(
      j,
      `attach_hook(socket, :sync, :handle_event, fn event, _params, socket ->
        if event == "ping" do {:cont, socket} else receive do {:sync, ^event} -> {:cont, socket} end end end)`,
    );
    const ref = j.client.nextRef();
    let answered = false;
    const validate = j.client
      .push(j.joinRef, j.topic, "event", { type: "form", event: "validate", value: "b=held" }, ref)
      .then((f) => ((answered = true), f));
    // a heartbeat is answered by the connection itself: had the view answered validate, its
    // reply would have come first, on the same socket
    await j.client.push(null, "phoenix", "heartbeat", {});
    expect(answered).toBe(false);
    const release = await evalPlug(`send(IEx.Helpers.pid(${pid.join(", ")}), {:sync, "validate"}); nil`);
    expect(await release.json()).toBeNull();
    expect(JSON.stringify((await validate)[4])).toContain("held");
    // a release sent before its event is kept for it
    await evalPlug(`send(IEx.Helpers.pid(${pid.join(", ")}), {:sync, "save"}); nil`);
    expect((await j.client.push(j.joinRef, j.topic, "event", { type: "form", event: "save", value: "" }))[4].status).toBe("ok");
    expect((await evalPlug('File.rm_rf!("/")')).status).toBe(422);
    await j.client.close();
  });
});

describe("the endpoint and root layouts", () => {
  it("answers /health, and renders a view's render_in_root content outside its container", async () => {
    expect(await (await fetch(`${server.url}/health`)).text()).toBe("OK");
    const html = await (await fetch(`${server.url}/issues/4147`)).text();
    expect(html.indexOf('<div id="foobar"')).toBeGreaterThan(-1);
    expect(html.indexOf('<div id="foobar"')).toBeLessThan(html.indexOf("data-phx-main"));
    const portal = await (await fetch(`${server.url}/portal?tick=false`)).text();
    expect(portal).toMatch(/<body><main style="flex: 1; padding: 2rem;"><div id="phx-[^"]+" data-phx-main/);
    expect(portal).toContain('<div id="root-portal"></div></body>');
  });

  it("answers a failed dead mount with Phoenix's plain-text 500, with nothing to load", async () => {
    const res = await fetch(`${server.url}/errors?dead-mount=raise`);
    expect(res.status).toBe(500);
    expect(await res.text()).toBe("Internal Server Error");
  });

  it("echoes a native form post to /submit carrying the page's CSRF token, and refuses one without", async () => {
    const page = await fetch(`${server.url}/issues/3814`);
    const cookie = page.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const csrf = /name="_csrf_token" type="hidden" hidden value="([^"]+)"/.exec(await page.text())![1]!;
    const post = (body: string) =>
      fetch(`${server.url}/submit`, { method: "POST", headers: { cookie, "content-type": "application/x-www-form-urlencoded" }, body });
    const ok = await post(`_csrf_token=${csrf}&greeting=hello&i-am-the-submitter=submitter-value`);
    expect(await ok.text()).toContain('"i-am-the-submitter":"submitter-value"');
    expect((await post("greeting=hello")).status).toBe(403);
  });

  it("serves what /upload consumed from /tmp/lvupload as a download, by its generated name only", async () => {
    const name = randomUUID();
    await mkdir(UPLOADED_DIR, { recursive: true });
    await writeFile(join(UPLOADED_DIR, name), "this is a test");
    try {
      const res = await fetch(`${server.url}/tmp/lvupload/${name}`);
      expect(res.headers.get("content-type")).toBe("application/octet-stream");
      expect(await res.text()).toBe("this is a test");
      expect((await fetch(`${server.url}/tmp/lvupload/..%2F..%2Fetc%2Fpasswd`)).status).toBe(404);
      expect((await fetch(`${server.url}/tmp/lvupload/${randomUUID()}`)).status).toBe(404);
    } finally {
      await rm(join(UPLOADED_DIR, name), { force: true });
    }
  });
});
