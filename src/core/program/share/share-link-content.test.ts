import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'fflate';
import { analyzeProgram } from '../formats/analyze';
import { exportDocument } from '../export/export-document';
import { decodeBytes } from '../../engine/pipeline/decode';
import { decodeShareLink, encodeShareLink } from './share-link';
import { portableExportOptions } from '../export/portable-options';

const withKey = new Uint8Array(readFileSync('fixtures/programs/dspy-lm-api-key.json'));
const KEY = 'sk-proj-EXAMPLEEXAMPLEEXAMPLE';

/** What the share dialog does: export with the share options, put the file in a link, read the link back. */
async function throughLink(bytes: Uint8Array, name: string, redact: boolean) {
  const decoded = await decodeBytes(bytes, { name });
  const program = analyzeProgram(decoded.value, { recipe: decoded.recipe, name });
  const exported = await exportDocument(
    {
      value: decoded.value,
      program,
      recipe: decoded.recipe,
      appliedOps: [],
      originalValue: decoded.value,
      name,
      ...(decoded.text !== undefined ? { sourceText: decoded.text } : {}),
      originalBytes: bytes,
    },
    portableExportOptions(decoded.syntax, redact),
  );
  const shared = decodeShareLink(encodeShareLink({ name: exported.fileName, bytes: exported.bytes }));
  return { shared, reopened: await decodeBytes(shared.bytes, { name: shared.name }) };
}

describe('what a share link carries', () => {
  it('redacts flagged secrets by default, like export', async () => {
    const { shared, reopened } = await throughLink(withKey, 'lm.json', true);
    expect(new TextDecoder().decode(shared.bytes)).not.toContain(KEY);
    expect((reopened.value as { predict: { lm: { api_key: string } } }).predict.lm.api_key).toBe('[REDACTED]');
  });

  it('keeps the key only when the user unticks redaction', async () => {
    const { reopened } = await throughLink(withKey, 'lm.json', false);
    expect((reopened.value as { predict: { lm: { api_key: string } } }).predict.lm.api_key).toBe(KEY);
  });

  it('keeps the recipe: a gzip file travels as gzip under its own name', async () => {
    const { shared, reopened } = await throughLink(gzipSync(withKey), 'lm.json.gz', true);
    expect(shared.name).toBe('lm.json.gz');
    expect(reopened.recipe.map((s) => s.layer)).toEqual(['gzip', 'json']);
    expect(reopened.text).not.toContain(KEY);
  });

  it('sends a pickle as JSON, never as a pickle', async () => {
    const pickle = new Uint8Array(readFileSync('fixtures/pickle/dspy-state.pkl'));
    const { shared, reopened } = await throughLink(pickle, 'state.pkl', true);
    expect(shared.name).toBe('state.json');
    expect(reopened.recipe.map((s) => s.layer)).toEqual(['json']);
  });
});
