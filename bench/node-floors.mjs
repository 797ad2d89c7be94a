/**
 * Floor (b) and the export floor, in this Node process: zlib.gunzipSync + JSON.parse of the same
 * .json.gz, and JSON.stringify (indent 2, as the file is written) + zlib.gzipSync (level 6). Best of
 * `runs`; the parsed value is kept for the export floor only.
 */
import { gunzipSync, gzipSync } from 'node:zlib';

function best(runs, fn) {
  let out;
  for (let i = 0; i < runs; i++) {
    const r = fn();
    if (!out || r.ms < out.ms) out = r;
  }
  return out;
}

export function nodeFloors(gz, runs = 3) {
  let value;
  const open = best(runs, () => {
    const t0 = performance.now();
    const raw = gunzipSync(gz);
    const t1 = performance.now();
    const text = raw.toString('utf8');
    const t2 = performance.now();
    value = JSON.parse(text);
    const t3 = performance.now();
    return { ms: t3 - t0, gunzipMs: t1 - t0, decodeMs: t2 - t1, parseMs: t3 - t2 };
  });
  const exportFloor = best(Math.min(runs, 2), () => {
    const t0 = performance.now();
    const text = JSON.stringify(value, null, 2);
    const t1 = performance.now();
    const out = gzipSync(Buffer.from(text), { level: 6 });
    const t2 = performance.now();
    return { ms: t2 - t0, stringifyMs: t1 - t0, gzipMs: t2 - t1, bytes: out.length };
  });
  value = undefined;
  return { open, export: exportFloor };
}
