/**
 * The conformance app's browser entry: Lagoon's client runtime with the LiveSocket
 * options of the support app's layouts. A layout names its options with
 * `<meta name="lv-profile" content="...">` (none: the E2E layout's); hooks come from the
 * layout (FormHook, FormStreamHook), from pages' scripts (`window.hooks`) and from the
 * colocated hooks of the suite's pages.
 */
import { createLiveSocket, type ExternalEntry, type Uploader } from "lagoon/client";
import type { Hook, HooksOptions } from "phoenix_live_view";

/** A hook object, typed so its callbacks see the hook's `this`. */
const hook = (h: Hook): Hook => h;
import { colocatedHooks } from "./colocated.js";
import { feedbackDom } from "./feedback.js";
import { PortalTooltip } from "./tooltip.js";

declare global {
  interface Window {
    hooks: HooksOptions;
  }
}

const layoutHooks: HooksOptions = {
  PortalTooltip,
  FormHook: hook({
    mounted() {
      this.pushEvent("ping", {}, () => (this.el.innerText += "pong"));
    },
  }),
  FormStreamHook: hook({
    mounted() {
      this.pushEvent("ping", {}, () => (this.el.innerText += "pong"));
    },
  }),
};

/** The layout's `Uploaders.TestExternal`: marks the page when an entry starts and when it is cancelled. */
const uploaders: Record<string, Uploader> = {
  TestExternal(entries) {
    // the official client's entries carry their ref too
    for (const entry of entries as (ExternalEntry & { readonly ref: string })[]) {
      document.documentElement.dataset.externalUploadStarted = entry.ref;
      const upload = {
        abort() {
          document.documentElement.dataset.externalUploadAborted = entry.ref;
        },
      };
      entry.onCancel(() => upload.abort());
    }
  },
};

/** The LiveSocket options of each layout (E2E.Layout's is "default"). */
const profiles: Record<string, Record<string, unknown>> = {
  default: {
    uploaders,
    cascadePhxRemoveOnNavigation: new URLSearchParams(window.location.search).get("cascadePhxRemoveOnNavigation") !== "false",
  },
  navigation: { reloadJitterMin: 50, reloadJitterMax: 500 },
  errors: { reloadJitterMax: 50, reloadJitterMin: 50, maxReloads: 5, failsafeJitter: 1000, maxChildJoinTries: 3, rejoinAfterMs: () => 50 },
  feedback: { dom: feedbackDom() },
  colocated: { reloadJitterMin: 50, reloadJitterMax: 500 },
  plain: {},
};

const profile = document.querySelector<HTMLMetaElement>("meta[name='lv-profile']")?.content ?? "default";

// uploaders go beside Lagoon's own (createLiveSocket's `uploaders`), the rest to the LiveSocket
const { uploaders: profileUploaders, ...options } = profiles[profile] ?? profiles.default!;
const liveSocket = createLiveSocket({
  hooks: { ...layoutHooks, ...window.hooks, ...colocatedHooks },
  uploaders: profileUploaders as Record<string, Uploader> | undefined,
  liveSocket: options,
  // the support app's pages talk over their views' channels only: specs read every frame (a signals
  // batch naming an event "validate" would pass for that event's push)
  signals: false,
});

// ColocatedLive's colocated JS: run the JS commands the server pushes as "js:exec"
if (profile === "colocated") {
  window.addEventListener("phx:js:exec", (e) => liveSocket.execJS(liveSocket.main.el, (e as CustomEvent<{ cmd: string }>).detail.cmd));
}
