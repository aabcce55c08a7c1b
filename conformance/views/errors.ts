/**
 * /errors (E2E.ErrorLive): crashes in the dead mount (HTTP 500), the connected mount (the
 * client reloads) and handlers, of the page and of its child (`?child`,
 * `?connected-child-mount-raise=N|link`).
 *
 * The child asks its parent, in its connected mount, whether to crash (upstream: it sends
 * `{:child_mounted, self()}` and waits in `receive`); here the question carries the
 * function that answers it. Upstream's `Process.link(parent)` ties the parent's life to the
 * child's: here a linked child tells its parent when it ends, and the parent crashes.
 */
import { defineView, html, liveRender, type ViewSocket } from "lagoon";
import { utcNow } from "../elixir.js";

const STATES = ["error", "client-error", "server-error", "disconnected", "loading"];
const STYLE = STATES.map(
  (s) => `[data-phx-session] .if-phx-${s} { display: none; } [data-phx-session].phx-${s} > .if-phx-${s} { display: block; }`,
).join("\n");

type Answer = "boom" | "boom_link" | "ok" | "ok_link";
/** The child's question to its parent, and how it ends when linked. */
type ChildMessage = { childMounted: (answer: Answer) => void } | "linked_child_exited";

/** A linked child's end (crash or leave) takes its parent down, as an exit signal over a link does. */
function link(socket: ViewSocket<any>): void {
  const parent = socket.parent;
  socket.onEnd(() => parent?.send("linked_child_exited" satisfies ChildMessage));
}

const ChildLive = defineView<{ renderedAt: string; connected: boolean }>({
  name: "ErrorLive.ChildLive",
  async mount(_p, _s, socket) {
    let answer: Answer = "ok";
    if (socket.connected && socket.parent) {
      const parent = socket.parent;
      answer = await new Promise<Answer>((resolve) => parent.send({ childMounted: resolve } satisfies ChildMessage) || resolve("ok"));
    }
    if (answer === "boom_link" || answer === "ok_link") link(socket);
    if (answer === "boom" || answer === "boom_link") throw new Error("boom");
    socket.assign({ renderedAt: utcNow(), connected: socket.connected });
  },
  events: {
    boom() {
      throw new Error("boom");
    },
  },
  render: (a) => html`${a.connected ? "Child connected" : "Child rendered (dead)"}
    <p id="child-render-time">child rendered at: ${a.renderedAt}</p>

    <button phx-click="boom">Crash child</button>

    <p class="if-phx-error">Error</p>
    <p class="if-phx-client-error">Client Error</p>
    <p class="if-phx-server-error">Server Error</p>
    <p class="if-phx-disconnected">Disconnected</p>
    <p class="if-phx-loading">Loading</p>`,
});

interface ErrorAssigns {
  renderedAt: string;
  child: boolean;
  wantFails: number;
  haveFails: number;
  link: boolean;
}

export const ErrorLive = defineView<ErrorAssigns>({
  name: "ErrorLive",
  mount(params, _s, socket) {
    if (params["dead-mount"] === "raise") throw new Error("boom");
    if (params["connected-mount"] === "raise" && socket.connected) throw new Error("boom");
    const raise = params["connected-child-mount-raise"];
    let child = { child: false, wantFails: 0, haveFails: 0, link: false };
    // link: the parent always mounts, so it fails its child once only (its first mount), or it would loop
    if (raise === "link") child = { child: true, wantFails: 1, haveFails: socket.connectParams?._mounts === 0 ? 0 : 1, link: true };
    else if (typeof raise === "string") child = { child: true, wantFails: Number.parseInt(raise, 10) || 0, haveFails: 0, link: false };
    else if (params.child !== undefined) child = { ...child, child: true };
    socket.assign({ renderedAt: utcNow(), ...child });
  },
  info(message: ChildMessage, socket) {
    if (message === "linked_child_exited") throw new Error("linked child exited");
    const { haveFails, wantFails, link } = socket.assigns;
    if (haveFails < wantFails) {
      message.childMounted(link ? "boom_link" : "boom");
      socket.assign({ haveFails: haveFails + 1 });
    } else message.childMounted(link ? "ok_link" : "ok");
  },
  events: {
    boom() {
      throw new Error("boom");
    },
  },
  render: (a) => html`<p id="render-time">main rendered at: ${a.renderedAt}</p>
    <button phx-click="boom">Crash main</button>
    <p class="if-phx-error">Error</p>
    <p class="if-phx-client-error">Client Error</p>
    <p class="if-phx-server-error">Server Error</p>
    <p class="if-phx-disconnected">Disconnected</p>
    <p class="if-phx-loading">Loading</p>
    <div style="border: 1px solid lightgray; padding: 4px; margin-top: 16px;">
      ${a.child ? liveRender(ChildLive, { id: "child" }) : ""}
    </div>
    <style>
      ${STYLE}
    </style>`,
});
