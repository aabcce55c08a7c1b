/**
 * Island props in HTML: `</script>`, quotes and unicode survive the trip through the
 * attribute, and no value can break out of it into markup.
 */
import { describe, expect, it } from "vitest";
import { parse } from "node-html-parser";
import {} from "../../shell/index.js";
import { Router } from "../../shell/router.js";
import { visit } from "../../shell/testing/index.js";
import { encodeProps } from "../../islands/render.js";
import { islandRoutes } from "../support/views/islands.js";
import { skeleton, unsafeMarkup, XSS_PAYLOADS } from "../support/xss-corpus.js";

const router = new Router(islandRoutes());

const TRICKY = [
  "</script><script>alert(1)</script>",
  `"double" 'single' \`back\``,
  "&amp; &lt; &#39; &quot;",
  "ünïcødé — 日本語 — 🌊🏝️ — \u2028\u2029",
  "<!-- --> <![CDATA[ ]]> ' onmouseover='x",
];

/** The island container's attributes and root, read back by an HTML parser. */
function readIsland(markup: string) {
  const el = parse(markup).querySelector("[data-island]")!;
  const root = el.querySelector("[data-island-root]")!;
  return {
    props: JSON.parse(el.getAttribute("data-props")!) as unknown,
    ssrProps: JSON.parse(root.getAttribute("data-ssr-props")!) as unknown,
    text: root.querySelector(".echo-text")!.text,
  };
}

describe("encodeProps", () => {
  it("round-trips through JSON.parse and holds no character that ends an attribute or starts markup", () => {
    for (const text of [...TRICKY, "nul \u0000 and \ud83c lone surrogate"]) {
      const value = { text, list: [text], nested: { [text]: text } };
      const encoded = encodeProps(value);
      expect(encoded).not.toMatch(/[<>&']/);
      expect(JSON.parse(encoded)).toEqual(value);
    }
  });
});

describe("island props in the page", () => {
  it("survive the HTTP render and the live render unchanged", async () => {
    for (const text of TRICKY) {
      const view = await visit(router, `/echo?text=${encodeURIComponent(text)}`);
      for (const markup of [view.staticHtml, view.html()]) {
        const read = readIsland(markup);
        expect(read.props).toEqual({ text, items: ["a", "b"] });
        expect(read.ssrProps).toEqual({ text, items: ["a", "b"] });
        expect(read.text).toBe(text);
      }
      view.close();
    }
  });

  it("cannot break out of the attribute or the server-rendered HTML (XSS corpus)", async () => {
    const harmless = await visit(router, "/echo?text=harmless");
    const expected = skeleton(harmless.staticHtml);
    for (const { name, text } of XSS_PAYLOADS) {
      const view = await visit(router, `/echo?text=${encodeURIComponent(text)}`);
      for (const markup of [view.staticHtml, view.html()]) {
        expect(unsafeMarkup(markup), name).toEqual([]);
        expect(skeleton(markup), name).toEqual(expected);
        expect(readIsland(markup).props, name).toEqual({ text, items: ["a", "b"] });
      }
      view.close();
    }
  });
});
