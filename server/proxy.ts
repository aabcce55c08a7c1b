/**
 * What a request says about its client, and how far to believe it. Nothing a client sends
 * in `X-Forwarded-*` headers is trusted unless the app says a proxy sets them
 * (`trustProxy`): behind one proxy `trustProxy: 1` takes the address that proxy saw (the
 * last entry of `X-Forwarded-For`) and its `X-Forwarded-Proto`; `trustProxy: 2` goes one
 * hop further, and so on. Without it, the address is the socket's peer.
 */
import type { IncomingMessage } from "node:http";

/** How many proxies in front of the server set X-Forwarded-For/-Proto (false or 0: none). */
export type TrustProxy = boolean | number;

function hops(trust: TrustProxy | undefined): number {
  if (trust === true) return 1;
  return typeof trust === "number" && Number.isInteger(trust) && trust > 0 ? trust : 0;
}

/** The address a connection comes from; IPv4 clients of a dual-stack server appear as `::ffff:a.b.c.d`. */
export function peerAddress(remote: string | undefined): string {
  if (remote === undefined) return "unknown";
  return remote.startsWith("::ffff:") ? remote.slice(7) : remote;
}

function forwarded(req: IncomingMessage, name: string): string[] {
  const raw = req.headers[name];
  const value = Array.isArray(raw) ? raw.join(",") : raw;
  return value ? value.split(",").map((part) => part.trim()) : [];
}

/** The client's address: the socket peer, or under `trustProxy` the address the trusted proxies saw. */
export function clientAddress(req: IncomingMessage, trust?: TrustProxy): string {
  const peer = peerAddress(req.socket.remoteAddress);
  const n = hops(trust);
  if (n === 0) return peer;
  const chain = forwarded(req, "x-forwarded-for");
  // each proxy appends the address it received from: the nth from the end is the client seen by the outermost trusted one
  const address = chain[chain.length - n];
  return address && address.length <= 64 ? peerAddress(address) : peer;
}

/** The request came over https: the socket is TLS, or a trusted proxy says so (its last X-Forwarded-Proto). */
export function isHttps(req: IncomingMessage, trust?: TrustProxy): boolean {
  if ((req.socket as { encrypted?: boolean }).encrypted) return true;
  if (hops(trust) === 0) return false;
  const protos = forwarded(req, "x-forwarded-proto");
  return protos[protos.length - 1]?.toLowerCase() === "https";
}
