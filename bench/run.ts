/** `npm run bench [name]`: runs every benchmark (or those whose name contains `name`), prints a table, writes bench/results.json. */
import { printTable, writeResults, PINNED, type Result } from "./lib.js";
import { clientApply } from "./browser.js";
import { diffSizes } from "./diffs.js";
import { keyedSizes } from "./keyed.js";
import { islandProps } from "./island-props.js";
import { firstRender } from "./http.js";
import { memoryPerView } from "./memory.js";
import { roundTrip } from "./roundtrip.js";
import { cpuRoundTrip } from "./cpu.js";
import { streamMemory } from "./stream.js";
import { fairness } from "./fairness.js";
import { uploadThroughput } from "./uploads.js";
import { peerSideBySide } from "./peer.js";
import { bundleSizes } from "./bundle.js";

const suites: [string, () => Promise<Result[]>][] = [
  ["peer side by side", peerSideBySide],
  ["round trip", roundTrip],
  ["cpu task", cpuRoundTrip],
  ["diff sizes", diffSizes],
  ["keyed lists", keyedSizes],
  ["island props", islandProps],
  ["memory per view", memoryPerView],
  ["http first render", firstRender],
  ["stream memory", streamMemory],
  ["browser apply", clientApply],
  ["fairness", fairness],
  ["uploads", uploadThroughput],
  ["bundle size", bundleSizes],
];
const only = process.argv[2];
const results: Result[] = [];
const started = performance.now();
console.error(PINNED ? "servers on core 0, load on core 1 (taskset)" : "servers and load share the cores");
for (const [name, run] of suites) {
  if (only && !name.includes(only)) continue;
  console.error(`running ${name}...`);
  results.push(...(await run()));
}
printTable(results);
writeResults("bench/results.json", results);
console.error(`done in ${Math.round((performance.now() - started) / 1000)} s`);
