/**
 * The comparison step: the open program against an edited copy of itself (demos moved, changed,
 * added and removed, instructions rewritten), picked through the compare view, timed from the drop
 * to the painted summary, with the longest main-thread task in between.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { rng } from './gen-program.mjs';

/** Writes `x-edited.json.gz` beside the generated `x.json.gz` once; returns its path. */
export function ensureEditedCopy(file) {
  const edited = file.replace(/\.json\.gz$/, '-edited.json.gz');
  if (!existsSync(edited)) writeFileSync(edited, gzipSync(Buffer.from(editedCopy(gunzipSync(readFileSync(file)).toString('utf8'))), { level: 6 }));
  return edited;
}

/** A seeded edit of a generated program's text: what an optimizer run does to a saved program. */
export function editedCopy(text, seed = 11) {
  const random = rng(seed);
  const state = JSON.parse(text);
  for (const [id, m] of Object.entries(state)) {
    if (!m || !Array.isArray(m.demos) || m.demos.length === 0) continue;
    const demos = m.demos;
    const n = demos.length;
    // 0.5% moved, 0.5% with a new answer, 0.2% dropped, 0.2% new: a few hundred changes on 50,000.
    for (let i = 0; i < Math.ceil(n * 0.005); i++) {
      const [d] = demos.splice(Math.floor(random() * demos.length), 1);
      demos.splice(Math.floor(random() * demos.length), 0, d);
    }
    for (let i = 0; i < Math.ceil(n * 0.005); i++) demos[Math.floor(random() * demos.length)].answer = `edited ${i}`;
    for (let i = 0; i < Math.ceil(n * 0.002); i++) demos.splice(Math.floor(random() * demos.length), 1);
    for (let i = 0; i < Math.ceil(n * 0.002); i++) demos.push({ ...demos[i], question: `new question ${i} of ${id}?` });
    if (m.signature) m.signature.instructions = `${m.signature.instructions} Answer in one sentence.`;
  }
  // orjson-style: compact, so the serializer noise is there too.
  return JSON.stringify(state);
}

export async function runCompareStep(page, { otherUrl, otherName }) {
  await page.evaluate(
    async ([url, name]) => {
      const blob = await (await fetch(url)).blob();
      window.__bench.other = new File([blob], name, { type: 'application/gzip' });
    },
    [otherUrl, otherName],
  );
  await page.evaluate(async () => {
    [...document.querySelectorAll('.program-actions button')].find((b) => b.textContent === 'Compare…').click();
    await window.__bench.waitFor(() => document.querySelector('.compare-panel'));
  });
  const detail = await page.evaluate(async () => {
    const dt = new DataTransfer();
    dt.items.add(window.__bench.other);
    const startedAt = performance.now();
    const panel = document.querySelector('.compare-panel');
    for (const type of ['dragover', 'drop']) panel.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
    const seen = await window.__bench.waitFor(() => document.querySelector('[data-testid="compare-summary"], .compare-error'), 600000);
    const error = document.querySelector('.compare-error');
    if (error) throw new Error(error.textContent);
    return { startedAt, visibleAt: seen.painted, summary: document.querySelector('[data-testid="compare-summary"]').textContent };
  });
  const longtasks = await page.evaluate(([a, b]) => window.__bench.longtasksBetween(a, b), [detail.startedAt, detail.visibleAt]);
  const wallMs = detail.visibleAt - detail.startedAt;
  console.log(`    compare: ${wallMs.toFixed(0)} ms, longest task ${longtasks.longestMs.toFixed(0)} ms (${longtasks.count} long); ${detail.summary}`);
  return { name: 'compare with an edited copy (worker)', wallMs, summary: detail.summary, longtasks };
}
