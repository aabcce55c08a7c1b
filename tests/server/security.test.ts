/** Safe defaults of every Lagoon app, over real HTTP and WebSocket against a fixture server. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { hostAllowed } from "../../server/ws.js";
import { localPath } from "../../shell/urls.js";
import { startFixtureServer } from "../support/fixture-server.js";
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
    const flash = server.lagoon.sessions.flashCookie({ info: "x" }, true);
    expect(flash).toContain("HttpOnly");
    expect(flash).toContain("Secure");
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
