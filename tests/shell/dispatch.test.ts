/**
 * shell/dispatch.ts through the test client: a client event reaches its handler by name,
 * with its value decoded by type and checked by the event's schema; what the handler
 * returns is the reply; every refusal is an ok reply carrying { reason, message } (and,
 * for a form, a `lagoon:form-refused` push), keeping what the handler changed before it.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineView, event, EventRejected, html, live } from "../../shell/index.js";
import { ReplyError, visit, type LiveViewTest } from "../../shell/testing/index.js";

const DispatchLive = defineView<{ log: string[] }>({
  name: "DispatchLive",
  mount(_p, _s, socket) {
    socket.assign({ log: [] });
  },
  events: {
    note: (p: { text?: string }, socket) => {
      socket.update("log", (l) => [...l, `note ${p.text ?? ""}`]);
    },
    add: event(z.object({ n: z.coerce.number().int().max(100) }), ({ n }, socket) => {
      socket.update("log", (l) => [...l, `add ${n}`]);
    }),
    measure: (p: { text?: string }) => ({ length: String(p.text ?? "").length }),
    refuse: (_p, socket) => {
      socket.update("log", (l) => [...l, "before the refusal"]);
      throw new EventRejected("forbidden", "not yours");
    },
  },
  render: (a) => html`<ol id="log">${a.log.map((l) => html`<li>${l}</li>`)}</ol>`,
});

const open = () => visit([live("/dispatch", DispatchLive)], "/dispatch");
const log = (view: LiveViewTest) =>
  view
    .dom()
    .querySelectorAll("#log li")
    .map((li) => li.textContent);
/** The refusal a push was answered with. */
const refusal = (view: LiveViewTest, payload: Record<string, unknown>) =>
  view.push(payload).then(
    () => undefined,
    (e: unknown) => (e instanceof ReplyError ? e.response : Promise.reject(e)),
  );

describe("dispatch", () => {
  it("decodes the value by type: click values as they are, forms urlencoded with brackets", async () => {
    const view = await open();
    await view.push({ type: "click", event: "note", value: { text: "clicked" } });
    await view.push({ type: "form", event: "note", value: "text=typed", meta: { _target: "text" } });
    await view.push({ type: "form", event: "add", value: "n=7" });
    expect(log(view)).toEqual(["note clicked", "note typed", "add 7"]);
  });

  it("answers with what the handler returns", async () => {
    const view = await open();
    expect(await view.hook("measure", { text: "four" })).toEqual({ length: 4 });
  });

  it("refuses params failing the event's schema, with the issues, and runs nothing", async () => {
    const view = await open();
    const refused = await refusal(view, { type: "click", event: "add", value: { n: "many" } });
    expect(refused).toMatchObject({ reason: "invalid_params", issues: [{ path: ["n"] }] });
    expect(log(view)).toEqual([]);
  });

  it("refuses unknown events and components, and payloads that are no event", async () => {
    const view = await open();
    for (const name of ["nope", "__proto__", "constructor", "toString"]) {
      expect((await refusal(view, { type: "click", event: name, value: {} }))?.reason, name).toBe("unknown_event");
    }
    expect((await refusal(view, { type: "click", event: "note", value: {}, cid: 9999 }))?.reason).toBe("unknown_component");
    expect((await refusal(view, { type: "click", event: 42, value: {} }))?.reason).toBe("bad_event");
    expect((await refusal(view, { type: "form", event: "note", value: { not: "urlencoded" } }))?.reason).toBe("bad_event");
    expect((await refusal(view, { type: "click", event: "note", value: "text" }))?.reason).toBe("bad_event");
    expect(view.alive).toBe(true);
    await view.push({ type: "click", event: "note", value: { text: "still here" } });
    expect(log(view)).toEqual(["note still here"]);
  });

  it("keeps what a handler changed before an EventRejected, and tells the browser a form was refused", async () => {
    const view = await open();
    const refused = await refusal(view, { type: "form", event: "refuse", value: "", meta: { _target: "title" } });
    expect(refused).toEqual({ reason: "forbidden", message: "not yours" });
    expect(log(view)).toEqual(["before the refusal"]);
    expect(view.events).toContainEqual(["lagoon:form-refused", { event: "refuse", target: "title" }]);
  });
});
