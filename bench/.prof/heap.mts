import { spawn } from "node:child_process";
import { readdirSync, readFileSync, mkdirSync, rmSync } from "node:fs";
import { LiveClient } from "../live-client.ts";
import { loadPage } from "../../tests/support/protocol.ts";
import { pool } from "../lib.ts";
const dir = "/tmp/heap"; rmSync(dir, { recursive: true, force: true }); mkdirSync(dir);
const child = spawn(process.execPath, ["--import", "tsx", "--expose-gc", "--heapsnapshot-signal=SIGUSR2", "--diagnostic-dir", dir, "bench/servers/app.ts"], {
  cwd: "/work/main", stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, NODE_ENV: "production" } });
const port = await new Promise<number>((r) => child.stdout!.on("data", (d) => { const m = /PORT (\d+)/.exec(String(d)); if (m) r(Number(m[1])); }));
const url = `http://127.0.0.1:${port}`;
const pages = await pool(Array.from({ length: 50 }), 10, () => loadPage(url, "/counter"));
const snap = async () => { await fetch(url + "/__bench/memory"); process.kill(child.pid!, "SIGUSR2"); await new Promise((r) => setTimeout(r, 4000)); };
await snap();
const N = 2000;
const clients = await pool(Array.from({ length: N }), 50, async (_, i) => (await LiveClient.join(url, pages[i % 50]!, "/counter")).client);
await new Promise((r) => setTimeout(r, 500));
await snap();
const files = readdirSync(dir).filter((f) => f.endsWith(".heapsnapshot")).sort();
function agg(f: string) {
  const s = JSON.parse(readFileSync(`${dir}/${f}`, "utf8"));
  const m = s.snapshot.meta; const nf = m.node_fields.length; const types = m.node_types[0];
  const ti = m.node_fields.indexOf("type"), ni = m.node_fields.indexOf("name"), si = m.node_fields.indexOf("self_size");
  const out = new Map<string, [number, number]>();
  for (let i = 0; i < s.nodes.length; i += nf) { const k = types[s.nodes[i + ti]] + ":" + (types[s.nodes[i + ti]] === "string" ? "" : s.strings[s.nodes[i + ni]]).slice(0, 60); const e = out.get(k) ?? [0, 0]; e[0]++; e[1] += s.nodes[i + si]; out.set(k, e); }
  return out;
}
const a = agg(files[0]!), b = agg(files[1]!);
const d = [...b].map(([k, [c, sz]]) => [k, c - (a.get(k)?.[0] ?? 0), sz - (a.get(k)?.[1] ?? 0)] as const).sort((x, y) => y[2] - x[2]);
let tot = 0; for (const x of d) tot += x[2];
console.log(`heap per view ${(tot / N).toFixed(0)} B`);
for (const [k, c, sz] of d.slice(0, 45)) console.log(`${(sz / N).toFixed(0).padStart(6)} B/view ${(c / N).toFixed(2).padStart(6)}/view  ${k}`);
for (const c of clients) c.close();
child.kill();
process.exit(0);
