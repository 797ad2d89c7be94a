import { loadFamilies } from '/work/wt-fuzz/src/fuzz/families';
import { Random } from '/work/wt-fuzz/src/fuzz/random';
import { drive } from '/work/wt-fuzz/src/fuzz/drive';
import { credentialsFor } from '/work/wt-fuzz/src/fuzz/campaign';
const fam = loadFamilies('/work/wt-fuzz').find((f) => f.id === process.argv[2])!;
const times: Array<[number, number, string, string]> = [];
for (let i = 0; i < Number(process.argv[3] ?? 100); i++) {
  const inp = await fam.make(Random.forInput(1, fam.id, i));
  const t = performance.now();
  let st = '';
  const c = credentialsFor(inp.credentials, '/work/wt-fuzz');
  const o = await drive({ name: inp.name, bytes: inp.bytes, ...(c ? { credentials: c } : {}) }, (s) => (st = s));
  times.push([performance.now() - t, i, o.kind + ':' + st + ':' + inp.bytes.length, inp.trace.join('|').slice(0, 120)]);
}
times.sort((a, b) => b[0] - a[0]);
console.log('total', times.reduce((s, t) => s + t[0], 0).toFixed(0));
for (const t of times.slice(0, 8)) console.log(t[0].toFixed(0), t[1], t[2], t[3]);
