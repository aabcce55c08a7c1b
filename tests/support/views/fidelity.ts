/**
 * Fixture views for what the official client must never be left stuck on: refused events,
 * refused form recovery, unsafe navigation targets, connect params and static tracking.
 */
import { z } from "zod";
import {
  component,
  defineComponent,
  defineView,
  event,
  EventRejected,
  html,
  live,
  liveSession,
  type Template,
} from "../../../shell/index.js";

const Knob = defineComponent<{ turns: number }>({
  name: "Knob",
  mount(socket) {
    socket.assign({ turns: 0 });
  },
  events: {
    turn: (_p, socket) => {
      socket.update("turns", (n) => n + 1);
    },
    jam: () => {
      throw new EventRejected("jammed", "the knob is jammed");
    },
  },
  render: (a) => html`<div id="knob"><span id="turns">turns: ${a.turns}</span>
  <button id="turn" phx-click="turn" phx-target=${a.myself} phx-disable-with="Turning...">Turn</button>
  <button id="jam" phx-click="jam" phx-target=${a.myself} phx-disable-with="Jamming...">Jam</button></div>`,
});

/** Every kind of refusal, each on a button with phx-disable-with, plus a form that is refused on submit. */
export const RefusalsLive = defineView<{ clicks: number; saved: string }>({
  name: "RefusalsLive",
  mount(_p, _s, socket) {
    socket.assign({ clicks: 0, saved: "" });
  },
  events: {
    click: (_p, socket) => {
      socket.update("clicks", (n) => n + 1);
    },
    reject: () => {
      throw new EventRejected("not_allowed", "you may not do that");
    },
    typed: event(z.object({ n: z.coerce.number().int() }), (p, socket) => {
      socket.assign({ clicks: p.n });
    }),
    save: (p: { title?: string }, socket) => {
      if (!p.title) throw new EventRejected("invalid", "a title is required");
      socket.assign({ saved: p.title });
    },
    hooked: () => {
      throw new EventRejected("not_allowed", "hooks are refused too");
    },
  },
  render: (a) => html`<p id="clicks">clicks: ${a.clicks}</p>
<button id="ok" phx-click="click" phx-disable-with="Clicking...">Click</button>
<button id="reject" phx-click="reject" phx-disable-with="Rejecting...">Reject</button>
<button id="invalid" phx-click="typed" phx-value-n="lots" phx-disable-with="Checking...">Invalid</button>
<button id="unknown" phx-click="no_such_event" phx-disable-with="Trying...">Unknown</button>
${component(Knob, { id: "knob" })}
<form id="save-form" phx-submit="save"><input name="title" id="title"><button id="save" phx-disable-with="Saving...">Save</button></form>
<p id="saved">saved: ${a.saved}</p>`,
});

/** Forms the client re-sends after a rejoin whose recovery the server refuses; `crash` makes it rejoin. */
export const RecoveryLive = defineView<{ qty: string; clicks: number }>({
  name: "RecoveryLive",
  mount(_p, _s, socket) {
    socket.assign({ qty: "", clicks: 0 });
  },
  events: {
    validate: event(z.object({ qty: z.coerce.number() }), (p, socket) => {
      socket.assign({ qty: String(p.qty) });
    }),
    crash: () => {
      throw new Error("crashed on purpose");
    },
    click: (_p, socket) => {
      socket.update("clicks", (n) => n + 1);
    },
  },
  render: (a) => html`<form id="typed-form" phx-change="validate"><input id="qty" name="qty" value=${a.qty}></form>
<form id="nameless-form" phx-change="not_handled"><input id="note" name="note"></form>
<p id="clicks">clicks: ${a.clicks}</p>
<button id="crash" phx-click="crash">Crash</button><button id="click" phx-click="click">Click</button>`,
});

/** Navigation targets taken from the client: each must be checked before it reaches the browser. */
export const NavigateLive = defineView<{ note: string }>({
  name: "NavigateLive",
  mount(_p, _s, socket) {
    socket.assign({ note: "" });
  },
  events: {
    redirect: (p: { to?: string }, socket) => {
      socket.putFlash("info", "Redirected");
      socket.redirect(String(p.to));
    },
    navigate: (p: { to?: string }, socket) => {
      socket.pushNavigate(String(p.to));
    },
    patch: (p: { to?: string }, socket) => {
      socket.pushPatch(String(p.to));
    },
    external: (p: { to?: string }, socket) => {
      socket.redirect(String(p.to), { external: true });
    },
  },
  render: (a) => html`<p id="note">${a.note}</p>
<button id="script" phx-click="redirect" phx-value-to="javascript:window.__pwned=1">script</button>
<button id="local" phx-click="redirect" phx-value-to="/connect">local</button>
<button id="tabbed" phx-click="redirect" phx-value-to="/	/evil.example">tabbed</button>
<button id="nav-offsite" phx-click="navigate" phx-value-to="https://evil.example/">offsite</button>`,
});

/** What a connected mount knows of the browser: its connect params (time zone) and static tracking. */
export const ConnectLive = defineView<{ zone: string; changed: boolean; mounts: string; agent: string }>({
  name: "ConnectLive",
  mount(_p, _s, socket) {
    const params = socket.connectParams;
    const zone = typeof params?.timezone === "string" ? params.timezone : "unknown";
    socket.assign({
      zone: socket.connected ? zone : "not connected",
      changed: socket.staticChanged,
      mounts: String(params?._mounts ?? ""),
      agent: socket.connectInfo?.userAgent?.includes("Chrome") ? "a Chrome" : "no",
    });
  },
  render: (a) => html`<p id="zone">time zone: ${a.zone}</p>
<p id="agent">user agent: ${a.agent}</p>
${a.changed ? html`<p id="new-version" role="alert">A new version is available — <a href="">reload</a></p>` : ""}`,
});

const layout = (inner: Template, a: { flash: Record<string, string> }) =>
  html`<div id="flash">${Object.entries(a.flash).map(([k, v]) => html`<p class=${`flash-${k}`}>${v}</p>`)}</div>${inner}`;

export const fidelityRoutes = () => [
  liveSession({ name: "fidelity", layout }, [
    live("/refusals", RefusalsLive),
    live("/recovery", RecoveryLive),
    live("/navigate", NavigateLive),
    live("/connect", ConnectLive),
  ]),
];
