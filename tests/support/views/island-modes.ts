/**
 * Fixture views for islands' load modes, failures and navigation, around the fixture app's
 * Clicker, Glitch, Navigator, WindowSize and ColorDepth (client-only) islands.
 */
import { defineView, html, live, liveSession, type ViewSocket } from "../../../shell/index.js";
import { island, loadIslands, type Load } from "../../../islands/index.js";
import { Clicker } from "../app/islands/clicker.contract.js";
import { Glitch } from "../app/islands/glitch.contract.js";
import { Navigator } from "../app/islands/navigator.contract.js";
import { ColorDepth } from "../app/islands/color-depth.contract.js";
import { WindowSize } from "../app/islands/window-size.contract.js";

// registered for server rendering, as a server does on start
await loadIslands(new URL("../app/islands/", import.meta.url));

/** `?load=` names a mode; the object forms get a fixed argument. */
export const LOADS: Readonly<Record<string, Load>> = {
  eager: "eager",
  idle: "idle",
  visible: "visible",
  interaction: "interaction",
  only: "only",
  "idle-timeout": { mode: "idle", timeout: 50 },
  "visible-margin": { mode: "visible", rootMargin: "0px 0px 6000px" },
  media: { mode: "media", query: "(min-width: 1000px)" },
};

interface Bumps {
  bumps: number;
}

const bump = {
  bump: (_p: unknown, socket: ViewSocket<Bumps>) => {
    socket.update("bumps", (n) => n + 1);
  },
};

/** /modes?load=…&far=1: a Clicker loaded as asked, below a spacer taller than the viewport with `far`. */
export const ModesLive = defineView<Bumps & { load: string; far: boolean }>({
  name: "ModesLive",
  mount(_params, _session, socket) {
    socket.assign({ bumps: 0, load: "eager", far: false });
  },
  handleParams(params, _url, socket) {
    socket.assign({ load: Object.hasOwn(LOADS, String(params.load)) ? String(params.load) : "eager", far: params.far === "1" });
  },
  events: bump,
  render: (a) => html`<main>
  <h1 id="modes">Modes: ${a.load}</h1>
  <button phx-click="bump">bump</button> <output id="bumps">${a.bumps}</output>
  <div id="spacer" style=${a.far ? "height: 4000px" : "height: 0"}></div>
  ${island(Clicker, { id: "clicker", props: { label: `Loaded ${a.load}` }, load: LOADS[a.load] })}
</main>`,
});

/**
 * /client-only: the WindowSize island, which only the browser renders (the server never
 * imports its module): once at once, once when it scrolls into view, far below; and
 * ColorDepth, client-only by its contract's `load: "only"`.
 */
export const ClientOnlyLive = defineView<Bumps>({
  name: "ClientOnlyLive",
  mount(_params, _session, socket) {
    socket.assign({ bumps: 0 });
  },
  events: bump,
  render: (a) => html`<main>
  <button phx-click="bump">bump</button> <output id="bumps">${a.bumps}</output>
  ${island(WindowSize, { id: "size", props: { title: "This window" } })}
  ${island(ColorDepth, { id: "depth", props: { title: "This screen" } })}
  <div style="height: 4000px"></div>
  ${island(WindowSize, { id: "size-later", props: { title: "Later" }, load: "visible", fallback: html`<em class="later">Later…</em>` })}
</main>`,
});

/** /glitch?fail=…: a Glitch failing as asked (`boom` gives it props it throws on), and a Clicker beside it. */
export const GlitchLive = defineView<Bumps & { fail: "nowhere" | "server" | "browser" | "mismatch"; text: string }>({
  name: "GlitchLive",
  mount(params, _session, socket) {
    const fail = params.fail === "server" || params.fail === "browser" || params.fail === "mismatch" ? params.fail : "nowhere";
    socket.assign({ bumps: 0, fail, text: "all is well" });
  },
  events: {
    ...bump,
    boom: (_p, socket) => {
      socket.assign({ text: "boom" });
    },
  },
  render: (a) => html`<main>
  <button phx-click="bump">bump</button> <output id="bumps">${a.bumps}</output>
  <button phx-click="boom">boom</button>
  ${island(Glitch, { id: "glitch", props: { fail: a.fail, text: a.text } })}
  ${island(Clicker, { id: "clicker", props: { label: "Beside the glitch" } })}
</main>`,
});

/** /nav?page=N: the Navigator island; the page number comes from the URL (handleParams). */
export const NavLive = defineView<{ page: number }>({
  name: "NavLive",
  mount(_params, _session, socket) {
    socket.assign({ page: 1 });
  },
  handleParams(params, _url, socket) {
    const page = Number(params.page ?? 1);
    socket.assign({ page: Number.isInteger(page) && page > 0 ? page : 1 });
  },
  render: (a) => html`<main>
  <h1 id="nav-page">Page ${a.page}</h1>
  ${island(Navigator, { id: "navigator", props: { page: a.page } })}
</main>`,
});

export const islandModeRoutes = () => [
  liveSession({ name: "island-modes" }, [
    live("/modes", ModesLive),
    live("/client-only", ClientOnlyLive),
    live("/glitch", GlitchLive),
    live("/nav", NavLive),
  ]),
];
