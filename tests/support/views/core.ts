/** Views used as fixtures by the core tests. */
import { z } from "zod";
import {
  component,
  defineComponent,
  defineView,
  event,
  html,
  live,
  liveSession,
  type Template,
  type LiveStream,
} from "../../../shell/index.js";
import { Router } from "../../../shell/router.js";

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

/** A stream fed by events: append, prepend, delete, reset. */
interface Item {
  id: number;
  text: string;
}

export const FeedLive = defineView<{ next: number; streams: { items: LiveStream<Item> } }>({
  name: "FeedLive",
  mount(_p, _s, socket) {
    socket.assign({ next: 3 });
    socket.stream("items", [
      { id: 1, text: "one" },
      { id: 2, text: "two" },
    ]);
  },
  events: {
    append: (_p, socket) => {
      const id = socket.assigns.next;
      socket.assign({ next: id + 1 }).streamInsert("items", { id, text: `item ${id}` });
    },
    prepend: (_p, socket) => {
      const id = socket.assigns.next;
      socket.assign({ next: id + 1 }).streamInsert("items", { id, text: `item ${id}` }, { at: 0 });
    },
    remove: (p: { id: string }, socket) => {
      socket.streamDelete("items", `items-${p.id}`);
    },
    reset: (_p, socket) => {
      socket.stream("items", [{ id: 100, text: "fresh" }], { reset: true });
    },
  },
  render: (a) => html`<ul id="items" phx-update="stream">${a.streams.items.map(
    (item, id) => html`<li id=${id}>${item.text} <button phx-click="remove" phx-value-id=${item.id}>x</button></li>`,
  )}</ul>
<button phx-click="append">append</button><button phx-click="prepend">prepend</button><button phx-click="reset">reset</button>`,
});

/**
 * Navigation: patch keeps state, navigate mounts another view, flash crosses navigate; a
 * link into another live session (/elsewhere) is a page load.
 */
export const NavLive = defineView<{ sort: string; clicks: number; pageTitle: string }>({
  name: "NavLive",
  mount(_p, _s, socket) {
    socket.assign({ clicks: 0, sort: "none", pageTitle: "Nav" });
  },
  handleParams(params, _url, socket) {
    socket.assign({ sort: String(params.sort ?? "none"), pageTitle: `Nav ${params.sort ?? "none"}` });
  },
  events: {
    click: (_p, socket) => {
      socket.update("clicks", (n) => n + 1);
    },
    go: (_p, socket) => {
      socket.putFlash("info", "Welcome over");
      socket.pushNavigate("/cards");
    },
    patch: (_p, socket) => {
      socket.pushPatch("/nav?sort=pushed");
    },
  },
  render: (a) => html`<p id="sort">sort: ${a.sort}</p><p id="clicks">clicks: ${a.clicks}</p>
<a href="/nav?sort=asc" data-phx-link="patch" data-phx-link-state="push">asc</a>
<a href="/order" data-phx-link="redirect" data-phx-link-state="push">to order</a>
<a href="/elsewhere" data-phx-link="redirect" data-phx-link-state="push">elsewhere</a>
<button phx-click="click">click</button><button phx-click="go">go</button><button phx-click="patch">patch</button>`,
});

const flashLayout = (inner: Template, a: { flash: Record<string, string> }) =>
  html`<div id="flash">${Object.entries(a.flash).map(([k, v]) => html`<p class="flash-${k}" phx-click="lv:clear-flash" phx-value-key=${k}>${v}</p>`)}</div>${inner}`;

/** The one view of a second live session. */
export const ElsewhereLive = defineView({ name: "ElsewhereLive", render: () => html`<h1>Elsewhere</h1>` });

export const coreRoutes = () => [
  liveSession({ name: "core", layout: flashLayout }, [
    live("/order", OrderLive),
    live("/cards", CardsLive),
    live("/feed", FeedLive),
    live("/nav", NavLive),
  ]),
  liveSession({ name: "elsewhere" }, [live("/elsewhere", ElsewhereLive)]),
];
export const coreRouter = new Router(coreRoutes());
