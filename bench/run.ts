/** `npm run bench`: runs every benchmark, prints a table, writes bench/results.json. */
import { printTable, writeResults, type Result } from "./lib.js";
import { roundTrip } from "./roundtrip.js";
import { cpuRoundTrip } from "./cpu.js";

const suites: [string, () => Promise<Result[]>][] = [
  ["round trip", roundTrip],
  ["cpu task", cpuRoundTrip],
];
const only = process.argv[2];
const results: Result[] = [];
for (const [name, run] of suites) {
  if (only && !name.includes(only)) continue;
  console.error(`running ${name}...`);
  results.push(...(await run()));
}
printTable(results);
writeResults("bench/results.json", results);
