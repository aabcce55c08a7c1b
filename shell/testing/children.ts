/**
 * A test view's nested views, as the official client keeps them: after each patch, the
 * containers the view now shows (`data-phx-parent-id` naming it; the page's sticky ones for
 * the main view) are joined, and those it no longer shows are left.
 */
import { parse, type HTMLElement } from "node-html-parser";

/** What the children need of a nested test view. */
export interface Child {
  readonly alive: boolean;
  html(): string;
  close(): void;
}

export class Children<C extends Child> {
  readonly #views = new Map<string, C>();

  /** `join(id, token, sticky)` makes and joins the test view of a container. */
  constructor(readonly join: (id: string, token: string, sticky: boolean) => C) {}

  get(id: string): C | undefined {
    return this.#views.get(id);
  }

  get ids(): string[] {
    return [...this.#views.keys()];
  }

  all(): C[] {
    return [...this.#views.values()];
  }

  clear(): void {
    this.#views.clear();
  }

  /** Joins the containers of `dom` that belong to view `ownerId` (`main`: stickies too); leaves the rest. */
  sync(dom: HTMLElement, ownerId: string, main: boolean): void {
    const seen = new Set<string>();
    for (const el of dom.querySelectorAll("[data-phx-session]")) {
      const sticky = el.hasAttribute("data-phx-sticky");
      const mine = sticky ? main : el.getAttribute("data-phx-parent-id") === ownerId;
      const token = el.getAttribute("data-phx-session") ?? "";
      if (!mine || !el.id || !token) continue;
      seen.add(el.id);
      // a crashed child joins again from its container, as the client rejoins it
      if (this.#views.get(el.id)?.alive) continue;
      this.#views.set(el.id, this.join(el.id, token, sticky));
    }
    for (const [id, child] of this.#views) {
      if (seen.has(id)) continue;
      this.#views.delete(id);
      child.close();
    }
  }

  /** `dom`'s inner HTML with each nested view's HTML inside its container. */
  compose(dom: HTMLElement): string {
    if (this.#views.size === 0) return dom.innerHTML;
    const page = parse(dom.outerHTML).firstChild as HTMLElement;
    for (const [id, child] of this.#views) page.querySelector(`[id="${id}"]`)?.set_content(child.html());
    return page.innerHTML;
  }
}
