/**
 * The peer: a LiveViewJS 0.8.1 counter (the TypeScript LiveView implementation), served
 * by its Express adaptor with a `ws` server on /live, as its own example server does; the
 * page and the click reply carry the same counter as Lagoon's /counter. For benchmarks only;
 * `/__bench/memory` as the other bench servers have it.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { randomBytes } from "node:crypto";
import express from "express";
import session from "express-session";
import { WebSocketServer } from "ws";
import { createLiveView, html, live_title_tag, safe, type LiveViewRouter } from "liveviewjs";
import { NodeExpressLiveViewServer } from "@liveviewjs/express";
import { memoryAfterGc } from "./memory.js";

type CounterEvents = { type: "increment" } | { type: "decrement" } | { type: "reset" };

const counter = createLiveView<{ count: number }, CounterEvents>({
  mount: (socket) => {
    socket.assign({ count: 0 });
  },
  handleEvent: (event, socket) => {
    const count = socket.context.count;
    if (event.type === "increment") socket.assign({ count: count + 1 });
    else if (event.type === "decrement") socket.assign({ count: count - 1 });
    else socket.assign({ count: 0 });
  },
  render: ({ count }) => html`<main>
  <h1>Count: ${count}</h1>
  <button phx-click="decrement">-</button>
  <button phx-click="increment">+</button>
  <button phx-click="reset">Reset</button>
</main>`,
});

const router: LiveViewRouter = { "/counter": counter };
const secret = randomBytes(32).toString("hex");
const page = (title: { title?: string }, csrfToken: string, content: unknown) => html`<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="csrf-token" content="${csrfToken}" />
    ${live_title_tag(title.title ?? "Counter")}
    <script defer type="text/javascript" src="/js/index.js"></script>
  </head>
  <body>${safe(content)}</body>
</html>`;

const liveView = new NodeExpressLiveViewServer(router, page, { title: "Counter" }, { serDeSigningSecret: secret });
const app = express();
app.use((req: IncomingMessage, res: ServerResponse, next: () => void) => {
  if (req.url !== "/__bench/memory") return next();
  res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(memoryAfterGc()));
});
app.use(session({ secret, resave: false, saveUninitialized: true }));
app.use(liveView.httpMiddleware());
const server = createServer(app);
const wss = new WebSocketServer({ server, path: "/live/websocket", perMessageDeflate: false });
await liveView.wsMiddleware()(wss);
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  console.log(`PORT ${typeof address === "object" && address ? address.port : 0}`);
});
