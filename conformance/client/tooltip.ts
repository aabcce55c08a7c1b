/**
 * The portal page's PortalTooltip hook: shows the tooltip named by `data-id` above its
 * activator on hover or focus, hides it on leave or escape. Upstream positions it with
 * floating-ui from a CDN; this places it with the activator's bounding box, which is all
 * the page needs.
 */
import type { Hook } from "phoenix_live_view";

interface TooltipHook {
  tooltipEl: HTMLElement;
  activatorEl: HTMLElement;
  showTimeout?: ReturnType<typeof setTimeout>;
  hideTimeout?: ReturnType<typeof setTimeout>;
}

export const PortalTooltip: Hook<TooltipHook> = {
  mounted() {
    this.tooltipEl = document.getElementById(this.el.dataset.id!)!;
    this.activatorEl = this.el.querySelector<HTMLElement>(`#${this.el.dataset.id}-activator`)!;
    const show = () => {
      clearTimeout(this.hideTimeout);
      this.showTimeout = setTimeout(() => {
        const box = this.activatorEl.getBoundingClientRect();
        this.tooltipEl.style.left = `${box.left + window.scrollX}px`;
        this.tooltipEl.style.top = `${box.top + window.scrollY - this.tooltipEl.offsetHeight - 10}px`;
        this.liveSocket.execJS(this.el, this.el.dataset.show!);
      }, 200);
    };
    const hide = () => {
      clearTimeout(this.showTimeout);
      this.hideTimeout = setTimeout(() => this.liveSocket.execJS(this.el, this.el.dataset.hide!), 50);
    };
    this.activatorEl.addEventListener("focusin", show);
    this.activatorEl.addEventListener("mouseover", show);
    this.activatorEl.addEventListener("focusout", hide);
    this.activatorEl.addEventListener("mouseout", hide);
    this.el.addEventListener("phx:hide-tooltip", () => this.liveSocket.execJS(this.el, this.el.dataset.hide!));
  },
};
