import { describe, expect, it } from "vitest";
import { defineView, html, live, liveSession } from "../../shell/index.js";
import { Router } from "../../shell/router.js";

const View = defineView({ render: () => html`<p>x</p>` });
const router = new Router([liveSession({ name: "s" }, [live("/posts/:id", View), live("/files/*", View)]), live("/", View)]);

describe("router", () => {
  it("matches path params, decoded, over the query string", () => {
    const r = router.resolve(new URL("http://h/posts/a%20b?id=other&sort=new"));
    expect(r?.route.path).toBe("/posts/:id");
    expect(r?.params).toEqual({ id: "a b", sort: "new" });
    expect(router.resolve(new URL("http://h/files/a/b"))?.params).toEqual({ "*": "a/b" });
    expect(router.resolve(new URL("http://h/posts/%E0%A4%A"))).toBeNull();
    expect(router.resolve(new URL("http://h/nope"))).toBeNull();
  });

  it("decodes query strings like form params: lists, nesting, last plain value wins", () => {
    const params = router.resolve(new URL("http://h/?tags[]=a&tags[]=b&a[b]=c&a[d][]=e&q=1&q=2"))?.params;
    expect(params).toEqual({ tags: ["a", "b"], a: { b: "c", d: ["e"] }, q: "2" });
  });

  it("drops keys that would reach a prototype", () => {
    const params = router.resolve(new URL("http://h/?__proto__[polluted]=1&a[__proto__][x]=1&constructor[prototype][y]=1&ok=1"))?.params;
    expect(params).toEqual({ a: {}, ok: "1" });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(params)).toBe(Object.prototype);
  });
});
