/** Baseline: a raw `ws` echo server, same settings as Lagoon's socket. */
import { WebSocketServer } from "ws";

const wss = new WebSocketServer({ host: "127.0.0.1", port: 0, perMessageDeflate: false, maxPayload: 64 * 1024 });
wss.on("connection", (ws) => ws.on("message", (data) => ws.send(data.toString())));
wss.on("listening", () => console.log(`PORT ${(wss.address() as { port: number }).port}`));
