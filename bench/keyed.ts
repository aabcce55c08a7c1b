/**
 * Keyed lists on the wire: diff payloads (the JSON the socket carries) for one row
 * prepended to 1,000 and for 1,000 rows reversed, with each() beside today's positional
 * list in the same run. Computed in-process with the diff engine: no server is needed to
 * count the bytes of a diff, and the figures are exact, not sampled.
 */
import { each, html, type Template } from "../shell/index.js";
import { diffTemplate, renderHtml } from "../shell/diff.js";
import { result, type Result } from "./lib.js";
import { row, rowsOf, type Row } from "./views.js";

const ROWS = 1_000;
const noComponents = { component: () => 0 };
const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

const keyedTable = (rows: Row[]) => html`<table id="rows"><tbody>${each(rows, (r) => r.id, row)}</tbody></table>`;
const plainTable = (rows: Row[]) => html`<table id="rows"><tbody>${rows.map(row)}</tbody></table>`;

/** Bytes of the diff from `before` to `after`. */
function change(view: (rows: Row[]) => Template, before: Row[], after: Row[]): number {
  const { state } = diffTemplate(view(before), undefined, noComponents);
  return bytes(diffTemplate(view(after), state, noComponents).diff);
}

export async function keyedSizes(): Promise<Result[]> {
  const rows = rowsOf(ROWS);
  const prepended = [{ id: 0, name: "item 0", qty: 0 }, ...rows];
  const reversed = rows.slice().reverse();
  // one row as a full render sends it: its dynamics, in the list's "k"
  const full = diffTemplate(keyedTable([prepended[0]!]), undefined, noComponents).diff as { 0: { k: Record<string, unknown> } };
  const oneRow = bytes(full[0].k[0]);
  const prepend = change(keyedTable, rows, prepended);
  const reverse = change(keyedTable, rows, reversed);
  const resend = change(plainTable, rows, reversed);
  const rowsHtml = Buffer.byteLength(renderHtml(html`${reversed.map(row)}`, { componentHtml: () => "" }));
  const n = ROWS.toLocaleString("en");
  return [
    result(
      `one row prepended to ${n}: each() vs positional list`,
      prepend,
      "B",
      change(plainTable, rows, prepended),
      `≤ one row + 100 B`,
      prepend <= oneRow + 100,
    ),
    result("one row rendered fully (its dynamics)", oneRow, "B", null, "-", null),
    result(`${n} rows reversed: each() vs positional list (all rows re-sent)`, reverse, "B", resend, "≤ 0.1x", reverse <= resend / 10),
    result(`${n} rows reversed: each() vs the rows' HTML re-sent`, reverse, "B", rowsHtml, "-", null),
  ];
}
