/** Attribute spread (attrs) and dynamicTag: escaping per attribute, refusals, and their wire form. */
import { describe, expect, it } from "vitest";
import { parse } from "node-html-parser";
import { attrs, dynamicTag, html, JS, raw, TemplateError } from "../../shell/index.js";
import { diffTemplate, renderHtml } from "../../shell/diff.js";
import { flashGroup, input, modal } from "../../components/index.js";
import { skeleton, unsafeMarkup, XSS_PAYLOADS } from "../support/xss-corpus.js";

const toHtml = (t: ReturnType<typeof html>) => renderHtml(t, { componentHtml: () => "" });
const noComponents = { component: () => 0 };

describe("attrs()", () => {
  it("renders each attribute for its context: escaped text, flags, class lists, JS, sanitized URLs", () => {
    const a = attrs({
      id: "x",
      title: `"><script>alert(1)</script>`,
      disabled: true,
      hidden: false,
      "aria-label": null,
      tabindex: 0,
      class: ["btn", false, "btn-primary", undefined],
      href: "javascript:alert(1)",
      "phx-click": JS.push("go", { value: { q: "'" } }),
    });
    expect(toHtml(html`<a ${a}>go</a>`)).toBe(
      '<a id="x" title="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;" disabled tabindex="0" class="btn btn-primary" href="about:blank#blocked" ' +
        'phx-click="[[&quot;push&quot;,{&quot;event&quot;:&quot;go&quot;,&quot;value&quot;:{&quot;q&quot;:&quot;&#39;&quot;}}]]">go</a>',
    );
  });

  it("lets a later map override an earlier one, whatever the case of the name", () => {
    expect(toHtml(html`<input ${attrs({ type: "text", Name: "a" }, { name: "b" }, null)}>`)).toBe('<input type="text" name="b">');
    expect(toHtml(html`<input ${attrs({})}>`)).toBe("<input>");
    // a long set: names past the first few are found the same way
    const many = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`data-n${i}`, String(i)]));
    const out = toHtml(html`<i ${attrs(many, { "DATA-N3": "x", "data-N25": "y", "data-new": "z" })}></i>`);
    expect(out).toContain(' DATA-N3="x" data-n4="4"');
    expect(out).toContain(' data-N25="y" data-n26="26"');
    expect(out.endsWith(' data-n29="29" data-new="z"></i>')).toBe(true);
    expect(out).not.toMatch(/data-n3="3"|data-n25="25"/i);
    expect(out.match(/ data-/gi)).toHaveLength(31);
  });

  it("refuses event handlers, srcdoc, bad names and values that are not text", () => {
    expect(() => attrs({ onclick: "alert(1)" })).toThrow(/event handler attribute "onclick"/);
    expect(() => attrs({ OnMouseOver: "x" })).toThrow(TemplateError);
    expect(() => attrs({ srcdoc: "<b>" })).toThrow(/srcdoc/);
    expect(() => attrs({ 'a"b': "x" })).toThrow(/not an attribute name/);
    expect(() => attrs({ "x y": "x" })).toThrow(/not an attribute name/);
    expect(() => attrs({ title: html`<b>` as never })).toThrow(/cannot take a template/);
    expect(() => attrs({ title: { a: 1 } as never })).toThrow(/cannot take object/);
  });

  it("passes raw() values through untouched, for trusted text only", () => {
    expect(toHtml(html`<p ${attrs({ "data-x": raw("&amp;") })}></p>`)).toBe('<p data-x="&amp;"></p>');
  });

  it("belongs between attributes: elsewhere it throws", () => {
    expect(() => toHtml(html`<p class="${attrs({ a: "b" })}"></p>`)).toThrow(/between a tag's attributes/);
    expect(() => toHtml(html`<p>${attrs({ a: "b" })}</p>`)).toThrow(/between a tag's attributes/);
  });

  it("is one dynamic on the wire, re-sent only when the rendered set changes", () => {
    const t = (disabled: boolean) => html`<button ${attrs({ type: "button", disabled })}>x</button>`;
    const first = diffTemplate(t(false), undefined, noComponents);
    expect(first.diff).toEqual({ 0: ' type="button"', s: ["<button", ">x</button>"] });
    expect(diffTemplate(t(false), first.state, noComponents).diff).toBeNull();
    expect(diffTemplate(t(true), first.state, noComponents).diff).toEqual({ 0: ' type="button" disabled' });
  });
});

describe("dynamicTag()", () => {
  it("renders the element with attributes and escaped content, one set of statics per tag name", () => {
    expect(toHtml(dynamicTag("h2", { id: "t" }, "<Title>"))).toBe('<h2 id="t">&lt;Title&gt;</h2>');
    expect(toHtml(dynamicTag("H3", attrs({ class: "x" }), html`<em>hi</em>`))).toBe('<h3 class="x"><em>hi</em></h3>');
    expect(toHtml(dynamicTag("input", { name: "q" }))).toBe('<input name="q">');
    expect(toHtml(dynamicTag("my-widget", null, "x"))).toBe("<my-widget>x</my-widget>");
    const a = diffTemplate(dynamicTag("h2", { id: "a" }, "x"), undefined, noComponents);
    const b = diffTemplate(dynamicTag("h2", { id: "b" }, "x"), a.state, noComponents);
    expect(b.diff).toEqual({ 0: ' id="b"' });
  });

  it("refuses names that are not elements, raw-text elements, and content for void elements", () => {
    expect(() => dynamicTag("script", {}, "alert(1)")).toThrow(/not an HTML element name/);
    expect(() => dynamicTag("style")).toThrow(/not an HTML element name/);
    expect(() => dynamicTag("h2 onclick=alert(1)")).toThrow(/not an HTML element name/);
    expect(() => dynamicTag("img", {}, "x")).toThrow(/takes no content/);
  });
});

describe("the XSS corpus through attrs(), JS commands and the kit", () => {
  const page = (v: string) =>
    html`<div id="root"><a id="spread" ${attrs({ title: v, href: v, "data-v": v, class: [v, "x"] })}>x</a>
<button id="js" phx-click=${JS.push("go", { value: { v } }).setAttribute("title", v, { to: "#spread" })}>x</button>
${dynamicTag("h2", { title: v }, v)}${input({ name: "q", label: v, value: v })}${modal({ id: "m", title: v }, v)}${flashGroup({ info: v })}</div>`;
  const baseline = renderHtml(page("harmless text"), { componentHtml: () => "" });

  it(`renders ${XSS_PAYLOADS.length} payloads inert, each value intact where it belongs`, () => {
    for (const { name, text } of XSS_PAYLOADS) {
      const rendered = renderHtml(page(text), { componentHtml: () => "" });
      expect(unsafeMarkup(rendered), name).toEqual([]);
      expect(skeleton(rendered), name).toEqual(skeleton(baseline));
      const root = parse(rendered);
      expect(root.querySelector("#spread")!.getAttribute("title"), name).toBe(text);
      expect(root.querySelector("#spread")!.getAttribute("data-v"), name).toBe(text);
      const ops = JSON.parse(root.querySelector("#js")!.getAttribute("phx-click")!);
      expect(ops[0][1].value.v, name).toBe(text);
      expect(ops[1][1].attr[1], name).toBe(text);
      expect(root.querySelector("h2")!.text, name).toBe(text);
      expect(root.querySelector("#q")!.getAttribute("value"), name).toBe(text);
      expect(root.querySelector("#m-title")!.text, name).toBe(text);
      expect(root.querySelector("#flash-group-info p")!.text, name).toBe(text);
    }
  });
});
