/**
 * The colocated hooks of the suite's pages. Phoenix extracts `<script :type={ColocatedHook}>`
 * into a bundle at compile time and names each hook after its module; here they are
 * written once in the bundle, under the names the pages' `phx-hook` attributes use.
 */
import type { Hook, HooksOptions } from "phoenix_live_view";

/** A hook object, typed so its callbacks see the hook's `this`. */
const hook = (h: Hook): Hook => h;

export const colocatedHooks: HooksOptions = {
  "PortalLive.InsidePortal": hook({
    mounted() {
      this.js().setAttribute(this.el, "data-portalhook-mounted", "true");
    },
  }),
  "PortalLive.LC.TeleportedLCButton": hook({
    mounted() {
      this.el.addEventListener("click", () => this.pushEventTo(this.el, "prepend"));
    },
  }),
  "Issue4147Live.HookOutside": hook({
    mounted() {
      console.log("HookOutside mounted");
    },
  }),
  // formats ten digits as 123-456-7890 while typing
  "ColocatedLive.PhoneNumber": hook({
    mounted() {
      const input = this.el as HTMLInputElement;
      input.addEventListener("input", () => {
        const m = input.value.replace(/\D/g, "").match(/^(\d{3})(\d{3})(\d{4})$/);
        if (m) input.value = `${m[1]}-${m[2]}-${m[3]}`;
      });
    },
  }),
  "Issue4066Live.LiveComponent.MyHook": hook({
    mounted() {
      this.el.addEventListener("input", () => {
        setTimeout(
          () => {
            this.pushEventTo(this.el, "do-something", { value: 100 });
            this.liveSocket.js().setAttribute(document.body, "data-pushed", "yes");
          },
          parseInt(this.el.dataset.delay ?? "0", 10),
        );
      });
    },
  }),
  // pushes to the nested view, whose slow reply keeps this element locked
  "Issue4209Live.LockedPanel": hook({
    mounted() {
      this.el.querySelector("#start-locked-update")?.addEventListener("click", () => {
        this.pushEventTo("#slow-target-child", "hold-lock", {});
      });
    },
  }),
  "Issue4088Live.LC.MyHook": hook({
    mounted() {
      for (let i = 0; i < 3; i++) this.pushEventTo(this.el, "my_update", {});
    },
  }),
};
