/**
 * What the test drivers read off an element the way the official client does: its
 * phx-value-* attributes, whether its binding dispatches a form change, where it sits.
 */
import type { HTMLElement } from "node-html-parser";
import type { CommandHost } from "./commands.js";

/** What the drivers need of a test view (index.ts's ElementHost). */
export interface ElementHost extends CommandHost {
  find(selector: string, text?: string | RegExp): HTMLElement | null;
  html(): string;
  /** Sends an `event` push as the client would. */
  push(payload: Record<string, unknown>): Promise<unknown>;
  /** Field names the user has used, per form (its `#id`, else the selector), for `_unused_` markers. */
  touched(form: string): Set<string>;
}

/** The binding is `JS.dispatch("change")` on the element itself: the client then sends its form's change, the element as submitter. */
export function dispatchesChange(attr: string): boolean {
  if (!attr.startsWith("[")) return false;
  try {
    const commands = JSON.parse(attr) as [string, { event?: string; to?: unknown }][];
    return commands.some(([kind, args]) => kind === "dispatch" && args?.event === "change" && args.to === undefined);
  } catch {
    return false;
  }
}

export function phxValues(el: HTMLElement): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(el.attributes)) {
    if (name.startsWith("phx-value-")) out[name.slice("phx-value-".length).toLowerCase()] = value;
  }
  return out;
}

export function closestWith(el: HTMLElement, attr: string): HTMLElement | null {
  for (let node: HTMLElement | null = el; node; node = node.parentNode as HTMLElement | null) {
    if (node.hasAttribute?.(attr)) return node;
  }
  return null;
}

export function contains(ancestor: HTMLElement, el: HTMLElement): boolean {
  for (let node: HTMLElement | null = el; node; node = node.parentNode as HTMLElement | null) if (node === ancestor) return true;
  return false;
}

/** The cid an element's events go to: its phx-target (a cid or a selector), else none (the view). */
export function targetCid(view: ElementHost, el: HTMLElement): number | undefined {
  const target = el.getAttribute("phx-target") ?? closestAttr(el, "phx-target");
  if (!target) return undefined;
  if (/^\d+$/.test(target)) return Number(target);
  const found = view.dom().querySelector(target);
  const cid = found ? closestAttr(found, "data-phx-component") : null;
  return cid ? Number(cid) : undefined;
}

function closestAttr(el: HTMLElement, name: string): string | null {
  for (let node: HTMLElement | null = el; node; node = node.parentNode as HTMLElement | null) {
    const v = node.getAttribute?.(name);
    if (v !== undefined && v !== null) return v;
  }
  return null;
}
