/** shell/layout-memo.ts: a layout is rendered again only when an assign it read changed; what it holds stays live. */
import { describe, expect, it } from "vitest";
import { component, defineComponent, defineView, html, live, liveRender, liveSession, type Layout } from "../../shell/index.js";
import { Router } from "../../shell/router.js";
import { visit } from "../../shell/testing/index.js";

interface A {
  count: number;
  user: string;
  other: number;
}

const Counter = defineView<A>({
  name: "Counter",
  mount: (_p, _s, socket) => void socket.assign({ count: 0, user: "ann", other: 0 }),
  events: {
    inc: (_v, socket) => void socket.update("count", (n) => n + 1),
    rename: (_v, socket) => void socket.assign("user", "bob"),
    other: (_v, socket) => void socket.update("other", (n) => n + 1),
    flash: (_v, socket) => void socket.putFlash("info", "saved"),
  },
  render: (a) => html`<p id="count">${a.count}</p><button phx-click="inc">+</button>`,
});

const Badge = defineComponent<{ id: string; n: number }>({ name: "Badge", render: (a) => html`<b id="badge">${a.n}</b>` });
const Pad = defineView({ name: "Pad", render: () => html`<textarea id="pad"></textarea>` });

function routes(layout: Layout) {
  return new Router(liveSession({ name: "s", layout }, [live("/", Counter)]));
}

describe("layouts kept while their assigns hold", () => {
  it("renders the layout again only when an assign or the flash it read changed", async () => {
    let renders = 0;
    const layout: Layout = (inner, a) => {
      renders++;
      const { user, flash } = a as unknown as A & { flash: Record<string, string> };
      return html`<header><nav><a href="/">Home</a> <span id="user">${user}</span></nav><p id="flash">${flash.info ?? ""}</p></header><main>${inner}</main>`;
    };
    const view = await visit(routes(layout), "/");
    const joined = renders;
    await view.element("button", "+").click();
    expect(view.find("#count")?.textContent).toBe("1");
    // only the inner changed: the diff is the main's, the layout was not built again
    expect(renders).toBe(joined);
    expect(JSON.stringify(view.lastDiff)).not.toContain("user");
    await view.hook("other", {});
    expect(renders).toBe(joined);
    await view.hook("rename", {});
    expect(renders).toBe(joined + 1);
    expect(view.find("#user")?.textContent).toBe("bob");
    await view.hook("flash", {});
    expect(renders).toBe(joined + 2);
    expect(view.find("#flash")?.textContent).toBe("saved");
    await view.element("button", "+").click();
    expect(view.find("#count")?.textContent).toBe("2");
    expect(view.find("#user")?.textContent).toBe("bob");
    expect(renders).toBe(joined + 2);
  });

  it("renders a layout that reads every assign at once on every change", async () => {
    let renders = 0;
    const layout: Layout = (inner, a) => {
      renders++;
      return html`<p id="keys">${Object.keys(a).length}</p>${inner}`;
    };
    const view = await visit(routes(layout), "/");
    const joined = renders;
    await view.element("button", "+").click();
    expect(renders).toBe(joined + 1);
  });

  it("keeps the live components and nested views a kept layout holds", async () => {
    const layout: Layout = (inner, a) =>
      html`<aside>${component(Badge, { id: "b", n: (a as unknown as A).user.length })}${liveRender(Pad, { id: "pad", sticky: true })}</aside><main>${inner}</main>`;
    const view = await visit(routes(layout), "/");
    await view.element("button", "+").click();
    await view.element("button", "+").click();
    expect(view.find("#count")?.textContent).toBe("2");
    // still placed on every render: not destroyed as unused
    expect(view.find("#badge")?.textContent).toBe("3");
    expect(view.findLiveChild("pad").find("#pad")).not.toBeNull();
    await view.hook("rename", {});
    expect(view.find("#badge")?.textContent).toBe("3");
    expect(view.find("#count")?.textContent).toBe("2");
  });

  it("renders every time a layout that puts its inner in a list, with the same result", async () => {
    let renders = 0;
    const layout: Layout = (inner) => {
      renders++;
      return html`<main>${[html`<section>${inner}</section>`]}</main>`;
    };
    const view = await visit(routes(layout), "/");
    const joined = renders;
    await view.element("button", "+").click();
    expect(view.find("#count")?.textContent).toBe("1");
    expect(view.html()).toContain('<main><section><p id="count">1</p>');
    expect(renders).toBe(joined + 1);
  });
});

describe("views of one page holding their layout's state once (state-intern.ts)", () => {
  it("each view's diffs stay its own when the state they share changes in one of them", async () => {
    const layout: Layout = (inner, a) => {
      const { user, flash } = a as unknown as A & { flash: Record<string, string> };
      const items = [user, "help"].map((n) => html`<li>${n}</li>`);
      return html`<header><nav><a href="/">Home</a> <span id="user">${user}</span> <ul id="menu">${items}</ul></nav><p id="flash">${flash.info ?? ""}</p></header><main>${inner}</main>`;
    };
    const router = routes(layout);
    const a = await visit(router, "/");
    const b = await visit(router, "/");
    // the same click in each: each client is sent its own count
    await a.element("button", "+").click();
    await b.element("button", "+").click();
    expect(a.find("#count")?.textContent).toBe("1");
    expect(b.find("#count")?.textContent).toBe("1");
    await a.hook("rename", {});
    expect(a.find("#user")?.textContent).toBe("bob");
    expect(b.find("#user")?.textContent).toBe("ann");
    expect(a.find("#menu")?.textContent).toBe("bobhelp");
    expect(b.find("#menu")?.textContent).toBe("annhelp");
    // b's layout is unchanged: its click sends the count alone
    await b.element("button", "+").click();
    expect(JSON.stringify(b.lastDiff)).not.toContain("ann");
    expect(b.find("#count")?.textContent).toBe("2");
    expect(a.find("#count")?.textContent).toBe("1");
    await a.hook("flash", {});
    expect(a.find("#flash")?.textContent).toBe("saved");
    expect(b.find("#flash")?.textContent).toBe("");
    // a view joining after the others changed starts from the page as mounted
    const c = await visit(router, "/");
    expect(c.find("#user")?.textContent).toBe("ann");
    await c.hook("rename", {});
    await b.hook("flash", {});
    expect(b.find("#user")?.textContent).toBe("ann");
    expect(b.find("#flash")?.textContent).toBe("saved");
    expect(c.find("#user")?.textContent).toBe("bob");
    expect(c.find("#menu")?.textContent).toBe("bobhelp");
    expect(b.find("#menu")?.textContent).toBe("annhelp");
    expect(c.find("#flash")?.textContent).toBe("");
    for (const v of [a, b, c]) expect(v.find("#count")).toBeTruthy();
  });
});
