// usage: node --import tsx /work/scratch/prof.ts <clicks|get> ; profiles the compiled demo server
import { spawn } from "node:child_process";
import { readdirSync, readFileSync, mkdirSync, rmSync } from "node:fs";
import autocannon from "autocannon";
import { LiveClient } from "../live-client.ts";
import { loadPage } from "../../tests/support/protocol.ts";
const mode = process.argv[2] ?? "clicks";
const dir = `/tmp/prof-${mode}`;
rmSync(dir, { recursive: true, force: true }); mkdirSync(dir);
const child = spawn(process.execPath, ["--import", "tsx", "--expose-gc", "--cpu-prof", "--cpu-prof-dir", dir, "bench/servers/app.ts"], {
  cwd: process.env.PROF_CWD ?? "/work/wt-perf", stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, NODE_ENV: "production", BENCH_LIMITS: "demo", BENCH_VIEWS_PER_USER: "100000" } });
const port = await new Promise<number>((r) => child.stdout!.on("data", (d) => { const m = /PORT (\d+)/.exec(String(d)); if (m) r(Number(m[1])); }));
const url = `http://127.0.0.1:${port}`;
if (mode === "clicks") {
  const { client } = await LiveClient.join(url, await loadPage(url, "/counter"), "/counter");
  for (let i = 0; i < 3000; i++) { await client.click(i % 2 ? "decrement" : "increment", { value: "" }); await new Promise((r) => setTimeout(r, 12)); }
  client.close();
} else {
  await autocannon({ url: url + "/counter", connections: 50, duration: 10 });
}
process.kill(child.pid!, "SIGTERM");
await new Promise((r) => child.once("exit", r));
const file = readdirSync(dir)[0]!;
const prof = JSON.parse(readFileSync(`${dir}/${file}`, "utf8"));
const parent = new Map<number, number>();
const byId = new Map<number, any>();
for (const n of prof.nodes) { byId.set(n.id, n); for (const c of n.children ?? []) parent.set(c, n.id); }
const key = (n: any) => `${n.callFrame.functionName || "(anon)"} ${n.callFrame.url.replace(/.*\/(node_modules\/)?/, "")}:${n.callFrame.lineNumber}`;
const self = new Map<string, number>();
const incl = new Map<string, number>();
let t = 0, total = 0;
const skip = Number(process.env.SKIP_MS ?? 4000) * 1000;
prof.samples.forEach((id: number, i: number) => {
  const d = prof.timeDeltas[i] ?? 0; t += d;
  if (t < skip) return;
  const n = byId.get(id);
  const name = n.callFrame.functionName;
  if (name === "(idle)" || name === "(program)") return;
  total += d;
  self.set(key(n), (self.get(key(n)) ?? 0) + d);
  const seen = new Set<string>();
  for (let x: number | undefined = id; x !== undefined; x = parent.get(x)) { const k = key(byId.get(x)); if (!seen.has(k)) { seen.add(k); incl.set(k, (incl.get(k) ?? 0) + d); } }
});
const n = Number(process.env.CLICKS ?? 1);
console.log(`busy ${(total / 1000).toFixed(0)} ms; per event ${(total / n).toFixed(0)} µs`);
console.log("-- self");
for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(((v / total) * 100).toFixed(1).padStart(5) + "%  " + k);
console.log("-- inclusive");
for (const [k, v] of [...incl].sort((a, b) => b[1] - a[1]).slice(0, 45)) console.log(((v / total) * 100).toFixed(1).padStart(5) + "%  " + k);
