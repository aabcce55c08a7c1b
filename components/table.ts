/**
 * A table of rows: an array, or a stream (the body is then the stream's container, and
 * only inserted rows are rendered and sent). Header cells are scoped to their columns;
 * a `rowClick` makes the row's cells run JS commands (keep a link or button in the row
 * for keyboard users, as `actions`).
 */
import { html, type JS, type LiveStream, type Template } from "../shell/index.js";

/** A column of a `table`. */
export interface Column<T> {
  /** The header cell's content. */
  label: unknown;
  /** A row's cell content. */
  render: (row: T) => unknown;
}

/** Props of `table`. */
export interface TableProps<T> {
  /** The body's id: a stream's rows live in it. */
  id: string;
  /** An array, or a stream (`assigns.streams.name`): only its inserted rows are sent. */
  rows: readonly T[] | LiveStream<T>;
  /** The columns, in order. */
  columns: readonly Column<T>[];
  /** DOM id of an array's row (a stream's rows have theirs). */
  rowId?: (row: T) => string;
  /** JS commands a click on one of the row's cells runs. */
  rowClick?: (row: T) => JS;
  /** Per-row actions (links, buttons), in a last column. */
  actions?: (row: T) => unknown;
  /** The accessible name of the actions column; default "Actions". */
  actionsLabel?: string;
  /** The table's caption, which names it. */
  caption?: unknown;
}

/** A table of rows, with a column of actions when `actions` is given. */
export function table<T>(props: TableProps<T>): Template {
  const { id, rows, columns, rowId, rowClick, actions, actionsLabel = "Actions", caption } = props;
  const row = (item: T, domId: string | undefined) =>
    html`<tr id=${domId ?? false}>${columns.map(
      (c) => html`<td phx-click=${rowClick ? rowClick(item) : false} class=${rowClick ? "lagoon-clickable" : false}>${c.render(item)}</td>`,
    )}${actions ? html`<td class="lagoon-table-actions">${actions(item)}</td>` : ""}</tr>`;
  const body = Array.isArray(rows)
    ? html`<tbody id=${id}>${(rows as readonly T[]).map((item) => row(item, rowId?.(item)))}</tbody>`
    : html`<tbody id=${id} phx-update="stream">${(rows as LiveStream<T>).map((item, domId) => row(item, domId))}</tbody>`;
  return html`<table class="lagoon-table">
  ${caption === undefined ? "" : html`<caption>${caption}</caption>`}
  <thead><tr>${columns.map((c) => html`<th scope="col">${c.label}</th>`)}${
    actions ? html`<th scope="col"><span class="lagoon-sr-only">${actionsLabel}</span></th>` : ""
  }</tr></thead>
  ${body}
</table>`;
}
