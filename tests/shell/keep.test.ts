/** keep(): content sent once per key, then neither rendered nor sent again. */
import { describe, expect, it } from "vitest";
import { html, keep, raw, type Template } from "../../shell/index.js";
import { diffTemplate, renderHtml, type NodeState } from "../../shell/diff.js";

const ctx = {
  component: () => {
    throw new Error("no components");
  },
};

function renders(...templates: Template[]) {
  let state: NodeState | undefined;
  return templates.map((t) => {
    const r = diffTemplate(t, state, ctx);
    state = r.state;
    return r.diff;
  });
}

describe("keep", () => {
  it("renders its content in the first render and on a key change only", () => {
    let calls = 0;
    const page = (key: string, attr: string) =>
      html`<div data-x=${attr} phx-update="ignore">${keep(key, () => {
        calls++;
        return html`<b>${key}</b>`;
      })}</div>`;
    const [first, attrOnly, same, rekeyed] = renders(page("a", "1"), page("a", "2"), page("a", "2"), page("b", "2"));
    expect(first).toEqual({ 0: ' data-x="1"', 1: { 0: "a", s: ["<b>", "</b>"] }, s: ["<div", ' phx-update="ignore">', "</div>"] });
    expect(attrOnly).toEqual({ 0: ' data-x="2"' });
    expect(same).toBeNull();
    expect(rekeyed).toEqual({ 1: { 0: "b", s: ["<b>", "</b>"] } });
    expect(calls).toBe(2);
  });

  it("is rendered again when its parent is sent whole, and inline in the HTTP render", () => {
    const inner = () => keep("k", () => raw("<i>kept</i>"));
    const [, , whole] = renders(html`<p>${inner()}</p>`, html`<p>${inner()}</p>`, html`<section>${inner()}</section>`);
    expect(whole).toEqual({ 0: "<i>kept</i>", s: ["<section>", "</section>"] });
    expect(renderHtml(html`<p>${inner()}</p>`, { componentHtml: () => "" })).toBe("<p><i>kept</i></p>");
  });

  it("is refused in attributes", () => {
    expect(() => renders(html`<p title="${keep("k", () => "x")}"></p>`)).toThrow(/keep\(\)/);
  });
});
