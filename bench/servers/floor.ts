/**
 * The floor of any LiveView server on this socket: parses each frame and answers a click's
 * reply of the same shape (`{"diff":{"0":{"0":"<n>"}}}`), nothing else. A server cannot
 * answer the protocol with less work, so it bounds what a ratio to the echo can reach.
 */
import { createServer } from "node:http";
import { WebSocketServer } from "ws";

const server = createServer((_req, res) => res.writeHead(404).end());
const wss = new WebSocketServer({ server, perMessageDeflate: false, maxPayload: 64 * 1024 });
let count = 0;
wss.on("connection", (ws) =>
  ws.on("message", (data) => {
    const [joinRef, ref, topic] = JSON.parse(data.toString()) as [string, string, string];
    ws.send(JSON.stringify([joinRef, ref, topic, "phx_reply", { status: "ok", response: { diff: { 0: { 0: String(++count) } } } }]));
  }),
);
server.listen(0, "127.0.0.1", () => console.log(`PORT ${(server.address() as { port: number }).port}`));
