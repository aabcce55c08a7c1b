/**
 * A flooding client in its own thread (so its sending does not slow the server's event loop
 * in the test thread): joins a view, then sends `tick` events as fast as its socket takes
 * them, keeping about 256 KiB queued, until told to stop. Reports frames sent and replies.
 */
import { parentPort, workerData } from "node:worker_threads";
import WebSocket from "ws";

const { url, cookie, origin, join, joinRef, topic, localAddress } = workerData;
const ws = new WebSocket(url, { headers: { cookie, origin }, localAddress });
let sent = 0;
let replies = 0;
let stopped = false;

ws.on("message", (data) => {
  const frame = JSON.parse(data.toString());
  if (frame[3] !== "phx_reply") return;
  if (frame[1] === joinRef) {
    parentPort.postMessage({ joined: frame[4].status });
    flood();
  } else replies++;
});
ws.on("open", () => ws.send(join));
ws.on("close", (code) => parentPort.postMessage({ closed: code, sent, replies }));

function flood() {
  if (stopped || ws.readyState !== WebSocket.OPEN) return;
  for (let batch = 0; batch < 2000 && ws.bufferedAmount < 256 * 1024; batch++) {
    ws.send(JSON.stringify([joinRef, `f${++sent}`, topic, "event", { type: "click", event: "tick", value: {} }]));
  }
  parentPort.postMessage({ sent, replies });
  // thousands per tick at most; once the server stops reading us (throttled), wait without spinning
  setTimeout(flood, 5);
}

parentPort.on("message", (message) => {
  if (message !== "stop") return;
  stopped = true;
  parentPort.postMessage({ final: true, sent, replies });
  ws.terminate();
  parentPort.close();
});
