/**
 * shell/navigation.ts through the test client: patches (links, back and forward, and the
 * server's pushPatch) run handleParams on the same view; pushNavigate leaves with the flash
 * sealed for the next mount; a patch to another view, or patches without end, are bugs
 * that end the view instead of sending the browser anywhere.
 */
import { describe, expect, it, vi } from "vitest";
import { defineView, html, live, liveSession } from "../../shell/index.js";
import { visit } from "../../shell/testing/index.js";
import { coreRoutes } from "../support/views/core.js";

const text = (view: { find(s: string): { textContent: string } | null }, selector: string) => view.find(selector)?.textContent;

describe("patches", () => {
  it("a patch link runs handleParams on the same view, which keeps its state", async () => {
    const view = await visit(coreRoutes(), "/nav");
    await view.element("button", "click").click();
    await view.element("a", "asc").click();
    expect(view.path).toBe("/nav?sort=asc");
    expect(text(view, "#sort")).toBe("sort: asc");
    expect(text(view, "#clicks")).toBe("clicks: 1");
    expect(view.title).toBe("Nav asc");
    // back, as the browser's history sends it
    await view.patch("/nav");
    expect(text(view, "#sort")).toBe("sort: none");
    expect(text(view, "#clicks")).toBe("clicks: 1");
  });

  it("pushPatch from a handler changes the URL the same way", async () => {
    const view = await visit(coreRoutes(), "/nav");
    await view.element("button", "patch").click();
    expect(view.path).toBe("/nav?sort=pushed");
    expect(text(view, "#sort")).toBe("sort: pushed");
    expect(view.redirected).toBeUndefined();
  });

  it("socket.url is the URL patched to, and changing the copy it gives changes nothing", async () => {
    const seen: string[] = [];
    const UrlLive = defineView<{ q: string }>({
      name: "UrlLive",
      mount(_p, _s, socket) {
        socket.assign({ q: "" });
      },
      handleParams(params, url, socket) {
        url.searchParams.set("q", "changed by the view");
        socket.url.searchParams.set("q", "changed again");
        seen.push(socket.url.search);
        socket.assign({ q: String(params.q ?? "") });
      },
      events: {
        where: (_p, socket) => {
          seen.push(socket.url.pathname + socket.url.search);
        },
      },
      render: (a) => html`<p id="q">${a.q}</p><button phx-click="where">where</button>`,
    });
    const view = await visit([liveSession({ name: "urls" }, [live("/url", UrlLive)])], "/url?q=a");
    await view.patch("/url?q=b");
    await view.element("button", "where").click();
    expect(seen.slice(-2)).toEqual(["?q=b", "/url?q=b"]);
    expect(text(view, "#q")).toBe("b");
  });

  it("a client patch to another view is answered with a navigation instead", async () => {
    const view = await visit(coreRoutes(), "/nav");
    await view.patch("/order");
    expect(view.redirected).toMatchObject({ kind: "navigate", to: "/order" });
  });
});

describe("leaving", () => {
  it("pushNavigate carries the flash to the next view, where a click clears it", async () => {
    const view = await visit(coreRoutes(), "/nav");
    await view.element("button", "go").click();
    expect(view.redirected).toMatchObject({ kind: "navigate", to: "/cards", flash: { info: "Welcome over" } });
    const next = await view.follow();
    expect(text(next, "#flash .flash-info")).toBe("Welcome over");
    await next.element("#flash .flash-info").click();
    expect(next.find("#flash .flash-info")).toBeNull();
  });
});

describe("navigation bugs", () => {
  /** /loop patches itself in handleParams for ever; its `away` event patches to another view. */
  const LoopLive = defineView<{ n: number }>({
    name: "LoopLive",
    mount(_p, _s, socket) {
      socket.assign({ n: 0 });
    },
    handleParams(params, _url, socket) {
      const n = Number(params.n ?? 0);
      socket.assign({ n });
      if (params.loop === "1" && socket.connected) socket.pushPatch(`/loop?loop=1&n=${n + 1}`);
    },
    events: {
      away: (_p, socket) => {
        socket.pushPatch("/other");
      },
    },
    render: (a) => html`<p id="n">${a.n}</p><button phx-click="away">away</button>`,
  });
  const OtherLive = defineView({ render: () => html`<p>other</p>` });
  const routes = [liveSession({ name: "loops" }, [live("/loop", LoopLive), live("/other", OtherLive)])];

  it("end the view, bounded, without sending the browser anywhere", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const said = () => logged.mock.calls.map((args) => args.map((a) => (a instanceof Error ? a.message : String(a))).join(" ")).join("\n");
    const away = await visit(routes, "/loop");
    await away
      .element("button", "away")
      .click()
      .catch(() => {});
    expect(away.crashed).toBe(true);
    expect(away.redirected).toBeUndefined();
    expect(said()).toContain('pushPatch("/other") must point to this same view');

    const looping = await visit(routes, "/loop");
    await looping.patch("/loop?loop=1").catch(() => {});
    expect(looping.crashed).toBe(true);
    expect(JSON.stringify(looping.messages)).not.toMatch(/"live_patch"/);
    expect(said()).toContain("too many patches");
  });
});
