/** Shared helpers for `npm run bench`: percentiles, child servers, the results table. */
import { spawn, type ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";

export interface Result {
  metric: string;
  value: number;
  unit: string;
  baseline: number | null;
  /** value / baseline */
  ratio: number | null;
  target: string;
  pass: boolean | null;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export function result(metric: string, value: number, unit: string, baseline: number | null, target: string, pass: boolean | null): Result {
  return {
    metric,
    value: round(value),
    unit,
    baseline: baseline === null ? null : round(baseline),
    ratio: baseline ? round(value / baseline) : null,
    target,
    pass,
  };
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/** Starts `node --import tsx <script>` and waits for it to print `PORT <n>`. */
export function startChild(
  script: string,
  args: string[] = [],
  env: Record<string, string> = {},
): Promise<{ port: number; child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "--expose-gc", script, ...args], {
      stdio: ["ignore", "pipe", "inherit"],
      env: { ...process.env, ...env },
    });
    let buffer = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      const m = /PORT (\d+)/.exec(buffer);
      if (m) resolve({ port: Number(m[1]), child });
    });
    child.once("exit", (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}

export function printTable(results: Result[]): void {
  const rows = results.map((r) => [
    r.metric,
    `${r.value} ${r.unit}`,
    r.baseline === null ? "-" : `${r.baseline} ${r.unit}`,
    r.ratio === null ? "-" : `${r.ratio}x`,
    r.target,
    r.pass === null ? "-" : r.pass ? "pass" : "MISS",
  ]);
  const head = ["metric", "value", "baseline", "ratio", "target", ""];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ");
  console.log(line(head));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows) console.log(line(r));
}

export function writeResults(path: string, results: Result[]): void {
  writeFileSync(path, JSON.stringify(results, null, 2) + "\n");
}
