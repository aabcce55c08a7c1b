/**
 * Development checks of streams, whose mistakes the client forgives silently: a stream
 * rendered outside a `phx-update="stream"` element with an id, or an item whose root
 * element lacks its `id=${domId}`, shows an empty or stale list instead of an error. In
 * development and tests they throw, naming the stream and what to fix.
 */
import { TemplateError } from "./errors.js";
import { Hole, type Prepared } from "./template.js";

const VOID = /^(area|base|br|col|embed|hr|img|input|link|meta|param|source|track|wbr)$/i;
const checked = new WeakMap<Prepared, Set<number>>();

/** The element enclosing hole `index` of a template has phx-update="stream" and an id; throws otherwise. */
export function checkStreamContainer(p: Prepared, index: number, stream: string): void {
  let seen = checked.get(p);
  if (seen?.has(index)) return;
  // the markup before the hole, holes written as placeholders (a whole-attribute hole as its attribute)
  let markup = "";
  for (let i = 0; i < index; i++) {
    const hole = p.holes[i]!;
    markup += p.statics[i] + (hole.kind === Hole.Attr ? ` ${hole.name}="\u0000"` : "\u0000");
  }
  markup += p.statics[index];
  const open: string[] = [];
  for (const m of markup.matchAll(/<(\/?)([a-zA-Z][\w:-]*)((?:"[^"]*"|'[^']*'|[^'">])*)>/g)) {
    if (m[1]) open.pop();
    else if (!VOID.test(m[2]!) && !m[3]!.endsWith("/")) open.push(m[0]);
  }
  const parent = open.at(-1) ?? "";
  if (!/\s(data-)?phx-update=["']?stream/.test(parent) || !/\sid=/.test(parent)) {
    throw new TemplateError(
      `stream "${stream}" must be rendered directly inside an element with phx-update="stream" and an id (found ${parent || "no element"})`,
    );
  }
  if (!seen) checked.set(p, (seen = new Set()));
  seen.add(index);
}

/** A stream item's rendered HTML starts with its root element carrying `id="<domId>"`; throws otherwise. */
export function checkStreamItem(html: string, domId: string, stream: string): void {
  const root = /^\s*<[a-zA-Z][^>]*>/.exec(html)?.[0] ?? "";
  const id = /\sid="([^"]*)"/.exec(root)?.[1];
  if (id !== domId) {
    throw new TemplateError(
      `stream "${stream}": each item's root element must carry id=\${domId} ("${domId}"); found ${root || "no element"}`,
    );
  }
}
