/**
 * What the official client's DOM patch does beyond the rendered HTML, done to the test
 * client's page: stream containers keep the children the server no longer renders, a
 * changed component is patched where it stands, phx-update="ignore" content stays.
 */
import type { HTMLElement } from "node-html-parser";
import type { RenderedTree, StreamOp } from "./merge.js";

/** Applies a render's stream operations to the containers of `next`, from what `prev` shows; `refs` is each item's stream ref. */
export function patchStreams(prev: HTMLElement, next: HTMLElement, ops: StreamOp[], refs: Map<string, string>): void {
  const insertOf = new Map<string, { ref: string; at: number; limit: number | null; updateOnly: boolean }>();
  const deletes = new Set<string>();
  const resets = new Set<string>();
  for (const op of ops) {
    if (op.reset) resets.add(op.ref);
    for (const id of op.deletes) deletes.add(id);
    for (const [id, at, limit, updateOnly] of op.inserts) insertOf.set(id, { ref: op.ref, at, limit, updateOnly });
  }
  for (const container of next.querySelectorAll('[phx-update="stream"]')) {
    const old = container.id ? prev.querySelector(`[id="${container.id}"]`) : null;
    let children = old ? elementsWithId(old) : [];
    children = children.filter((c) => !deletes.has(c.id) && !resets.has(refs.get(c.id) ?? ""));
    for (const el of elementsWithId(container)) {
      const ins = insertOf.get(el.id);
      const at = children.findIndex((c) => c.id === el.id);
      if (at >= 0) children[at] = el;
      else if (ins?.updateOnly) continue;
      else if ((ins?.at ?? -1) === -1) children.push(el);
      else children.splice(ins!.at, 0, el);
      if (ins) refs.set(el.id, ins.ref);
      if (ins?.limit !== null && ins?.limit !== undefined) {
        children = ins.limit >= 0 ? children.slice(0, ins.limit) : children.slice(ins.limit);
      }
    }
    container.set_content(children.map((c) => c.outerHTML).join(""));
  }
}

/** Like the client, a component that changed is patched where it stands, also inside a stream item the server no longer renders. */
export function patchComponents(next: HTMLElement, diff: Record<string, unknown>, tree: RenderedTree): void {
  const changed = diff.c && typeof diff.c === "object" ? Object.keys(diff.c).map(Number) : [];
  for (const cid of changed) {
    const el = next.querySelector(`[data-phx-component="${cid}"]`);
    if (el) el.replaceWith(tree.componentHtml(cid));
  }
}

export function keepIgnored(prev: HTMLElement, next: HTMLElement): void {
  for (const el of next.querySelectorAll('[phx-update="ignore"]')) {
    const old = el.id ? prev.querySelector(`[id="${el.id}"]`) : null;
    if (old) el.set_content(old.innerHTML);
  }
}

function elementsWithId(parent: HTMLElement): HTMLElement[] {
  return parent.childNodes.filter((n): n is HTMLElement => n instanceof Object && "id" in n && !!(n as HTMLElement).id);
}
