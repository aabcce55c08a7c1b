import { describe, expect, it } from "vitest";
import { component, defineComponent, defineView, html, live } from "../../shell/index.js";
import { visit } from "../../shell/testing/index.js";

/** Each call of updateMany, with the ids it got: one query for all rows, not one per row. */
const calls: string[][] = [];
const Row = defineComponent<{ rowId: string; name: string; owner: string; delayed?: string }>({
  name: "Row",
  updateMany(batch) {
    calls.push(batch.map((b) => String(b.assigns.rowId ?? b.socket.assigns.rowId)));
    const owners = new Map(batch.map((b) => [b.assigns.rowId ?? b.socket.assigns.rowId, `owner of ${b.assigns.name}`]));
    for (const { assigns, socket } of batch)
      socket.assign({ ...assigns, owner: owners.get(assigns.rowId ?? socket.assigns.rowId) ?? socket.assigns.owner });
  },
  render: (a) => html`<li id=${`row-${a.rowId}`}>${a.name}: ${a.owner}${a.delayed ? html` (${a.delayed})` : ""}</li>`,
});

/** A component that places Rows itself: its Rows are one more batch. */
const Group = defineComponent<{ gid: string; names: string[] }>({
  name: "Group",
  render: (a) => html`<ul id=${a.gid}>${a.names.map((n) => component(Row, { id: `${a.gid}-${n}`, rowId: `${a.gid}-${n}`, name: n }))}</ul>`,
});

const List = defineView<{ names: string[] }>({
  name: "UpdateManyList",
  mount(_p, _s, socket) {
    socket.assign({ names: ["a", "b", "c"] });
  },
  events: {
    rename: (_p, socket) => {
      socket.assign({ names: ["a", "B", "c"] });
    },
    later: (_p, socket) => {
      socket.sendUpdateAfter(Row, "a", { name: "a", delayed: "later" }, 20);
    },
  },
  render: (a) => html`<ul>${a.names.map((n, i) => component(Row, { id: ["a", "b", "c"][i]!, rowId: ["a", "b", "c"][i]!, name: n }))}</ul>
${component(Group, { id: "g1", gid: "g1", names: ["x", "y"] })}${component(Group, { id: "g2", gid: "g2", names: ["z"] })}`,
});

describe("updateMany and sendUpdateAfter", () => {
  it("updates every instance of a render in one call, in the HTTP render and connected", async () => {
    calls.length = 0;
    const view = await visit([live("/rows", List)], "/rows");
    expect(view.staticHtml).toContain('<li id="row-a">a: owner of a</li>');
    // the groups' rows (components a component placed) sit in their group, nothing left over
    expect(view.staticHtml).toMatch(/<ul[^>]* id="g1"[^>]*><li[^>]* id="row-g1-x"[^>]*>x: owner of x<\/li><li[^>]* id="row-g1-y"/);
    expect(view.staticHtml).toMatch(/<ul[^>]* id="g2"[^>]*><li[^>]* id="row-g2-z"[^>]*>z: owner of z<\/li><\/ul>/);
    expect(view.staticHtml).not.toContain("<!--lagoon-");
    // HTTP render, then the connected mount: the view's rows, then both groups' rows, once each
    expect(calls).toEqual([
      ["a", "b", "c"],
      ["g1-x", "g1-y", "g2-z"],
      ["a", "b", "c"],
      ["g1-x", "g1-y", "g2-z"],
    ]);
    calls.length = 0;
    await view.hook("rename", {});
    // only the one whose assigns changed
    expect(calls).toEqual([["b"]]);
    expect(view.find("#row-b")?.textContent).toBe("B: owner of B");
  });

  it("sendUpdate goes through updateMany with one instance; sendUpdateAfter waits", async () => {
    const view = await visit([live("/rows", List)], "/rows");
    calls.length = 0;
    await view.hook("later", {});
    expect(view.find("#row-a")?.textContent).toBe("a: owner of a");
    await new Promise((r) => setTimeout(r, 40));
    await view.flush();
    expect(calls).toEqual([["a"]]);
    expect(view.find("#row-a")?.textContent).toBe("a: owner of a (later)");
  });
});
