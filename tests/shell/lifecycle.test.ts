import { describe, expect, it } from "vitest";
import { defineView, html, live, liveRender } from "../../shell/index.js";
import { ReplyError, visit } from "../../shell/testing/index.js";
import { nestedRoutes } from "../support/views/nested.js";

describe("lifecycle hooks", () => {
  it("handleParams hooks run before the view's, in the HTTP render, the mount and every patch", async () => {
    const view = await visit(nestedRoutes, "/hooked");
    expect(view.staticHtml).toContain('<p id="active">/hooked</p>');
    await view.patch("/hooked/settings");
    expect(view.find("#active")?.textContent).toBe("/hooked/settings");
  });

  it("handleEvent hooks see every event: they continue, halt, answer a hook, or refuse", async () => {
    const view = await visit(nestedRoutes, "/hooked");
    await view.hook("note", {});
    expect(view.find("#seen")?.textContent).toBe("note");
    expect(view.find("#log")?.textContent).toBe("noted");
    // an event the view does not know, handled by the hook (a layout's sidebar toggle)
    await view.hook("toggle-sidebar", {});
    expect(view.find("#sidebar")?.textContent).toBe("open");
    expect(await view.hook("ping", { n: 3 })).toEqual({ pong: 3 });
    // refused by the hook: the view's handler never runs
    await expect(view.hook("delete", {})).rejects.toMatchObject({ response: { reason: "forbidden" } });
    expect(view.find("#log")?.textContent).toBe("noted");
    expect(view.alive).toBe(true);
  });

  it("a halting hook's reply goes back whatever bound the event, as a handler's does", async () => {
    const view = await visit(nestedRoutes, "/hooked");
    // Phoenix's {:halt, reply, socket}: JS.push and the client's pushEvent("event", ...) read it too
    expect(await view.push({ type: "event", event: "ping", value: { n: 4 } })).toEqual({ pong: 4 });
    expect(await view.push({ type: "click", event: "ping", value: { n: 5 } })).toEqual({ pong: 5 });
    // a plain "halt" has no reply
    expect(await view.push({ type: "click", event: "toggle-sidebar", value: {} })).toBeNull();
  });

  it("an event no hook halts and the view does not know is still refused", async () => {
    const view = await visit(nestedRoutes, "/hooked");
    await expect(view.hook("nope", {})).rejects.toBeInstanceOf(ReplyError);
    expect(view.find("#seen")?.textContent).toBe("nope");
  });

  it("detachHook removes a hook; attaching a name twice on a stage is an error", async () => {
    const view = await visit(nestedRoutes, "/hooked", { session: { role: "admin" } });
    await view.hook("unhook", {});
    await expect(view.hook("toggle-sidebar", {})).rejects.toMatchObject({ response: { reason: "unknown_event" } });
    await view.hook("delete", {});
    expect(view.find("#log")?.textContent).toBe("deleted");
    expect(view.find("#seen")?.textContent).toBe("unhook");
    await expect(view.hook("again", {})).rejects.toThrow(/crashed/);
  });

  it("handleInfo hooks can halt a message; afterRender hooks run after each render", async () => {
    const view = await visit(nestedRoutes, "/hooked");
    await view.send("secret");
    await view.send("hello");
    expect(view.find("#log")?.textContent).toBe("info hello");
    // what an afterRender hook assigns renders next time
    const before = Number(view.find("#renders")?.textContent);
    await view.hook("note", {});
    expect(Number(view.find("#renders")?.textContent)).toBe(before + 1);
  });

  it("a nested view cannot attach a handleParams hook: it has no URL", async () => {
    const Child = defineView({
      name: "HookedChild",
      mount(_p, _s, socket) {
        socket.attachHook("x", "handleParams", () => {});
      },
      render: () => html`<p>child</p>`,
    });
    const Host = defineView({ name: "HookedHost", render: () => html`<div>${liveRender(Child, { id: "child" })}</div>` });
    await expect(visit([live("/host", Host)], "/host")).rejects.toThrow(/nested view has no URL/);
  });
});
