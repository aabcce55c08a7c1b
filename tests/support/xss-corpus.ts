/**
 * XSS payloads and the checks that they rendered inert, for every test that renders user
 * data: the template layer, fixture views, and the demo's todo titles, chat messages and
 * names. A payload that runs calls `window.__xss(name)` (installed by `watchXss`), so a
 * browser test sees exactly which one got through.
 *
 *   for (const { name, text } of XSS_PAYLOADS) { ...render text...; expect(unsafeMarkup(html)).toEqual([]); }
 */
import { parse, type HTMLElement } from "node-html-parser";
import type { Page } from "playwright-core";

export interface XssPayload {
  readonly name: string;
  readonly text: string;
}

const hit = (name: string) => `window.__xss('${name}')`;

export const XSS_PAYLOADS: readonly XssPayload[] = [
  { name: "script", text: `<script>${hit("script")}</script>` },
  { name: "script-upper", text: `<SCRIPT>${hit("script-upper")}</SCRIPT>` },
  { name: "script-src", text: `<script src="data:text/javascript,${hit("script-src")}"></script>` },
  { name: "img-onerror", text: `<img src=x onerror="${hit("img-onerror")}">` },
  { name: "svg-onload", text: `<svg onload=${hit("svg-onload")}>` },
  { name: "body-onload", text: `<body onload=${hit("body-onload")}>` },
  { name: "details-ontoggle", text: `<details open ontoggle=${hit("details-ontoggle")}>` },
  { name: "iframe-srcdoc", text: `<iframe srcdoc="<script>parent.${hit("iframe-srcdoc")}</script>"></iframe>` },
  { name: "js-url", text: `javascript:${hit("js-url")}` },
  { name: "js-url-mixed-case", text: ` JaVaScRiPt:${hit("js-url-mixed-case")}` },
  { name: "js-url-tab", text: `java\tscript:${hit("js-url-tab")}` },
  { name: "js-url-newline", text: `\njavascript:${hit("js-url-newline")}` },
  { name: "js-url-entity", text: `javascript&colon;${hit("js-url-entity")}` },
  { name: "data-html-url", text: `data:text/html,<script>${hit("data-html-url")}</script>` },
  { name: "vbscript-url", text: `vbscript:msgbox(1)` },
  { name: "dq-breakout", text: `" onmouseover="${hit("dq-breakout")}" autofocus onfocus="${hit("dq-breakout")}` },
  { name: "sq-breakout", text: `' autofocus onfocus='${hit("sq-breakout")}' x='` },
  { name: "unquoted-breakout", text: `x autofocus onfocus=${hit("unquoted-breakout")}` },
  { name: "tag-breakout", text: `"><img src=x onerror=${hit("tag-breakout")}>` },
  { name: "close-script", text: `</script><script>${hit("close-script")}</script>` },
  { name: "close-textarea", text: `</textarea><img src=x onerror=${hit("close-textarea")}>` },
  { name: "close-title", text: `</title><img src=x onerror=${hit("close-title")}>` },
  { name: "close-comment", text: `--><img src=x onerror=${hit("close-comment")}>` },
  { name: "entities", text: `&lt;img src=x onerror=${hit("entities")}&gt; &amp; &#60;b&#62;` },
  { name: "template-syntax", text: "${" + hit("template-syntax") + "}{{constructor.constructor('" + hit("template-syntax") + "')()}}" },
  { name: "phx-binding", text: `<button phx-click="boom" phx-value-x="1">x</button><a href="/" data-phx-link="redirect">l</a>` },
  { name: "json-separators", text: "\u2028\u2029</script><!--<script>" },
  { name: "nul-byte", text: `<scr\u0000ipt>${hit("nul-byte")}</script>` },
  { name: "style-url", text: `<style>*{background:url("javascript:${hit("style-url")}")}</style>` },
  { name: "meta-refresh", text: `<meta http-equiv="refresh" content="0;url=javascript:${hit("meta-refresh")}">` },
  { name: "form-action", text: `<form action="javascript:${hit("form-action")}"><button>x</button></form>` },
  { name: "object-data", text: `<object data="javascript:${hit("object-data")}"></object>` },
  { name: "svg-style-confusion", text: `<svg><style><img src=x onerror=${hit("svg-style-confusion")}></style></svg>` },
  { name: "noscript-mutation", text: `<noscript><p title="</noscript><img src=x onerror=${hit("noscript-mutation")}>">` },
  { name: "math-mutation", text: `<math><mtext><table><mglyph><style><img src=x onerror=${hit("math-mutation")}>` },
  { name: "base-href", text: `<base href="javascript:${hit("base-href")}//">` },
  { name: "long", text: `<img src=x onerror=${hit("long")}>`.repeat(200) },
];

const URL_ATTRIBUTES = new Set(["href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "cite", "codebase"]);
const ACTIVE_ELEMENTS = new Set(["iframe", "frame", "object", "embed", "base", "applet", "frameset"]);
// what the browser ignores in a URL before reading its scheme
const URL_NOISE = /[\u0000-\u0020\u007f]/g;

/**
 * Markup in `html` that could run script: script elements (other than JSON data), active
 * elements, on* attributes, srcdoc, meta refresh, and script-scheme URLs. Empty when inert.
 * Check a view's container, not a whole document (the page's own bundle script is fine).
 */
export function unsafeMarkup(html: string): string[] {
  const problems: string[] = [];
  for (const el of parse(html, { comment: false }).querySelectorAll("*")) {
    const tag = el.tagName.toLowerCase();
    if (tag === "script" && (el.getAttribute("type") ?? "").toLowerCase() !== "application/json") problems.push("<script>");
    if (ACTIVE_ELEMENTS.has(tag)) problems.push(`<${tag}>`);
    if (tag === "meta" && el.getAttribute("http-equiv") !== undefined) problems.push("<meta http-equiv>");
    for (const [name, value] of Object.entries(el.attributes)) {
      const attr = name.toLowerCase();
      if (attr.startsWith("on")) problems.push(`${tag}[${attr}]`);
      if (attr === "srcdoc") problems.push(`${tag}[srcdoc]`);
      const probe = value.replace(URL_NOISE, "").toLowerCase();
      if (URL_ATTRIBUTES.has(attr) && /^(javascript|vbscript|data):/.test(probe) && !/^data:image\//.test(probe)) {
        problems.push(`${tag}[${attr}=${value.slice(0, 30)}]`);
      }
      if (attr === "style" && /javascript:|expression\(/i.test(value)) problems.push(`${tag}[style]`);
    }
  }
  return problems;
}

/**
 * The element skeleton of `html`: tag and attribute names of every element, in order.
 * Rendering a payload must give the same skeleton as rendering harmless text: injected
 * markup would add elements or attributes.
 */
export function skeleton(html: string): string[] {
  return parse(html, { comment: false })
    .querySelectorAll("*")
    .map((el: HTMLElement) => `${el.tagName.toLowerCase()}[${Object.keys(el.attributes).sort().join(",")}]`);
}

/**
 * Records payloads that ran in `page` (they call `window.__xss(name)`), across navigations,
 * and any dialog. Call before the first navigation; `hits()` should stay `[]`.
 */
export async function watchXss(page: Page): Promise<{ hits: () => string[] }> {
  const hits: string[] = [];
  page.on("dialog", (d) => {
    hits.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  await page.exposeFunction("__xss", (name: unknown) => {
    hits.push(String(name));
  });
  return { hits: () => [...hits] };
}
