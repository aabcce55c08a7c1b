/**
 * A Lagoon with one view taking uploads of up to ten files as large as 256 MiB (its handler only
 * counts the bytes), under the default socket limits as an app has them, `/__bench/memory`, and `/__bench/peak`: the largest RSS sampled
 * every 5 ms since the last `?reset` (which answers the RSS then).
 */
import { randomBytes } from "node:crypto";
import { consumeUploadedEntries, defineView, html, live, liveFileInput, liveSession, type Uploads } from "../../shell/index.js";
import { createLagoon } from "../../server/index.js";
import { memoryAfterGc } from "./memory.js";

const UploadBench = defineView<{ uploads: Uploads<"file">; received: number }>({
  name: "UploadBench",
  mount(_p, _s, socket) {
    socket.assign({ received: 0 });
    socket.allowUpload("file", { accept: "any", maxFileSize: 256 * 1024 * 1024, maxEntries: 10 });
  },
  events: {
    validate: () => {},
    save: async (_p, socket) => {
      const sizes = await consumeUploadedEntries(socket, "file", (file) => file.size);
      socket.assign({ received: sizes.reduce((a, b) => a + b, 0) });
    },
  },
  render: (a) =>
    html`<form id="f" phx-change="validate" phx-submit="save">${liveFileInput(a.uploads.file)}</form><p id="received">${a.received}</p>`,
});

const lagoon = createLagoon({
  routes: [liveSession({ name: "bench" }, [live("/upload", UploadBench)])],
  secret: randomBytes(32).toString("hex"),
});
let peak = 0;
setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 5).unref();
lagoon.app.get("/__bench/memory", (c) => c.json(memoryAfterGc()));
// ?reset: starts over from the RSS now, and answers it
lagoon.app.get("/__bench/peak", (c) => {
  if (c.req.query("reset") !== undefined) peak = process.memoryUsage.rss();
  return c.json({ rss: peak });
});
const { port } = await lagoon.listen({ port: 0, hostname: "127.0.0.1" });
console.log(`PORT ${port}`);
