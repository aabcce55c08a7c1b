/** Safe defaults of every Lagoon app, over real HTTP and WebSocket against a fixture server. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { hostAllowed } from "../../server/ws.js";
import { localPath } from "../../shell/urls.js";
import { DEFAULT_SECURITY_HEADERS } from "../../server/index.js";
import { startFixtureServer, type FixtureServer } from "../support/fixture-server.js";
import { loadPage } from "../support/protocol.js";
import { coreRoutes } from "../support/views/core.js";

let server: Awaited<ReturnType<typeof startFixtureServer>>;
beforeAll(async () => {
  server = await startFixtureServer(coreRoutes());
});
afterAll(async () => {
  await server?.close();
});

describe("response headers", () => {
  it("send a CSP with a nonce, no framing by other sites, nosniff, a referrer policy, and no caching of pages", async () => {
    const res = await fetch(server.url + "/order");
    const csp = res.headers.get("content-security-policy")!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toMatch(/script-src 'self' 'nonce-[\w+/=-]+'/);
    expect(csp).toContain("frame-ancestors 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(res.headers.get("x-frame-options")).toBe("SAMEORIGIN");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    // the page's own scripts are not inline: the bundle loads under 'self'
    expect(await res.text()).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    // another request, another nonce
    expect((await fetch(server.url + "/order")).headers.get("content-security-policy")).not.toBe(csp);
  });

  it("make session and flash cookies HttpOnly and SameSite", async () => {
    const res = await fetch(server.url + "/order");
    const cookies = res.headers.getSetCookie();
    expect(cookies.find((c) => c.startsWith("_lagoon_session="))).toMatch(/HttpOnly.*SameSite=Lax|SameSite=Lax.*HttpOnly/);
    expect(cookies.find((c) => c.startsWith("_lagoon_session="))).not.toMatch(/Secure/);
    // over https the session cookie is Secure, and over http again not
    const https = await server.lagoon.app.request("https://localhost/order");
    const secure = https.headers.getSetCookie().find((c) => c.startsWith("_lagoon_session="))!;
    expect(secure).toMatch(/; Secure/);
    expect(server.lagoon.sessions.read(secure.split(";")[0])).not.toBeNull();
    const http = await server.lagoon.app.request("http://localhost/order");
    expect(http.headers.getSetCookie().find((c) => c.startsWith("_lagoon_session="))).not.toMatch(/Secure/);
    const flash = server.lagoon.sessions.flashCookie({ info: "x" }, true);
    expect(flash).toContain("HttpOnly");
    expect(flash).toContain("Secure");
  });
});

describe("security headers and cookies on every kind of response", () => {
  let own: FixtureServer | undefined;
  afterAll(async () => {
    await own?.close();
  });
  const withoutNonce = (headers: Headers) =>
    [...headers]
      .filter(
        ([name]) =>
          !["date", "content-length", "content-type", "set-cookie", "connection", "keep-alive", "transfer-encoding"].includes(name),
      )
      .map(([name, value]) => [name, value.replace(/'nonce-[^']+'/, "'nonce'")]);

  it("a live page and a route of the app's own send the same policy, and the route keeps a header it set itself", async () => {
    own = await startFixtureServer(coreRoutes(), {
      setup: (lagoon) => {
        lagoon.app.get("/own/text", (c) => c.text("plain"));
        lagoon.app.get("/own/framed", (c) => c.html("<p>framed</p>", 200, { "X-Frame-Options": "DENY" }));
        lagoon.app.get("/own/powered", (c) => c.text("x", 200, { "X-Powered-By": "PHP/4", "Content-Security-Policy": "sandbox" }));
        lagoon.app.get("/own/stream", (c) => c.body(new Blob(["chunk"]).stream(), 200, { "Content-Type": "text/plain" }));
        // an HTML response fetched and passed through as it is: its headers are immutable
        lagoon.app.get("/own/proxied", () => fetch(`${own!.url}/own/framed`));
        lagoon.app.get("/own/throws", () => {
          throw new Error("boom");
        });
        // a response whose headers cannot change (as a fetched one passed through), after a log-in
        lagoon.app.get("/own/login", (c) => {
          c.var.session.replace({ userId: 7 });
          return Response.redirect(`${own!.url}/order`, 302);
        });
      },
    });
    const page = await fetch(own.url + "/order");
    const text = await fetch(own.url + "/own/text");
    expect(withoutNonce(page.headers).length).toBeGreaterThan(8);
    expect(withoutNonce(text.headers).filter(([name]) => name !== "cache-control")).toEqual(
      withoutNonce(page.headers).filter(([name]) => name !== "cache-control"),
    );
    expect(text.headers.get("cache-control")).toBeNull();
    expect(page.headers.getSetCookie()).toHaveLength(1);
    expect(text.headers.getSetCookie()).toEqual([]);
    const framed = await fetch(own.url + "/own/framed");
    expect(framed.headers.get("x-frame-options")).toBe("DENY");
    expect(framed.headers.get("cache-control")).toBe("private, no-store");
    expect(framed.headers.get("content-security-policy")).toContain("frame-ancestors 'self'");
    // the handler's own policy wins, and what names the server's software goes
    const powered = await fetch(own.url + "/own/powered");
    expect(powered.headers.get("content-security-policy")).toBe("sandbox");
    expect(powered.headers.get("x-powered-by")).toBeNull();
    expect(powered.headers.get("x-content-type-options")).toBe("nosniff");
    // a streamed body and an error page carry the same headers
    for (const path of ["/own/stream", "/own/throws"]) {
      const res = await fetch(own.url + path);
      expect(
        withoutNonce(res.headers).filter(([name]) => name !== "cache-control"),
        path,
      ).toEqual(withoutNonce(text.headers).filter(([name]) => name !== "cache-control"));
    }
    const proxied = await fetch(own.url + "/own/proxied");
    expect(proxied.status).toBe(200);
    expect(proxied.headers.get("cache-control")).toBe("private, no-store");
    // served without Node's response (app.request, another adapter), the same again
    const fetched = await own.lagoon.app.request("/own/text");
    expect(withoutNonce(fetched.headers)).toEqual(withoutNonce(text.headers));
    const login = await fetch(own.url + "/own/login", { redirect: "manual" });
    expect(login.status).toBe(302);
    expect(login.headers.getSetCookie().find((c) => c.startsWith("_lagoon_session="))).toBeTruthy();
  });

  it("a page that sets two cookies sends both", async () => {
    const flash = server.lagoon.sessions.flashCookie({ info: "Saved" }, false).split(";")[0]!;
    const res = await fetch(server.url + "/order", { headers: { cookie: flash } });
    const cookies = res.headers.getSetCookie();
    const name = flash.split("=")[0]!;
    expect(cookies.map((c) => c.split("=")[0]).sort()).toEqual([name, "_lagoon_session"].sort());
    expect(cookies.find((c) => c.startsWith(`${name}=`))).toMatch(/Max-Age=0/);
    expect(res.headers.get("content-security-policy")).toMatch(/'nonce-[\w+/=-]+'/);
  });

  it("options computed per request apply to each request, beside the nonce", async () => {
    const custom = await startFixtureServer(coreRoutes(), {
      securityHeaders: {
        ...DEFAULT_SECURITY_HEADERS,
        contentSecurityPolicy: {
          ...DEFAULT_SECURITY_HEADERS.contentSecurityPolicy,
          imgSrc: ["'self'", (c) => `https://img.example${c.req.path}`],
        },
      },
    });
    try {
      const res = await fetch(custom.url + "/order");
      const csp = res.headers.get("content-security-policy")!;
      expect(csp).toContain("img-src 'self' https://img.example/order");
      expect(csp).toMatch(/script-src 'self' 'nonce-[\w+/=-]+'/);
      expect(res.headers.get("cache-control")).toBe("private, no-store");
      expect(res.headers.getSetCookie()).toHaveLength(1);
    } finally {
      await custom.close();
    }
  });
});

describe("the live socket's allowed hosts", () => {
  it("refuses an upgrade for a host name the app does not serve, even with a matching Origin (DNS rebinding)", async () => {
    const page = await loadPage(server.url, "/order");
    const url = `${server.url.replace("http", "ws")}/live/websocket?_csrf_token=${page.csrf}&vsn=2.0.0`;
    const status = await new Promise<number>((resolve) => {
      const ws = new WebSocket(url, {
        headers: { host: `evil.example:${server.port}`, origin: `http://evil.example:${server.port}`, cookie: page.cookie },
      });
      ws.once("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
      ws.once("open", () => (ws.close(), resolve(101)));
    });
    expect(status).toBe(403);
  });

  it("accepts loopback names and addresses by default, and exactly the names listed", () => {
    for (const host of ["localhost:3000", "127.0.0.1:3000", "[::1]:3000", "10.0.0.5", "app.localhost:80"])
      expect(hostAllowed(host, undefined), host).toBe(true);
    for (const host of ["evil.example", "localhost.evil.example", undefined])
      expect(hostAllowed(host, undefined), String(host)).toBe(false);
    expect(hostAllowed("App.Example:443", ["app.example"])).toBe(true);
    expect(hostAllowed("localhost", ["app.example"])).toBe(false);
    expect(hostAllowed("anything", ["*"])).toBe(true);
  });
});

describe("return_to and other redirect targets", () => {
  it("keep only paths of this site", () => {
    expect(localPath("/todos?x=1#top")).toBe("/todos?x=1#top");
    for (const bad of [
      "//evil.example",
      "/\t/evil.example",
      "/\n/evil.example",
      "/\\evil.example",
      "https://evil.example/",
      "javascript:x",
      "todos",
      "",
      "/a b",
    ]) {
      expect(localPath(bad), JSON.stringify(bad)).toBeNull();
    }
    expect(localPath(42)).toBeNull();
  });
});
