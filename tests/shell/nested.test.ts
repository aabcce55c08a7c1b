import { describe, expect, it } from "vitest";
import { defineView, html, live, liveRender, LagoonError } from "../../shell/index.js";
import { visit } from "../../shell/testing/index.js";
import { nestedRoutes } from "../support/views/nested.js";

describe("nested live views", () => {
  it("render inside the parent over HTTP, then join as their own view", async () => {
    const view = await visit(nestedRoutes, "/nested");
    // HTTP: the child's HTML inline, no token yet (it joins through its live parent)
    expect(view.staticHtml).toMatch(
      new RegExp(
        `<section id="counter" data-phx-session="" data-phx-static="" data-phx-parent-id="${view.id}" class="child"><p id="child-count">child 5</p>`,
      ),
    );
    // connected: an empty container with a token, joined on a topic of its own
    const container = view.find("#counter");
    expect(container?.getAttribute("data-phx-session")).not.toBe("");
    expect(container?.innerHTML).toBe("");
    const child = view.findLiveChild("counter");
    expect(child.find("#child-count")?.textContent).toBe("child 5");
    expect(view.html()).toContain('class="child"><p id="child-count">child 5</p>');
  });

  it("keep their own state: a child's events do not touch the parent, and the parent re-renders without re-sending the child", async () => {
    const view = await visit(nestedRoutes, "/nested");
    const child = view.findLiveChild("counter");
    await child.element("#tick").click();
    await child.element("#tick").click();
    expect(child.find("#child-count")?.textContent).toBe("child 7");
    expect(view.find("#parent-n")?.textContent).toBe("parent 0");
    await view.element("#inc").click();
    expect(view.find("#parent-n")?.textContent).toBe("parent 1");
    expect(JSON.stringify(view.lastDiff)).not.toContain("counter");
    expect(view.findLiveChild("counter")).toBe(child);
    expect(child.find("#child-count")?.textContent).toBe("child 7");
  });

  it("message their parent with socket.parent, and hear it over PubSub", async () => {
    const view = await visit(nestedRoutes, "/nested");
    const child = view.findLiveChild("counter");
    await child.element("#tick").click();
    await child.element("#tell").click();
    expect(view.find("#said")?.textContent).toBe("count is 6");
    await view.element("#shout").click();
    expect(child.find("#child-heard")?.textContent).toBe("hello child");
  });

  it("crash alone: the parent lives on and the child joins again from its container", async () => {
    const view = await visit(nestedRoutes, "/nested");
    const child = view.findLiveChild("counter");
    await child.element("#tick").click();
    await expect(child.element("#boom").click()).rejects.toThrow(/crashed/);
    expect(child.crashed).toBe(true);
    expect(view.alive).toBe(true);
    await view.element("#inc").click();
    expect(view.find("#parent-n")?.textContent).toBe("parent 1");
    const again = view.findLiveChild("counter");
    expect(again).not.toBe(child);
    expect(again.alive).toBe(true);
    expect(again.find("#child-count")?.textContent).toBe("child 5");
  });

  it("leave when the parent stops rendering them, and mount afresh when it does again", async () => {
    const view = await visit(nestedRoutes, "/nested");
    const child = view.findLiveChild("counter");
    await child.element("#tick").click();
    await view.element("#toggle").click();
    expect(child.alive).toBe(false);
    expect(() => view.findLiveChild("counter")).toThrow(/no nested view/);
    await view.element("#toggle").click();
    expect(view.findLiveChild("counter").find("#child-count")?.textContent).toBe("child 5");
  });

  it("sticky ones carry their token in the HTTP render and join as roots", async () => {
    const view = await visit(nestedRoutes, "/sticky/a");
    expect(view.staticHtml).toMatch(/<div id="scratchpad" data-phx-session="[^"]+" data-phx-static="" data-phx-sticky><form id="pad-form"/);
    const pad = view.findLiveChild("scratchpad");
    await pad.form("#pad-form").change({ note: "remember the milk" });
    expect(pad.find("#pad-saved")?.textContent).toBe("remember the milk");
  });

  it("join the view their own app rendered when two apps in one process name one alike", async () => {
    const appOf = (text: string) => {
      const Child = defineView({ name: "SameNameChild", render: () => html`<p id="who">${text}</p>` });
      return [live("/host", defineView({ name: `Host${text}`, render: () => html`<div>${liveRender(Child, { id: "same" })}</div>` }))];
    };
    const first = appOf("first");
    const second = appOf("second");
    const a = await visit(first, "/host");
    const b = await visit(second, "/host");
    expect(a.findLiveChild("same").find("#who")?.textContent).toBe("first");
    expect(b.findLiveChild("same").find("#who")?.textContent).toBe("second");
  });

  it("take their parent's assigns through assignNew while they mount, over HTTP and connected", async () => {
    const made: string[] = [];
    const own = (key: string) => () => (made.push(key), `own ${key}`);
    const Child = defineView<{ user: string; theme: string; late?: string }>({
      name: "SharingChild",
      mount(_p, _s, socket) {
        socket.assignNew("user", own("user")).assignNew("theme", own("theme"));
      },
      events: {
        late: (_p, socket) => {
          socket.assignNew("late", own("late"));
        },
      },
      render: (a) => html`<p id="shared">${a.user} ${a.theme} ${a.late ?? "-"}</p><button id="late" phx-click="late">late</button>`,
    });
    const Host = defineView<{ user: string; late: string }>({
      name: "SharingHost",
      mount(_p, _s, socket) {
        socket.assign({ user: "alice", late: "the parent's" });
      },
      render: () => html`<div>${liveRender(Child, { id: "sharing" })}</div>`,
    });
    const view = await visit([live("/sharing", Host)], "/sharing");
    expect(view.staticHtml).toContain('<p id="shared">alice own theme -</p>');
    const child = view.findLiveChild("sharing");
    expect(child.find("#shared")?.textContent).toBe("alice own theme -");
    // only the key the parent lacks was made, once per mount; after the mount, assignNew is the child's own
    expect(made).toEqual(["theme", "theme"]);
    await child.element("#late").click();
    expect(child.find("#shared")?.textContent).toBe("alice own theme own late");
  });

  it("sticky ones navigate the page and keep running, as the layout they sit in outlives the main view", async () => {
    const view = await visit(nestedRoutes, "/sticky/a");
    const pad = view.findLiveChild("scratchpad");
    await pad.element("#pad-go").click();
    expect(pad.redirected).toMatchObject({ kind: "navigate", to: "/sticky/b" });
    expect(pad.alive).toBe(true);
    expect(pad.find("#pad-saved")?.textContent).toBe("going to b");
    await pad.form("#pad-form").change({ note: "still here" });
    expect(pad.find("#pad-saved")?.textContent).toBe("still here");
  });

  it("a view's own layout replaces its live session's, or false renders none", async () => {
    const own = await visit(nestedRoutes, "/sticky/own");
    expect(own.staticHtml).toContain("<aside>own</aside><main><h1>Own</h1>");
    expect(own.staticHtml).not.toContain("scratchpad");
    expect(own.find("aside")?.textContent).toBe("own");
    const bare = await visit(nestedRoutes, "/sticky/bare");
    expect(bare.staticHtml).toMatch(/^<h1>Bare<\/h1>/);
    expect(bare.has("nav")).toBe(false);
    // the others still get the session's
    const a = await visit(nestedRoutes, "/sticky/a");
    expect(a.staticHtml).toMatch(/^<nav><div id="scratchpad"/);
  });

  it("refuse what cannot work: no name, a bad id, a big session, a patch, a nesting loop", async () => {
    const anonymous = defineView({ render: () => html`<p>x</p>` });
    expect(() => liveRender(anonymous, { id: "x" })).toThrow(/needs a name/);
    const Named = defineView({ name: "NestedNamed", render: () => html`<p>x</p>` });
    expect(() => liveRender(Named, { id: "1bad" })).toThrow(LagoonError);
    expect(() => liveRender(Named, { id: "ok", session: { blob: "x".repeat(5000) } })).toThrow(/session/);
    expect(() => liveRender(Named, { id: "ok", container: ["div", { onclick: "alert(1)" }] })).toThrow(/not allowed/);

    const Loop: ReturnType<typeof defineView> = defineView({
      name: "NestedLoop",
      render: () => html`<div>${liveRender(Loop, { id: "loop" })}</div>`,
    });
    await expect(visit([live("/loop", Loop)], "/loop")).rejects.toThrow(/nest at most/);
  });
});
