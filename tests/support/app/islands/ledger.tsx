/**
 * The Ledger fixture island: each row is a memoized component that counts its renders in
 * `window.__ledger` (by row id), so a browser test can tell which rows React rendered again.
 */
import { memo, useEffect, useId, useState } from "react";
import type { IslandProps } from "../../../../islands/contract-entry.js";
import { Ledger } from "./ledger.contract.js";

export { Ledger as contract };

type Counts = { rows: Record<string, number>; marks: string[]; ids: string[] };

function counts(): Counts | undefined {
  if (typeof window === "undefined") return undefined;
  return ((window as unknown as { __ledger?: Counts }).__ledger ??= { rows: {}, marks: [], ids: [] });
}

const Line = memo(function Line({ row }: { row: { id: string; label: string; done: boolean } }) {
  const c = counts();
  if (c) c.rows[row.id] = (c.rows[row.id] ?? 0) + 1;
  return (
    <li id={`line-${row.id}`} className={row.done ? "done" : ""}>
      {row.label}
    </li>
  );
});

/** The server renders of this island in this process. */
export const serverRenders = { count: 0 };

export default function LedgerIsland({ props, emit, on, connected }: IslandProps<typeof Ledger>) {
  if (typeof window === "undefined") serverRenders.count++;
  const id = useId();
  const [reply, setReply] = useState("");
  useEffect(() => {
    counts()?.ids.push(id);
  }, [id]);
  useEffect(
    () =>
      on("mark", ({ at, n }) => {
        counts()?.marks.push(`${n}:${at instanceof Date ? at.toISOString() : typeof at}`);
      }),
    [on],
  );
  const types = [
    props.at instanceof Date ? "date" : typeof props.at,
    props.tags instanceof Set ? "set" : typeof props.tags,
    props.scores instanceof Map ? "map" : typeof props.scores,
    typeof props.big,
    props.home instanceof URL ? "url" : typeof props.home,
  ].join(" ");
  return (
    <section className="ledger" data-use-id={id}>
      <h2 className="ledger-title">{props.title}</h2>
      <p className="ledger-types">{types}</p>
      <p className="ledger-values">
        {props.at.toISOString()} {[...props.tags].join(",")} {props.scores.get("a")} {String(props.big)} {props.home.host}
      </p>
      <button
        type="button"
        disabled={!connected}
        onClick={() =>
          void emit("stamp", { at: new Date("2030-01-02T03:04:05.000Z"), label: "hi" }).then((r) =>
            setReply(`${r.at instanceof Date ? r.at.toISOString() : typeof r.at} ${r.label}`),
          )
        }
      >
        Stamp
      </button>
      <output className="ledger-reply">{reply}</output>
      <ol className="ledger-rows">
        {props.rows.map((row) => (
          <Line key={row.id} row={row} />
        ))}
      </ol>
    </section>
  );
}
