/**
 * The floor of a Hono server: a bare Hono app on @hono/node-server (no middleware) answering
 * each path with the fixed bytes of raw-http.ts (BENCH_PAGES). What it reaches of the raw
 * server bounds what any page rendered by a Hono app can. On any free port.
 */
import type { Server } from "node:http";
import { serve } from "@hono/node-server";
import { Hono } from "hono";

const pages = new Map(Object.entries(JSON.parse(process.env.BENCH_PAGES ?? "{}") as Record<string, string>));
const app = new Hono();
app.get("*", (c) => {
  const body = pages.get(c.req.path);
  return body === undefined ? c.notFound() : c.html(body);
});
const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info) => console.log(`PORT ${info.port}`));
(server as Server).keepAliveTimeout = 60_000;
