import { describe, expect, it } from "vitest";
import { defineView, html, live } from "../../shell/index.js";
import { visit } from "../../shell/testing/index.js";

/** One view for three routes: it branches on the route's action. */
const PostLive = defineView<{ id: string; action: string }>({
  name: "PostLive",
  handleParams(params, _url, socket) {
    socket.assign({ id: String(params.id ?? "none"), action: socket.liveAction ?? "none" });
  },
  render: (a) => html`<p id="state">${a.action} ${a.id}</p>`,
});
const Other = defineView({ render: () => html`<p>other</p>` });

const routes = [live("/posts", PostLive, "index"), live("/posts/:id", PostLive, "show"), live("/posts/:id/edit", PostLive, "edit"), live("/plain", Other)];

describe("live actions", () => {
  it("names the action of the route in the HTTP render and the connected mount", async () => {
    const view = await visit(routes, "/posts/7/edit");
    expect(view.staticHtml).toContain("edit 7");
    expect(view.find("#state")?.textContent).toBe("edit 7");
    expect(view.liveAction).toBe("edit");
  });

  it("follows patches between the view's routes", async () => {
    const view = await visit(routes, "/posts");
    expect(view.find("#state")?.textContent).toBe("index none");
    await view.patch("/posts/3");
    expect(view.find("#state")?.textContent).toBe("show 3");
    expect(view.liveAction).toBe("show");
    await view.patch("/posts/3/edit");
    expect(view.find("#state")?.textContent).toBe("edit 3");
    expect(view.liveAction).toBe("edit");
  });

  it("is undefined for a route without an action", async () => {
    const view = await visit(routes, "/plain");
    expect(view.liveAction).toBeUndefined();
  });
});
