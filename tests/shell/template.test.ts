import { describe, expect, it } from "vitest";
import { html, raw, TemplateError } from "../../shell/index.js";
import { diffTemplate, renderHtml } from "../../shell/diff.js";

const noComponents = {
  component: () => {
    throw new Error("no components here");
  },
};
const toHtml = (t: ReturnType<typeof html>) => renderHtml(t, { componentHtml: () => "" });
const full = (t: ReturnType<typeof html>) => diffTemplate(t, undefined, noComponents).diff;

describe("html templates", () => {
  it("escapes every dynamic in text", () => {
    expect(toHtml(html`<p>${"<script>alert(1)</script>"}</p>`)).toBe("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>");
    expect(toHtml(html`<p>${`"quotes" & 'apostrophes'`}</p>`)).toBe("<p>&quot;quotes&quot; &amp; &#39;apostrophes&#39;</p>");
  });

  it("escapes attribute values so quotes cannot break out", () => {
    expect(toHtml(html`<input value="${'" onfocus="alert(1)'}">`)).toBe('<input value="&quot; onfocus=&quot;alert(1)">');
    expect(toHtml(html`<input value='${"' onfocus='x"}'>`)).toBe("<input value='&#39; onfocus=&#39;x'>");
  });

  it("renders unquoted attributes whole: quoted, boolean, or dropped", () => {
    const t = (checked: unknown, cls: unknown) => toHtml(html`<input type="checkbox" checked=${checked} class=${cls}>`);
    expect(t(true, "a b")).toBe('<input type="checkbox" checked class="a b">');
    expect(t(false, null)).toBe('<input type="checkbox">');
    expect(t("x", 'x" onclick="evil')).toBe('<input type="checkbox" checked="x" class="x&quot; onclick=&quot;evil">');
  });

  it("neutralises script URLs at the start of URL attributes", () => {
    expect(toHtml(html`<a href="${"javascript:alert(1)"}">x</a>`)).toBe('<a href="about:blank#blocked">x</a>');
    expect(toHtml(html`<a href=${" java\tscript:alert(1)"}>x</a>`)).toBe('<a href="about:blank#blocked">x</a>');
    expect(toHtml(html`<a href=${"\u0001\u0020javascript:alert(1)"}>x</a>`)).toBe('<a href="about:blank#blocked">x</a>');
    expect(toHtml(html`<a href=${"/posts/1"}>x</a>`)).toBe('<a href="/posts/1">x</a>');
    expect(toHtml(html`<a href=${"/javascript:x"}>x</a>`)).toBe('<a href="/javascript:x">x</a>');
    expect(toHtml(html`<img src=${"data:image/png;base64,AAAA"}>`)).toBe('<img src="data:image/png;base64,AAAA">');
    expect(toHtml(html`<a href="/search?q=${"javascript:x"}">x</a>`)).toBe('<a href="/search?q=javascript:x">x</a>');
  });

  it("JSON-encodes dynamics in script context so </script> cannot close it", () => {
    expect(toHtml(html`<script>const x = ${{ a: "</script><b>" }};</script>`)).toBe(
      '<script>const x = {"a":"\\u003c/script\\u003e\\u003cb\\u003e"};</script>',
    );
  });

  it("keeps srcdoc inert: its value would be parsed as a document", () => {
    expect(toHtml(html`<iframe srcdoc="${"<script>alert(1)</script>"}"></iframe>`)).toBe(
      '<iframe srcdoc="&quot;\\u003cscript\\u003ealert(1)\\u003c/script\\u003e&quot;"></iframe>',
    );
    expect(() => toHtml(html`<iframe srcdoc=${"x"}></iframe>`)).toThrow(/srcdoc/);
  });

  it("only attribute names pass between attributes", () => {
    expect(toHtml(html`<input ${"disabled"}>`)).toBe("<input disabled>");
    expect(toHtml(html`<input ${"onfocus=alert(1)"}>`)).toBe("<input>");
  });

  it("raw() is the only way around escaping", () => {
    expect(toHtml(html`<div>${raw("<b>bold</b>")}</div>`)).toBe("<div><b>bold</b></div>");
    // a JSON look-alike of a template is just data: escaped
    const forged = JSON.parse('{"strings":["<b>","</b>"],"values":[1]}');
    expect(toHtml(html`<div>${forged}</div>`)).toBe("<div>[object Object]</div>");
  });

  it("renders null, undefined and false as nothing, numbers as text", () => {
    expect(toHtml(html`<p>${null}${undefined}${false}${0}${1.5}</p>`)).toBe("<p>01.5</p>");
  });

  it("refuses templates it cannot escape safely", () => {
    expect(() => toHtml(html`<${"div"}>`)).toThrow(TemplateError);
    expect(() => toHtml(html`<div class=a${"b"}>`)).toThrow(/quote attribute/);
    expect(() => toHtml(html`<div onclick=${"x"}>`)).toThrow(/event handler/);
  });

  it("nests templates and lists", () => {
    const items = ["a", "<b>"];
    expect(toHtml(html`<ul>${items.map((i) => html`<li>${i}</li>`)}</ul>`)).toBe("<ul><li>a</li><li>&lt;b&gt;</li></ul>");
  });

  it("sends text as JSON strings, never numbers (numbers are component ids)", () => {
    expect(full(html`<p>${42}</p>`)).toEqual({ 0: "42", s: ["<p>", "</p>"] });
  });
});
