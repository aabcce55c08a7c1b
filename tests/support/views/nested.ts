/** Fixture views for nested and sticky live views and lifecycle hooks. */
import { EventRejected, defineView, html, liveRender, liveSession, live, type ViewSocket } from "../../../shell/index.js";

/** A child with its own state: counts from the session it was given, talks to its parent and over PubSub. */
export const Counter = defineView<{ count: number; heard: string }>({
  name: "NestedCounter",
  mount(_params, session, socket) {
    socket.assign({ count: Number(session.start ?? 0), heard: "" });
    if (socket.connected) socket.subscribe("nested:fixture");
  },
  events: {
    tick: (_p, socket) => {
      socket.update("count", (n) => n + 1);
    },
    tell: (_p, socket) => {
      socket.parent?.send({ kind: "child-said", text: `count is ${socket.assigns.count}` });
    },
    boom: () => {
      throw new Error("child exploded");
    },
  },
  info(message: { kind: string; text: string }, socket) {
    if (message.kind === "shout") socket.assign({ heard: message.text });
  },
  render: (a) => html`<p id="child-count">child ${a.count}</p>
<p id="child-heard">${a.heard}</p>
<button id="tick" phx-click="tick">tick</button><button id="tell" phx-click="tell">tell</button><button id="boom" phx-click="boom">boom</button>`,
});

export const Parent = defineView<{ n: number; show: boolean; said: string; start: number }>({
  name: "NestedParent",
  mount(_params, _session, socket) {
    socket.assign({ n: 0, show: true, said: "", start: 5 });
  },
  events: {
    inc: (_p, socket) => {
      socket.update("n", (n) => n + 1);
    },
    toggle: (_p, socket) => {
      socket.update("show", (s) => !s);
    },
    restart: (_p, socket) => {
      socket.update("start", (s) => s + 10);
    },
    shout: (_p, socket) => {
      socket.broadcast("nested:fixture", { kind: "shout", text: "hello child" });
    },
  },
  info(message: { kind: string; text: string }, socket) {
    if (message.kind === "child-said") socket.assign({ said: message.text });
  },
  render: (a) => html`<p id="parent-n">parent ${a.n}</p>
<p id="said">${a.said}</p>
<button id="inc" phx-click="inc">inc</button><button id="toggle" phx-click="toggle">toggle</button><button id="shout" phx-click="shout">shout</button>
${a.show ? liveRender(Counter, { id: "counter", session: { start: a.start }, container: ["section", { class: "child" }] }) : ""}`,
});

/** A sticky scratchpad in a layout: kept across live navigation within the session. */
export const Pad = defineView<{ note: string }>({
  name: "NestedPad",
  mount(_p, _s, socket) {
    socket.assign({ note: "" });
  },
  events: {
    save: (p: { note?: string }, socket) => {
      socket.assign({ note: String(p.note ?? "") });
    },
    go: (_p, socket) => {
      socket.assign({ note: "going to b" }).pushNavigate("/sticky/b");
    },
  },
  render: (a) =>
    html`<form id="pad-form" phx-change="save"><textarea name="note">${a.note}</textarea></form><p id="pad-saved">${a.note}</p><button id="pad-go" phx-click="go">b</button>`,
});

const Page = (title: string) =>
  defineView({
    name: `NestedPage${title}`,
    render: () => html`<h1>${title}</h1><a href="/sticky/b" data-phx-link="redirect" data-phx-link-state="push">to b</a>`,
  });

/** Hooks a live session attaches in onMount: the active nav item, an authorization check, layout events, analytics. */
function hooks(_params: unknown, _session: unknown, socket: ViewSocket<any>) {
  socket.assign({ active: "", seen: [] as string[], renders: 0, sidebar: false });
  socket.attachHook("active-nav", "handleParams", (_p, url, s) => {
    s.assign({ active: url.pathname });
  });
  socket.attachHook("guard", "handleEvent", (event, params, s) => {
    if (event === "toggle-sidebar") {
      s.update("sidebar", (open: boolean) => !open);
      return "halt";
    }
    if (event === "ping") return { reply: { pong: params.n ?? null } };
    if (event === "delete" && s.assigns.role !== "admin") throw new EventRejected("forbidden", "only admins may delete");
    s.update("seen", (seen: string[]) => [...seen, event]);
    return "cont";
  });
  socket.attachHook("muffle", "handleInfo", (message) => (message === "secret" ? "halt" : "cont"));
  socket.attachHook("count-renders", "afterRender", (s) => {
    s.assign({ renders: s.assigns.renders + 1 });
  });
}

export const Hooked = defineView<{ active: string; seen: string[]; renders: number; sidebar: boolean; log: string[]; role?: string }>({
  name: "Hooked",
  mount(_p, session, socket) {
    socket.assign({ log: [], role: typeof session.role === "string" ? session.role : undefined });
  },
  events: {
    delete: (_p, socket) => {
      socket.update("log", (l) => [...l, "deleted"]);
    },
    note: (_p, socket) => {
      socket.update("log", (l) => [...l, "noted"]);
    },
    unhook: (_p, socket) => {
      socket.detachHook("guard", "handleEvent");
    },
    again: (_p, socket) => {
      socket.attachHook("active-nav", "handleParams", () => {});
    },
  },
  info(message: string, socket) {
    socket.update("log", (l) => [...l, `info ${message}`]);
  },
  render: (a) => html`<p id="active">${a.active}</p><p id="seen">${a.seen.join(",")}</p><p id="log">${a.log.join(",")}</p>
<p id="sidebar">${a.sidebar ? "open" : "closed"}</p><p id="renders">${a.renders}</p>
<button id="toggle-sidebar" phx-click="toggle-sidebar">sidebar</button><button id="note" phx-click="note">note</button><button id="delete" phx-click="delete">delete</button>
<a id="to-settings" href="/hooked/settings" data-phx-link="patch" data-phx-link-state="push">settings</a>`,
});

export const nestedRoutes = [
  live("/nested", Parent),
  liveSession({ name: "hooked", onMount: hooks }, [live("/hooked", Hooked), live("/hooked/:tab", Hooked)]),
  liveSession(
    {
      name: "sticky",
      layout: (inner) => html`<nav>${liveRender(Pad, { id: "scratchpad", sticky: true })}</nav><main>${inner}</main>`,
    },
    [
      live("/sticky/a", Page("A")),
      live("/sticky/b", Page("B")),
      // a view's own layout over the session's: none (a full-screen page), or one without the sticky pad
      live("/sticky/bare", defineView({ name: "NestedPageBare", layout: false, render: () => html`<h1>Bare</h1>` })),
      live(
        "/sticky/own",
        defineView({
          name: "NestedPageOwn",
          layout: (inner) => html`<aside>own</aside><main>${inner}</main>`,
          render: () => html`<h1>Own</h1>`,
        }),
      ),
    ],
  ),
];
