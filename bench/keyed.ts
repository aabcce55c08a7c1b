/**
 * Keyed lists on the wire: the diff a browser receives over the socket for one row
 * prepended to 1,000 and to 10,000 rows and for those rows reversed, with each() (a tree
 * of comprehensions for lists this long) beside each() kept to one flat comprehension and a
 * positional list, each from a fresh view in the same run. Then the costs the tree shape
 * adds: a hundred prepends in a row, a shuffle (which re-sends the rows, once), the first
 * render; and the server's time per render in both shapes (in-process, 1,000 rows).
 */
import { html, type Template } from "../shell/index.js";
import { diffTemplate, renderHtml, type NodeState } from "../shell/diff.js";
import { loadPage } from "../tests/support/protocol.js";
import { LiveClient } from "./live-client.js";
import { median, result, startChild, type Result } from "./lib.js";
import { row, rowsIn, rowsOf, shuffled, type Row } from "./views.js";

type Shape = "tree" | "flat" | "positional";
const bytes = (s: string) => Buffer.byteLength(s);
const fmt = (n: number) => n.toLocaleString("en");

/** A fresh view of `n` rows in `shape`, then `events` in turn: each reply's diff payload and whole frame, in bytes. */
async function replies(
  url: string,
  n: number,
  shape: Shape,
  events: string[],
): Promise<{ join: number; diffs: number[]; frames: number[] }> {
  const path = `/keyed-rows?n=${n}&shape=${shape}`;
  const { client, reply } = await LiveClient.join(url, await loadPage(url, path), path);
  try {
    const diffs: number[] = [];
    const frames: number[] = [];
    for (const event of events) {
      const r = await client.click(event);
      diffs.push(bytes(JSON.stringify(r.payload.response.diff ?? {})));
      frames.push(bytes(r.text));
    }
    return { join: bytes(reply.text), diffs, frames };
  } finally {
    client.close();
  }
}

const view = (shape: Shape, rows: Row[]) => html`<table id="rows"><tbody>${rowsIn(shape, rows)}</tbody></table>`;
const noComponents = { component: () => 0 };

/** Median server time (µs) of rendering and diffing `after` against the state of `before`, per shape, interleaved. */
function renderTimes(before: Row[], after: Row[] | null, shapes: Shape[], runs: number): number[] {
  const states = shapes.map((s) => diffTemplate(view(s, before), undefined, noComponents).state);
  const times: number[][] = shapes.map(() => []);
  for (let r = 0; r < runs; r++) {
    shapes.forEach((s, k) => {
      const prev: NodeState | undefined = after ? states[k] : undefined;
      const t: Template = view(s, after ?? before);
      const started = process.hrtime.bigint();
      diffTemplate(t, prev, noComponents);
      times[k]!.push(Number(process.hrtime.bigint() - started) / 1000);
    });
  }
  return times.map(median);
}

export async function keyedSizes(): Promise<Result[]> {
  const out: Result[] = [];
  const server = await startChild("bench/servers/fixtures.ts", { cpu: 0 });
  try {
    // one row as a full render sends it: its dynamics, in the list's "k"
    const full = diffTemplate(view("tree", [{ id: 0, name: "item 0", qty: 0 }]), undefined, noComponents).diff as {
      0: { k: Record<string, unknown> };
    };
    const oneRow = bytes(JSON.stringify(full[0].k[0]));
    out.push(result("one row rendered fully (its dynamics)", oneRow, "B", null, "-", null));
    for (const n of [1_000, 10_000]) {
      const [tree, flat, positional] = await Promise.all(
        (["tree", "flat", "positional"] as const).map(async (s) => ({
          prepend: await replies(server.url, n, s, ["prepend"]),
          reverse: await replies(server.url, n, s, ["reverse"]),
        })),
      );
      const prepend = tree!.prepend.diffs[0]!;
      const reverse = tree!.reverse.diffs[0]!;
      const resend = positional!.reverse.diffs[0]!;
      const rowsHtml = bytes(renderHtml(html`${rowsOf(n).reverse().map(row)}`, { componentHtml: () => "" }));
      out.push(
        result(
          `one row prepended to ${fmt(n)}: each() vs flat each()`,
          prepend,
          "B",
          flat!.prepend.diffs[0]!,
          "≤ one row + 100 B",
          prepend <= oneRow + 100,
        ),
        result(
          `  the same: whole reply frame vs positional list's`,
          tree!.prepend.frames[0]!,
          "B",
          positional!.prepend.frames[0]!,
          "-",
          null,
        ),
        result(
          `${fmt(n)} rows reversed: each() vs positional list (all rows re-sent)`,
          reverse,
          "B",
          resend,
          "≤ 0.1x",
          reverse <= resend / 10,
        ),
        result(`  the same: flat each() vs positional list`, flat!.reverse.diffs[0]!, "B", resend, "-", null),
        result(`  the same: each() vs the rows' HTML re-sent`, reverse, "B", rowsHtml, "-", null),
      );
    }
    const n = 1_000;
    const prepends = Array.from({ length: 100 }, () => "prepend");
    const [tree100, flat100] = await Promise.all((["tree", "flat"] as const).map((s) => replies(server.url, n, s, prepends)));
    const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    out.push(
      result(
        `100 prepends to ${fmt(n)}, one at a time: each() mean (max ${fmt(Math.max(...tree100!.diffs))} B) vs flat each()`,
        avg(tree100!.diffs),
        "B",
        avg(flat100!.diffs),
        "-",
        null,
      ),
    );
    // the same fixed scramble twice would be no change: a shuffle, then a reverse of it
    const [treeMix, flatMix, positionalMix] = await Promise.all(
      (["tree", "flat", "positional"] as const).map((s) => replies(server.url, n, s, ["shuffle", "reverse"])),
    );
    out.push(
      result(
        `${fmt(n)} rows shuffled: each() (re-sent, flat from then on) vs flat each()`,
        treeMix!.diffs[0]!,
        "B",
        flatMix!.diffs[0]!,
        "-",
        null,
      ),
      result(`  the same: each() vs positional list`, treeMix!.diffs[0]!, "B", positionalMix!.diffs[0]!, "-", null),
      result(`  then reversed: each() vs flat each()`, treeMix!.diffs[1]!, "B", flatMix!.diffs[1]!, "-", null),
      result(`${fmt(n)} rows, join reply: each() vs flat each()`, tree100!.join, "B", flat100!.join, "-", null),
    );
  } finally {
    await server.stop();
  }

  // server time per render, 1,000 rows: the tree's planning against the flat shape's
  const rows = rowsOf(1_000);
  const renamed = rows.map((r, i) => (i === 500 ? { ...r, name: "renamed" } : r));
  const cases: [string, Row[], Row[] | null][] = [
    ["first render", rows, null],
    ["one row renamed", rows, renamed],
    ["one row prepended", rows, [{ id: 0, name: "item 0", qty: 0 }, ...rows]],
    ["reversed", rows, rows.slice().reverse()],
    ["shuffled", rows, shuffled(rows)],
  ];
  for (const [name, before, after] of cases) {
    const [tree, flat] = renderTimes(before, after, ["tree", "flat"], 200);
    out.push(
      result(`server time per render, 1,000 rows, ${name}: each() vs flat each()`, tree!, "µs", flat!, "≤ 1.5x", tree! <= 1.5 * flat!),
    );
  }
  return out;
}
