/** Views used as fixtures by the hardening tests: echo (hostile input), crash, load. */
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { defineView, event, html, live, liveSession } from "../../../shell/index.js";

/** Marker in every fixture crash: it must reach the server log and never the wire. */
export const CRASH_SECRET = "s3cr3t-crash-detail";

/** What the fixture views saw, for assertions from the test (one module instance per test file). */
export const stats = {
  /** Connected mounts of CrashLive (join attempts that reached mount). */
  crashJoins: 0,
  /** `tick` events handled by LoadLive. */
  ticks: 0,
  /** Views terminated (leave, disconnect, navigation, crash), with the reason. */
  terminated: [] as string[],
};

/**
 * Renders one text in every HTML context a template offers (element text, quoted and whole
 * attributes, URL attributes, textarea, JSON script, title) so an XSS payload meets them all.
 */
export const EchoLive = defineView<{ text: string; seen: string; pageTitle: string }>({
  name: "EchoLive",
  mount(_p, _s, socket) {
    socket.assign({ text: "", seen: "", pageTitle: "Echo" });
  },
  handleParams(params, _url, socket) {
    if (typeof params.text === "string") socket.assign({ text: params.text, pageTitle: params.text });
  },
  events: {
    say: event(z.object({ text: z.string().max(10_000) }), (p, socket) => {
      socket.assign({ text: p.text, pageTitle: p.text });
    }),
    typed: event(z.object({ msg: z.object({ text: z.string().max(10_000) }) }), (p, socket) => {
      socket.assign({ text: p.msg.text });
    }),
    // no schema: shows what a handler receives (keys, prototype) and whether anything got polluted
    inspect: (p: Record<string, unknown>, socket) => {
      socket.assign({
        seen: JSON.stringify({
          keys: Object.keys(p).sort(),
          plainPrototype: Object.getPrototypeOf(p) === Object.prototype,
          polluted: (Object.prototype as Record<string, unknown>).polluted ?? null,
        }),
      });
    },
  },
  render: (a) => html`<section id="echo">
<p id="text">${a.text}</p>
<p id="attr" title="${a.text}">attr</p>
<p id="whole" data-echo=${a.text}>whole</p>
<a id="link" href="${a.text}">link</a>
<a id="link-whole" href=${a.text}>link</a>
<textarea id="area">${a.text}</textarea>
<button id="inspect" phx-click="inspect" phx-value-text="${a.text}">inspect</button>
<script type="application/json" id="json">${a.text}</script>
<pre id="seen">${a.seen}</pre>
<form id="echo-form" phx-change="typed"><input id="field" name="msg[text]" value="${a.text}"></form>
</section>`,
});

/**
 * Crashes on demand: `?on=mount` (every mount, so the HTTP render fails), `?on=connected-mount`
 * (only the connected one), and through events in a handler, in render, or in `info`.
 * Subscribes (connected) to `crash:<topic>`, so a test can see that an ended view was freed.
 */
export const CrashLive = defineView<{ count: number; broken: boolean }>({
  name: "CrashLive",
  mount(params, _s, socket) {
    if (socket.connected) stats.crashJoins++;
    if (params.on === "mount" || (params.on === "connected-mount" && socket.connected)) throw new Error(CRASH_SECRET);
    socket.assign({ count: 0, broken: false });
    if (socket.connected) socket.subscribe(`crash:${params.topic ?? "all"}`);
  },
  events: {
    inc: (_p, socket) => {
      socket.update("count", (n) => n + 1);
    },
    boom: () => {
      throw new Error(CRASH_SECRET);
    },
    breakRender: (_p, socket) => {
      socket.assign({ broken: true });
    },
    later: (_p, socket) => {
      socket.handle.send("boom");
    },
    away: (_p, socket) => {
      socket.pushNavigate("/load");
    },
  },
  info(message: unknown) {
    if (message === "boom") throw new Error(CRASH_SECRET);
  },
  terminate(reason) {
    stats.terminated.push(`crash:${reason}`);
  },
  render: (a) => {
    if (a.broken) throw new Error(CRASH_SECRET);
    return html`<p id="count">count: ${a.count}</p>
<button phx-click="inc">inc</button><button phx-click="boom">boom</button><button phx-click="breakRender">break</button>`;
  },
});

/**
 * Load and memory: subscribes (connected) to `load:<topic>`, where a broadcast
 * `{ size }` assigns a fresh random blob of that many bytes (a large diff to push);
 * `tick` counts events.
 */
export const LoadLive = defineView<{ seq: number; blob: string }>({
  name: "LoadLive",
  mount(params, _s, socket) {
    socket.assign({ seq: 0, blob: "" });
    if (socket.connected) socket.subscribe(`load:${params.topic ?? "all"}`);
  },
  events: {
    tick: (_p, socket) => {
      stats.ticks++;
      socket.update("seq", (n) => n + 1);
    },
  },
  info(message: { size: number }, socket) {
    socket.assign({ blob: randomBytes(Math.ceil(message.size / 2)).toString("hex") });
  },
  terminate(reason) {
    stats.terminated.push(`load:${reason}`);
  },
  render: (a) => html`<p id="seq">${a.seq}</p><pre id="blob">${a.blob}</pre>`,
});

export const hardeningRoutes = () => [
  liveSession({ name: "hardening" }, [live("/echo", EchoLive), live("/crash", CrashLive), live("/load", LoadLive)]),
];
