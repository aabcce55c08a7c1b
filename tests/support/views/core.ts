/** Views used as fixtures by the core tests. */
import { z } from "zod";
import { component, defineComponent, defineView, event, html, live, liveSession, Router } from "../../../shell/index.js";

/** Records the order in which slow and fast events finish. */
export const OrderLive = defineView<{ log: string[] }>({
  name: "OrderLive",
  mount(_p, _s, socket) {
    socket.assign({ log: [] });
  },
  events: {
    slow: async (_p, socket) => {
      await new Promise((r) => setTimeout(r, 50));
      socket.update("log", (l) => [...l, "slow"]);
    },
    fast: (_p, socket) => {
      socket.update("log", (l) => [...l, "fast"]);
    },
    noop: () => {},
    boom: () => {
      throw new Error("handler exploded");
    },
    add: event(z.object({ n: z.coerce.number().int().max(100) }), (p, socket) => {
      socket.update("log", (l) => [...l, `add ${p.n}`]);
    }),
    hook: (p: { q?: string }) => ({ echo: p.q ?? null }),
  },
  info(message: { kind: string; text: string }, socket) {
    if (message.kind === "note") socket.update("log", (l) => [...l, message.text]);
  },
  render: (a) => html`<ol>${a.log.map((l) => html`<li>${l}</li>`)}</ol>
<p>connected: ${a.log.length >= 0 ? "yes" : ""}</p>
<button phx-click="slow">slow</button><button phx-click="fast">fast</button>`,
});

export const Card = defineComponent<{ label: string; clicks: number }>({
  name: "Card",
  mount(socket) {
    socket.assign({ clicks: 0 });
  },
  events: {
    bump: (_p, socket) => {
      socket.update("clicks", (n) => n + 1);
    },
  },
  render: (a) => html`<div class="card" id="card-${a.label}"><span>${a.label}: ${a.clicks}</span>
  <button phx-click="bump" phx-target=${a.myself}>bump ${a.label}</button></div>`,
});

export const CardsLive = defineView<{ labels: string[]; renders: number; title: string }>({
  name: "CardsLive",
  mount(_p, _s, socket) {
    socket.assign({ labels: ["a", "b"], title: "Cards", renders: 0 });
  },
  events: {
    retitle: (_p, socket) => {
      socket.assign({ title: "Cards!" });
    },
    drop: (_p, socket) => {
      socket.update("labels", (l) => l.slice(1));
    },
  },
  render: (a) => html`<h2>${a.title}</h2><div>${a.labels.map((label) => component(Card, { id: label, label }))}</div>`,
});

export const coreRouter = new Router([liveSession({ name: "core" }, [live("/order", OrderLive), live("/cards", CardsLive)])]);
