/** Helpers of the each() tests (tests/shell/keyed*.test.ts): diffs of successive renders and small lists to render. */
import { each, html, type Template } from "../../shell/index.js";
import { diffTemplate, type NodeState } from "../../shell/diff.js";
import type { LiveViewTest } from "../../shell/testing/index.js";

export const ctx = {
  component: () => {
    throw new Error("no components");
  },
};
export const noComponents = { componentHtml: () => "" };

/** Renders successive templates, returning each diff (the first is the full render). */
export function renders(...templates: Template[]) {
  let state: NodeState | undefined;
  return templates.map((t) => {
    const r = diffTemplate(t, state, ctx);
    state = r.state;
    return r.diff;
  });
}

export interface R {
  id: string;
  name: string;
}
export const list = (rs: R[]) =>
  html`<ul>${each(
    rs,
    (r) => r.id,
    (r) => html`<li id=${r.id}>${r.name}</li>`,
  )}</ul>`;
export const [a, b, c, x] = ["a", "b", "c", "x"].map((id) => ({ id, name: id.toUpperCase() })) as [R, R, R, R];
/** An entry sent whole: its dynamics. */
export const whole = (r: R) => ({ 0: ` id="${r.id}"`, 1: r.name });
/** The diff of the list slot. */
export const keyed = (k: Record<string, unknown>) => ({ 0: { k } });

/** `n` rows "r0", "r1", … (or with another prefix). */
export const many = (n: number, prefix = "r"): R[] => Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}`, name: `${i}` }));
/** The indexes a chunk's rows moved from, as the diff lists them: `{ [to]: from }`. */
export const shifts = (from: number, to: number, by: number) =>
  Object.fromEntries(Array.from({ length: to - from }, (_, k) => [from + k + by, from + k]));
/** A chunk or group diff in its group: the entry's one dynamic is the nested comprehension. */
export const inGroup = (k: Record<string, unknown>) => ({ 0: { k } });

/** The ids of the keyed fixture view's rows (tests/support/views/keyed.ts), in page order. */
export const order = (view: LiveViewTest) =>
  view
    .dom()
    .querySelectorAll("#rows > li")
    .map((li) => li.id);
