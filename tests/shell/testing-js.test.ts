/** The test client runs JS commands as the official client does: pushes, page changes that survive renders, focus, dispatch, navigation. */
import { describe, expect, it } from "vitest";
import { visit } from "../../shell/testing/index.js";
import { jsRouter } from "../support/views/js.js";

const style = (view: { find(s: string): { getAttribute(n: string): string | undefined } | null }, sel: string) =>
  view.find(sel)?.getAttribute("style");

describe("JS commands in the test client", () => {
  it("shows, hides and toggles in the page without a message to the server, and keeps it across renders", async () => {
    const view = await visit(jsRouter, "/js");
    const sent = view.messages.length;
    await view.element("#open-panel").click();
    expect(style(view, "#panel")).toBe("display: block");
    expect(view.messages.length).toBe(sent);

    await view.element("#rerender").click();
    expect(view.find("#renders")?.textContent).toBe("1");
    // the server rendered display: none again; the client's show is sticky
    expect(style(view, "#panel")).toBe("display: block");

    await view.element("#toggle-panel").click();
    expect(style(view, "#panel")).toBe("display: none");
    await view.element("#toggle-panel").click();
    expect(style(view, "#panel")).toBe("display: block");
  });

  it("toggles classes and attributes, sticky across renders", async () => {
    const view = await visit(jsRouter, "/js");
    await view.element("#mark").click();
    expect(view.find("#box")?.getAttribute("class")).toBe("box marked");
    expect(view.find("#mark")?.getAttribute("aria-pressed")).toBe("true");
    await view.element("#rerender").click();
    expect(view.find("#box")?.getAttribute("class")).toBe("box marked");
    expect(view.find("#mark")?.getAttribute("aria-pressed")).toBe("true");
    await view.element("#mark").click();
    expect(view.find("#box")?.getAttribute("class")).toBe("box");
    expect(view.find("#mark")?.getAttribute("aria-pressed")).toBe("false");
  });

  it("ends transitions in their final state: shown with its display, no transition classes left", async () => {
    const view = await visit(jsRouter, "/js");
    await view.element("#fancy-open").click();
    expect(style(view, "#fancy")).toBe("display: flex");
    expect(view.find("#fancy")?.getAttribute("class")).toBe("fancy");
    await view.element("#fancy-close").click();
    expect(style(view, "#fancy")).toBe("display: none");
    expect(view.find("#fancy")?.getAttribute("class")).toBe("fancy");
  });

  it("runs a push and a hide of one chain: the event with its value reaches the view, the note hides", async () => {
    const view = await visit(jsRouter, "/js");
    await view.element("#save").click();
    expect(view.find("#saves")?.textContent).toBe("saves: 2");
    expect(style(view, "#note")).toBe("display: none");
    const pushes = view.messages.filter((m) => m.kind === "reply");
    expect(pushes.length).toBeGreaterThan(0);
  });

  it("runs phx-mounted once for an element, after the join", async () => {
    const view = await visit(jsRouter, "/js");
    await view.flush();
    expect(view.find("#mounted")?.textContent).toBe("mounted: 1");
    await view.element("#rerender").click();
    expect(view.find("#mounted")?.textContent).toBe("mounted: 1");
  });

  it("records dispatches, moves focus, patches and navigates", async () => {
    const view = await visit(jsRouter, "/js");
    await view.element("#ping").click();
    expect(view.dispatched.map((d) => [d.event, d.target.id, d.detail, d.bubbles])).toEqual([["js:ping", "log", { n: 1 }, true]]);

    await view.element("#focus-name").click();
    expect(view.focused()?.id).toBe("name");

    await view.element("#tab-two").click();
    expect(view.path).toBe("/js?tab=two");
    expect(view.find("#tab")?.textContent).toBe("tab: two");

    await view.element("#go-kit").click();
    expect(view.redirected?.kind).toBe("navigate");
    expect(view.redirected?.to).toBe("/kit");
    const kit = await view.follow();
    expect(kit.find("h1")?.textContent).toBe("Kit");
  });
});
