import { describe, expect, it } from "vitest";
import { checkNavigation, UnsafeUrlError } from "../../shell/urls.js";

const here = new URL("https://app.example/todos?x=1");

describe("navigation targets", () => {
  it("accepts relative URLs and http(s) ones on this site", () => {
    for (const to of ["/", "/posts/1?sort=new#top", "?page=2", "#top", "posts", "https://app.example/login"]) {
      expect(checkNavigation("redirect", to, here)).toBe(to);
    }
    for (const to of ["/posts/1", "?page=2", "https://app.example/x"]) {
      expect(checkNavigation("navigate", to, here)).toBe(to);
      expect(checkNavigation("patch", to, here)).toBe(to);
    }
  });

  it("refuses script schemes, protocol-relative URLs, backslashes, control characters and spaces", () => {
    const unsafe = [
      "javascript:alert(1)",
      "JaVaScRiPt:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "vbscript:msgbox(1)",
      "//evil.example/",
      "/\\evil.example",
      "\\\\evil.example",
      "/\t/evil.example",
      "/\n/evil.example",
      " javascript:alert(1)",
      "java\u0000script:alert(1)",
      "/ok\u007f",
      "ftp://files.example/",
      "",
    ];
    for (const to of unsafe) {
      expect(() => checkNavigation("redirect", to, here), JSON.stringify(to)).toThrow(UnsafeUrlError);
      expect(() => checkNavigation("navigate", to, here), JSON.stringify(to)).toThrow(UnsafeUrlError);
    }
    expect(() => checkNavigation("redirect", 42 as unknown as string, here)).toThrow(UnsafeUrlError);
  });

  it("names the URL and the rule in the error", () => {
    expect(() => checkNavigation("redirect", "javascript:x", here)).toThrow(
      '"javascript:x": redirect: only http and https URLs are allowed, not javascript:',
    );
    expect(() => checkNavigation("patch", "https://evil.example/", here)).toThrow(/pushPatch stays on this site/);
  });

  it("leaves the site only through an explicit external redirect", () => {
    expect(() => checkNavigation("redirect", "https://evil.example/", here)).toThrow(/external: true/);
    expect(checkNavigation("redirect", "https://partner.example/pay", here, true)).toBe("https://partner.example/pay");
    expect(() => checkNavigation("navigate", "https://partner.example/", here, false)).toThrow(UnsafeUrlError);
    // external still means http(s), absolute and clean
    expect(() => checkNavigation("redirect", "javascript:x", here, true)).toThrow(UnsafeUrlError);
    expect(() => checkNavigation("redirect", "/local", here, true)).toThrow(/absolute/);
  });
});
