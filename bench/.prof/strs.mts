import { readdirSync, readFileSync } from "node:fs";
const dir = "/tmp/heap";
const files = readdirSync(dir).filter((f) => f.endsWith(".heapsnapshot")).sort();
const s = JSON.parse(readFileSync(`${dir}/${files[1]}`, "utf8"));
const m = s.snapshot.meta; const nf = m.node_fields.length; const types = m.node_types[0];
const ti = m.node_fields.indexOf("type"), ni = m.node_fields.indexOf("name"), si = m.node_fields.indexOf("self_size");
const pat = new Map<string, [number, number]>();
for (let i = 0; i < s.nodes.length; i += nf) {
  if (types[s.nodes[i + ti]] !== "string") continue;
  const v: string = s.strings[s.nodes[i + ni]];
  const key = v.slice(0, 40).replace(/[A-Za-z0-9_-]{16,}/g, "<tok>").replace(/\d+/g, "N");
  const e = pat.get(key) ?? [0, 0]; e[0]++; e[1] += s.nodes[i + si]; pat.set(key, e);
}
for (const [k, [c, sz]] of [...pat].sort((a, b) => b[1][1] - a[1][1]).slice(0, 30)) console.log(String(sz).padStart(9), String(c).padStart(6), JSON.stringify(k));
