/** Baseline: a raw `ws` echo server (text as text, binary as binary), same socket settings as Lagoon's, with `/__bench/memory`. */
import { createServer } from "node:http";
import { WebSocketServer } from "ws";
import { memoryAfterGc } from "./memory.js";

const server = createServer((req, res) => {
  if (req.url !== "/__bench/memory") return res.writeHead(404).end();
  res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(memoryAfterGc()));
});
const wss = new WebSocketServer({ server, perMessageDeflate: false, maxPayload: 64 * 1024 });
wss.on("connection", (ws) => ws.on("message", (data, isBinary) => ws.send(isBinary ? data : data.toString())));
server.listen(0, "127.0.0.1", () => console.log(`PORT ${(server.address() as { port: number }).port}`));
