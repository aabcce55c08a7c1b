/** The test client meets refusals, unsafe navigation and connect params as the browser does. */
import { afterEach, describe, expect, it, vi } from "vitest";
import { component, defineComponent, defineView, html, live as route, MemoryPubSub } from "../../shell/index.js";
import { Router } from "../../shell/router.js";
import { renderStatic } from "../../shell/static.js";
import { visit, ReplyError } from "../../shell/testing/index.js";
import { fidelityRoutes } from "../support/views/fidelity.js";

const router = new Router(fidelityRoutes());

afterEach(() => vi.restoreAllMocks());

describe("refused events in the test client", () => {
  it("rejects with the reason and message, changes nothing, and the view lives on", async () => {
    const view = await visit(router, "/refusals");
    const refused = (selector: string) =>
      view
        .element(selector)
        .click()
        .then(
          () => new ReplyError({}),
          (e: unknown) => e as ReplyError,
        );
    expect((await refused("#reject")).response).toEqual({ reason: "not_allowed", message: "you may not do that" });
    expect((await refused("#invalid")).response).toMatchObject({ reason: "invalid_params", issues: [{ path: ["n"] }] });
    expect((await refused("#unknown")).response).toEqual({ reason: "unknown_event", message: 'RefusalsLive has no event "no_such_event"' });
    expect((await refused("#jam")).response).toEqual({ reason: "jammed", message: "the knob is jammed" });
    await expect(view.push({ type: "click", event: "click", value: {}, cid: 999 })).rejects.toMatchObject({
      response: { reason: "unknown_component" },
    });
    await expect(view.form("#save-form").submit({ title: "" })).rejects.toMatchObject({ response: { reason: "invalid" } });
    expect(view.alive).toBe(true);
    await view.element("#ok").click();
    expect(view.find("#clicks")?.textContent).toBe("clicks: 1");
    // on the wire: ok replies whose reply is the refusal
    const replies = view.messages.filter((m) => m.kind === "reply").map((m) => m.payload.status);
    expect(new Set(replies)).toEqual(new Set(["ok"]));
  });

  it("tells a refused form change apart, so the browser keeps what was typed", async () => {
    const view = await visit(router, "/recovery");
    await expect(view.form("#typed-form").change({ qty: "abc" })).rejects.toMatchObject({ response: { reason: "invalid_params" } });
    expect(view.events).toContainEqual(["lagoon:form-refused", { event: "validate", target: "qty" }]);
    await expect(view.form("#nameless-form").change({ note: "x" })).rejects.toMatchObject({ response: { reason: "unknown_event" } });
    expect(view.events).toContainEqual(["lagoon:form-refused", { event: "not_handled", target: "note" }]);
  });
});

describe("unsafe navigation in the test client", () => {
  it("crashes the view in the handler: the URL never leaves the server", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    for (const selector of ["#script", "#tabbed", "#nav-offsite"]) {
      const view = await visit(router, "/navigate");
      await view
        .element(selector)
        .click()
        .catch(() => {});
      expect(view.crashed, selector).toBe(true);
      expect(view.redirected, selector).toBeUndefined();
      expect(JSON.stringify(view.messages)).not.toMatch(/"(redirect|live_redirect)"/);
    }
    const view = await visit(router, "/navigate");
    await view.element("#local").click();
    expect(view.redirected).toMatchObject({ kind: "redirect", to: "/connect", flash: { info: "Redirected" } });
  });
});

describe("connect params and info", () => {
  it("are the browser's on a connected mount and absent in the HTTP render", async () => {
    const view = await visit(router, "/connect", { connectParams: { timezone: "Europe/Paris" }, connectInfo: { userAgent: "Chrome" } });
    expect(view.staticHtml).toContain("time zone: not connected");
    expect(view.find("#zone")?.textContent).toBe("time zone: Europe/Paris");
    expect(view.find("#agent")?.textContent).toBe("user agent: a Chrome");
    expect(view.has("#new-version")).toBe(false);
    const deployed = await visit(router, "/connect", { staticChanged: true });
    expect(deployed.has("#new-version", "A new version is available")).toBe(true);
  });
});

describe("traps", () => {
  const Item = defineComponent<{ label: string }>({ name: "Item", render: (a) => html`<li>${a.label}</li>` });

  it("refuses two live components of one kind with one id in a render, naming the id", async () => {
    const Twice = defineView({
      name: "Twice",
      render: () => html`<ul>${[component(Item, { id: "x", label: "a" }), component(Item, { id: "x", label: "b" })]}</ul>`,
    });
    const r = new Router([route("/twice", Twice)]);
    const render = renderStatic({
      id: "phx-t",
      route: r.routes[0]!,
      params: {},
      url: new URL("http://h/twice"),
      session: {},
      services: { router: r, pubsub: new MemoryPubSub(), signFlash: () => "", signView: () => "" },
    });
    await expect(render).rejects.toThrow('Twice: two live components Item with id "x" in one render');
  });

  it("offers components no flash: a stale copy cannot be rendered", async () => {
    const Peek = defineComponent({ name: "Peek", render: (a) => html`<p id="peek">${"flash" in a ? "has flash" : "no flash"}</p>` });
    const Host = defineView({ name: "Host", render: () => html`<div>${component(Peek, { id: "p" })}</div>` });
    const view = await visit(new Router([route("/h", Host)]), "/h", { flash: { info: "hi" } });
    expect(view.find("#peek")?.textContent).toBe("no flash");
  });
});
