/** server/proxy.ts: what a request says about its client, believed only as far as trustProxy says. */
import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { clientAddress, isHttps, peerAddress } from "../../server/proxy.js";

/** A request from `remote` with these headers, over TLS when `encrypted`. */
const request = (remote: string | undefined, headers: Record<string, string | string[]> = {}, encrypted = false) =>
  ({ socket: { remoteAddress: remote, encrypted }, headers }) as unknown as IncomingMessage;

describe("clientAddress", () => {
  it("is the socket's peer unless a proxy is trusted, whatever X-Forwarded-For claims", () => {
    const req = request("::ffff:10.0.0.2", { "x-forwarded-for": "1.2.3.4" });
    expect(clientAddress(req)).toBe("10.0.0.2");
    expect(clientAddress(req, false)).toBe("10.0.0.2");
    expect(clientAddress(req, 0)).toBe("10.0.0.2");
    expect(clientAddress(req, -1)).toBe("10.0.0.2");
    expect(clientAddress(req, 1.5)).toBe("10.0.0.2");
  });

  it("takes the address the nth trusted proxy saw, counting from the end of the chain", () => {
    const req = request("10.0.0.2", { "x-forwarded-for": "6.6.6.6, 1.2.3.4, 10.0.0.9" });
    expect(clientAddress(req, true)).toBe("10.0.0.9");
    expect(clientAddress(req, 1)).toBe("10.0.0.9");
    expect(clientAddress(req, 2)).toBe("1.2.3.4");
    // repeated headers count as one list
    expect(clientAddress(request("10.0.0.2", { "x-forwarded-for": ["6.6.6.6", "1.2.3.4"] }), 2)).toBe("6.6.6.6");
  });

  it("falls back to the peer when the chain is shorter than the trust, or an entry is absurd", () => {
    expect(clientAddress(request("10.0.0.2", { "x-forwarded-for": "1.2.3.4" }), 3)).toBe("10.0.0.2");
    expect(clientAddress(request("10.0.0.2"), 1)).toBe("10.0.0.2");
    expect(clientAddress(request("10.0.0.2", { "x-forwarded-for": "x".repeat(65) }), 1)).toBe("10.0.0.2");
    expect(clientAddress(request(undefined))).toBe("unknown");
  });
});

describe("isHttps", () => {
  it("is true over TLS, or when a trusted proxy's last X-Forwarded-Proto says https", () => {
    expect(isHttps(request("10.0.0.2", {}, true))).toBe(true);
    expect(isHttps(request("10.0.0.2", { "x-forwarded-proto": "https" }))).toBe(false);
    expect(isHttps(request("10.0.0.2", { "x-forwarded-proto": "https" }), 1)).toBe(true);
    expect(isHttps(request("10.0.0.2", { "x-forwarded-proto": "HTTPS" }), 1)).toBe(true);
    expect(isHttps(request("10.0.0.2", { "x-forwarded-proto": "https, http" }), 1)).toBe(false);
  });
});

describe("peerAddress", () => {
  it("unwraps IPv4 clients of a dual-stack server", () => {
    expect(peerAddress("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(peerAddress("::1")).toBe("::1");
  });
});
