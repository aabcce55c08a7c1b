/**
 * Island props in HTML and on the wire: `</script>`, quotes and unicode survive the trip
 * through the page's state script and the join's JSON, and no value can break out of the
 * script into markup.
 */
import { describe, expect, it } from "vitest";
import { parse } from "node-html-parser";
import {} from "../../shell/index.js";
import { Router } from "../../shell/router.js";
import { visit } from "../../shell/testing/index.js";
import { pageState } from "../../islands/island-wire.js";
import { decodeValue, type Json } from "../../islands/wire-values.js";
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

/** The island's state script and server-rendered text, read back by an HTML parser. */
function readIsland(markup: string) {
  const root = parse(markup).querySelector("[data-island] > [data-island-frame] > [data-island-root]")!;
  const script = root.querySelector("script[data-island-state]");
  return {
    props: script ? decodeValue((JSON.parse(script.text) as { P: Json }).P) : undefined,
    text: root.querySelector(".echo-text")!.text,
  };
}

describe("the page's state script", () => {
  it("round-trips through the HTML parser and JSON.parse, and holds no character that ends the script or starts markup", () => {
    for (const text of [...TRICKY, "nul \u0000 and \ud83c lone surrogate"]) {
      const value = { text, list: [text], nested: { [text]: text } };
      const { json } = pageState({ P: value });
      expect(json).not.toMatch(/[<>&]/);
      const script = parse(`<script type="application/json">${json}</script>`).querySelector("script")!;
      expect(JSON.parse(script.text)).toEqual({ P: value });
    }
  });
});

describe("island props in the page", () => {
  it("survive the HTTP render and the live render unchanged", async () => {
    for (const text of TRICKY) {
      const view = await visit(router, `/echo?text=${encodeURIComponent(text)}`);
      expect(readIsland(view.staticHtml)).toEqual({ props: { text, items: ["a", "b"] }, text });
      // the join sends the state as JSON in the frame (the test client holds no page to claim)
      expect(readIsland(view.html()).text).toBe(text);
      expect(view.events).toContainEqual(["island:echo", { P: { text, items: ["a", "b"] } }]);
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
        expect(readIsland(markup).text, name).toBe(text);
      }
      expect(readIsland(view.staticHtml).props, name).toEqual({ text, items: ["a", "b"] });
      view.close();
    }
  });
});
