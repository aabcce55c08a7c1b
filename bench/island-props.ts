/**
 * Island props on the wire (#17): the frame for one changed field of a 1,000-row props
 * object and for one appended row, each beside the whole props resent as a string in an
 * attribute (how islands sent them before: the JSON a string inside the frame's JSON), and
 * the server's time per props update beside parsing and stringifying the whole props, as
 * every render did before. Frames come from a real view process through the test client (the
 * fixture /ledger of tests/support/views/island-wire.ts); bytes are exact.
 */
import { safeJson } from "../shell/escape.js";
import { visit } from "../islands/testing.js";
import { propsState, updateMessage, type IslandSlotState } from "../islands/island-wire.js";
import { encodeValue } from "../islands/wire-values.js";
import { Ledger } from "../tests/support/app/islands/ledger.contract.js";
import { islandWireRoutes, ledgerRows, type LedgerRow } from "../tests/support/views/island-wire.js";
import { median, result, type Result } from "./lib.js";

const ROWS = 1_000;
const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

/** The props as the previous release put them in a single-quoted attribute (typed-encoded here: BigInt made it throw). */
const attribute = (props: unknown) => safeJson(encodeValue(props)).replace(/'/g, "\\u0027");
/** The previous release's frame for the same change: the attribute's value in the container's slot. */
const wholeProps = (props: unknown) => bytes({ 0: { 0: attribute(props) } });

const input = (rows: LedgerRow[]) => ({
  title: "Ledger",
  rows,
  at: new Date("2024-05-01T10:00:00.000Z"),
  tags: new Set(["x", "y"]),
  scores: new Map([["a", 1]]),
  big: 2n ** 70n,
  home: new URL("https://example.com/home"),
});

/** Median ms of `run` over enough rounds to time it. */
function time(run: (i: number) => void): number {
  for (let i = 0; i < 50; i++) run(i);
  const samples: number[] = [];
  for (let round = 0; round < 15; round++) {
    const started = performance.now();
    for (let i = 0; i < 20; i++) run(i);
    samples.push((performance.now() - started) / 20);
  }
  return median(samples);
}

/** Server time for one toggled field: parse what changed, encode it, diff (island-wire.ts), vs the whole props parsed and stringified. */
function serverTime(): [number, number] {
  const rows = ledgerRows(ROWS);
  const base = input(rows);
  let prev: IslandSlotState = propsState(Ledger, "bench", base, undefined)!;
  const toggled = (i: number) => {
    const at = i % ROWS;
    return { ...base, rows: rows.map((r, k) => (k === at ? { ...r, done: !r.done } : r)) };
  };
  const diffed = time((i) => {
    const next = propsState(Ledger, "bench", toggled(i), prev)!;
    updateMessage(prev, next, { ops: undefined, items: {} });
    prev = next;
  });
  const whole = time((i) => {
    const parsed = Ledger.props.parse(toggled(i));
    attribute(parsed);
  });
  return [diffed, whole];
}

export async function islandProps(): Promise<Result[]> {
  const n = ROWS.toLocaleString("en");
  const view = await visit(islandWireRoutes(), `/ledger?n=${ROWS}`);
  await view.push({ type: "click", event: "toggle", value: { id: "r517" } });
  const field = bytes(view.lastDiff);
  const toggledWhole = wholeProps(view.island(Ledger, "ledger").props());
  await view.push({ type: "click", event: "append", value: { label: "Appended" } });
  const appended = bytes(view.lastDiff);
  const props = view.island(Ledger, "ledger").props();
  const row = bytes(props.rows.at(-1));
  const appendedWhole = wholeProps(props);
  view.close();
  const [diffed, whole] = serverTime();
  return [
    result(`one field of a ${n}-row props object: diff vs whole props`, field, "B", toggledWhole, "≤ 200 B", field <= 200),
    result(
      `one row appended to ${n}: diff vs whole props`,
      appended,
      "B",
      appendedWhole,
      `≤ the row (${row} B) + 100 B`,
      appended <= row + 100,
    ),
    result(`server time per props update (${n} rows, one field): diff vs whole parse`, diffed, "ms", whole, "< 1x", diffed < whole),
  ];
}
