/** Export names: a file written with the layers it came with keeps its name; a new recipe gets its own suffixes. */
import { zlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { decodeBytes } from '../../engine/pipeline/decode.ts';
import { readRepoFile } from '../../../test-support/real-fixtures.ts';
import { analyzeProgram } from '../formats/analyze.ts';
import type { ExportSource } from './export-options.ts';
import { exportDocument } from './export-document.ts';
import { exportFileName } from './export-file-name.ts';
import { exportModule } from './export-module.ts';

async function opened(bytes: Uint8Array, name: string): Promise<ExportSource> {
  const doc = await decodeBytes(bytes, { name });
  const source: ExportSource = {
    value: doc.value,
    program: analyzeProgram(doc.value, { recipe: doc.recipe, name }),
    recipe: doc.recipe,
    appliedOps: [],
    originalBytes: bytes,
    name,
  };
  if (doc.text !== undefined) source.sourceText = doc.text;
  return source;
}

describe('export file names', () => {
  const json = readRepoFile('fixtures/programs/dspy-era-f.json');

  it('a zlib stream named .json.gz, exported with its own recipe, keeps its name', async () => {
    const source = await opened(zlibSync(json), 'model.json.gz');
    expect(source.recipe.map((s) => s.layer)).toContain('zlib');
    expect((await exportDocument(source)).fileName).toBe('model.json.gz');
    // Asked for zlib again (another level): still the same layers, still the same name.
    expect((await exportDocument(source, { compression: 'zlib', level: 9 })).fileName).toBe('model.json.gz');
  });

  it('a changed recipe gets the suffixes it calls for', async () => {
    const source = await opened(zlibSync(json), 'model.json.gz');
    expect((await exportDocument(source, { compression: 'none' })).fileName).toBe('model.json');
    expect((await exportDocument(source, { compression: 'gzip' })).fileName).toBe('model.json.gz');
    expect((await exportDocument(source, { syntax: 'yaml', compression: 'zlib' })).fileName).toBe('model.yaml.zz');
  });

  it('names without a recipe to compare with follow the recipe, and paths are dropped', () => {
    const zlib = [
      { layer: 'zlib', options: {} },
      { layer: 'json', options: {} },
    ];
    expect(exportFileName('model.json.gz', zlib)).toBe('model.json.zz');
    expect(exportFileName('dir/model.json.gz', zlib, zlib)).toBe('model.json.gz');
    expect(exportFileName(undefined, zlib, zlib)).toBe('program.json.zz');
  });
  it('a module file is made here: its name follows its layers, not the name of the program it came from', async () => {
    const source = await opened(readRepoFile('fixtures/programs/envelope-1.1.0.msgpack'), 'envelope-1.1.0.msgpack');
    const mod = source.program.modules.find((m) => m.kind === 'predict');
    expect(mod).toBeDefined();
    const out = await exportModule(source, mod!.id, { now: '2025-01-01T00:00:00Z' });
    expect(out.fileName).toBe(`${mod!.id}.msgpack`);
  });
});
