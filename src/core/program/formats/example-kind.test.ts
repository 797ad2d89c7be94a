/**
 * Adding a program kind is one folder and one line in kinds.ts. This test is that folder, inlined:
 * a small kind for a made-up format ("promptkit" files), registered beside the real kinds and
 * opened from bytes through the real path (format engine, then the kinds' analysis).
 */
import { describe, expect, it } from 'vitest';
import { joinPointer } from '../../engine/json-pointer';
import { decodeBytes } from '../../engine/pipeline/decode';
import { isObject, strOrUndef } from '../model/keys';
import { applyWithInverse } from '../model/patch';
import type { ModuleInfo, ProgramFacts } from '../model/program';
import { findSecrets } from '../model/secrets';
import { analyzeProgram, analyzeWith } from './analyze';
import type { ProgramKind } from './kind';
import { KINDS } from './kinds';

// --- formats/promptkit/kind.ts -------------------------------------------------------------
// A made-up format: {"promptkit": "0.3", "prompts": {name: {instructions, examples: [{input, output}]}}}
interface PromptkitNames {
  id: 'promptkit';
  format: 'promptkit';
  ecosystem: 'promptkit';
}

function analyzePromptkit(value: unknown, version: string | undefined): ProgramFacts<PromptkitNames> {
  const prompts = isObject(value) && isObject(value.prompts) ? value.prompts : {};
  const modules: ModuleInfo[] = Object.keys(prompts).map((name) => {
    const pointer = joinPointer('', 'prompts', name);
    const p = isObject(prompts[name]) ? prompts[name] : {};
    const examples = Array.isArray(p.examples) ? p.examples : [];
    return {
      id: name,
      path: [name],
      kind: 'predict',
      pointer,
      signature: {
        instructions: strOrUndef(p.instructions) ?? '',
        fields: [
          { name: 'input', nameInferred: false, role: 'input' },
          { name: 'output', nameInferred: false, role: 'output' },
        ],
      },
      instructionsPointer: joinPointer(pointer, 'instructions'),
      demoCount: examples.length,
      demosPointer: joinPointer(pointer, 'examples'),
      demoShape: 'flat',
      params: {},
    };
  });
  const facts: ProgramFacts<PromptkitNames> = {
    format: 'promptkit',
    ecosystem: 'promptkit',
    formatLabel: 'Promptkit file',
    content: 'program',
    modules,
    metadata: {},
    secrets: findSecrets(value, modules),
    notes: [],
  };
  if (version !== undefined) facts.version = version;
  return facts;
}

const promptkitKind: ProgramKind<PromptkitNames> = {
  id: 'promptkit',
  label: 'Promptkit',
  ecosystems: ['promptkit'],
  readers: [
    {
      formats: ['promptkit'],
      detect: (v) => (isObject(v) && typeof v.promptkit === 'string' && isObject(v.prompts) ? { confidence: 0.9, version: v.promptkit } : null),
      analyze: (v, detection) => analyzePromptkit(v, detection.version),
      edits: { setInstructions: (_v, _p, mod, text) => [{ op: 'replace', path: mod.instructionsPointer!, value: text }] },
    },
  ],
  schemas: { forProgram: () => ({ type: 'object', required: ['promptkit', 'prompts'] }) },
  versionLabel: (program) => (program.version !== undefined ? `Promptkit ${program.version}` : undefined),
};

// --- formats/kinds.ts: the one line --------------------------------------------------------
const kinds = [...KINDS.slice(0, -1), promptkitKind, ...KINDS.slice(-1)];

describe('a program kind added as one folder and one line in the registry', () => {
  const text = JSON.stringify({ promptkit: '0.3', prompts: { greet: { instructions: 'Say hello.', examples: [{ input: 'Ada', output: 'Hello, Ada' }] } } });

  it('opens a file of its format from bytes through the engine and the kinds', async () => {
    const doc = await decodeBytes(new TextEncoder().encode(text), { name: 'greetings.json' });
    expect(analyzeProgram(doc.value).kind).toBe('generic'); // not registered: a plain value

    const program = analyzeWith(kinds, doc.value, { recipe: doc.recipe, name: 'greetings.json' });
    expect(program.kind).toBe('promptkit');
    expect(program.format).toBe('promptkit');
    expect(program.modules.map((m) => [m.id, m.demoCount, m.signature?.instructions])).toEqual([['greet', 1, 'Say hello.']]);
    // What the page offers is derived from the registered kinds, the new one included.
    expect(program.offers.versionLabel).toBe('Promptkit 0.3');
    expect(program.offers.exportTargets.map((t) => t.id)).toEqual(['dspy', 'envelope', 'generic']);
    expect(program.offers.moduleFileShapes.map((s) => s.id)).toEqual(['self', 'own-path']);
  });

  it('edits where its reader says, and the inverse restores the value', async () => {
    const doc = await decodeBytes(new TextEncoder().encode(text), { name: 'greetings.json' });
    const program = analyzeWith(kinds, doc.value);
    const reader = promptkitKind.readers[0]!;
    const ops = reader.edits!.setInstructions!(doc.value, program as never, program.modules[0]!, 'Say hi.');
    const applied = applyWithInverse(doc.value, ops);
    expect(analyzeWith(kinds, applied.value).modules[0]?.signature?.instructions).toBe('Say hi.');
    expect(applyWithInverse(applied.value, applied.inverse).value).toEqual(doc.value);
  });

  it('leaves every registered kind as it was', () => {
    const dspy = {
      'gen.predict': { traces: [], train: [], demos: [], signature: { instructions: 'I', fields: [{ prefix: 'Q:', description: 'q' }] }, lm: null },
      metadata: { dependency_versions: { dspy: '3.0.3' } },
    };
    expect(analyzeWith(kinds, dspy).kind).toBe('dspy');
    expect(analyzeWith(kinds, 'just a string').kind).toBe('generic');
  });
});
