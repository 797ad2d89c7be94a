/**
 * Every real DSPy file beside the checkout, with expectations written by hand from reading each
 * file (module names, demo counts, era and version), one row per file.
 */
import { describe, expect, it } from 'vitest';
import { getAt } from '../../engine/json-pointer';
import { readRealFixture, realDspyFiles, realFixturesPresent } from '../../../test-support/real-fixtures';
import { analyzeProgram } from './analyze';

interface Row {
  file: string;
  format: string;
  content: string;
  era?: string;
  version: string;
  versionSource: 'metadata' | 'inferred';
  modules: Array<[id: string, path: string[], kind: string, demos: number]>;
}

const ROWS: Row[] = [
  {
    file: 'HoneyOak__Optimising-LLMs__optimized_program.json',
    format: 'dspy-state',
    content: 'program',
    era: 'F',
    version: '2.6.27',
    versionSource: 'metadata',
    modules: [['respond.predict', ['respond', 'predict'], 'predict', 4]],
  },
  {
    file: 'IMJONEZZ__USU-LLM-Class__dspy_program__metadata.json',
    format: 'dspy-whole-program',
    content: 'whole-program-metadata',
    era: 'F',
    version: '2.6.16',
    versionSource: 'metadata',
    modules: [],
  },
  {
    file: 'IMJONEZZ__USU-LLM-Class__dspy_program__program.json',
    format: 'dspy-state',
    content: 'program',
    era: 'F',
    version: '2.6.16',
    versionSource: 'metadata',
    modules: [['predict', ['predict'], 'predict', 4]],
  },
  {
    file: 'amanshresthaa__Thematic-AnalysisG__optimized_program.json',
    format: 'dspy-state',
    content: 'program',
    era: 'C',
    version: '2.5.6 – 2.5.42',
    versionSource: 'inferred',
    modules: [['predictor', ['predictor'], 'predict', 0]],
  },
  {
    file: 'can-gurkan__LEAR__optimized_program.json',
    format: 'dspy-state',
    content: 'program',
    era: 'D',
    version: '2.5.43',
    versionSource: 'metadata',
    modules: [['self', ['self'], 'predict', 0]],
  },
  {
    file: 'currybab__dspy-study__optimized_rag.json',
    format: 'dspy-state',
    content: 'program',
    era: 'F',
    version: '3.0.0b2',
    versionSource: 'metadata',
    modules: [['respond.predict', ['respond', 'predict'], 'predict', 2]],
  },
  {
    file: 'flsteven87__prompt_engineering__compiled_program.json',
    format: 'dspy-state',
    content: 'program',
    era: 'B',
    version: '2.4.3 – 2.5.5',
    versionSource: 'inferred',
    modules: [['classifier', ['classifier'], 'predict', 16]],
  },
  {
    file: 'hmoazam__databricks-dspy-cookbook__optimized_rag.json',
    format: 'dspy-state',
    content: 'program',
    era: 'F',
    version: '2.6.23',
    versionSource: 'metadata',
    modules: [
      ['retriever', ['retriever'], 'retrieve', 0],
      ['response_generator', ['response_generator'], 'predict', 4],
    ],
  },
  {
    file: 'ihower__openai-agents-fastapi-boilerplate__dspy_program__metadata.json',
    format: 'dspy-whole-program',
    content: 'whole-program-metadata',
    era: 'F',
    version: '3.0.3',
    versionSource: 'metadata',
    modules: [],
  },
  {
    file: 'l3onlau__policy-qa-bot__compiled_rag.json',
    format: 'dspy-state',
    content: 'program',
    era: 'F',
    version: '3.1.3',
    versionSource: 'metadata',
    modules: [['predict', ['predict'], 'predict', 3]],
  },
  {
    file: 'robjsliwa__adventures_in_dspy__compiled_program.json',
    format: 'dspy-state',
    content: 'program',
    era: 'B',
    version: '2.4.3 – 2.5.5',
    versionSource: 'inferred',
    modules: [['predictor', ['predictor'], 'predict', 0]],
  },
  {
    file: 'stanfordnlp__dspy__tests_primitives_resources_saved_program.json',
    format: 'dspy-state',
    content: 'program',
    era: 'F',
    version: '3.0.0',
    versionSource: 'metadata',
    modules: [
      ['react', ['react'], 'predict', 2],
      ['extract.predict', ['extract', 'predict'], 'predict', 2],
    ],
  },
  {
    file: 'suryaEdify__dspy-testing__optimized_agent.json',
    format: 'dspy-state',
    content: 'program',
    era: 'F',
    version: '2.6.14',
    versionSource: 'metadata',
    modules: [
      ['react.react', ['react', 'react'], 'predict', 5],
      ['react.extract.predict', ['react', 'extract', 'predict'], 'predict', 5],
    ],
  },
  {
    file: 'yzjing__dspy_demo__optimized_pipeline.json',
    format: 'dspy-state',
    content: 'program',
    era: 'F',
    version: '2.6.15',
    versionSource: 'metadata',
    modules: [['rag.predict', ['rag', 'predict'], 'predict', 4]],
  },
];

/** Field names and roles, by hand, for the modules where the inference has something to prove. */
const FIELDS: Array<[file: string, moduleId: string, fields: Array<[string, string]>]> = [
  [
    'IMJONEZZ__USU-LLM-Class__dspy_program__program.json',
    'predict',
    [
      ['question', 'input'],
      ['reasoning', 'output'],
      ['answer', 'output'],
    ],
  ],
  [
    'amanshresthaa__Thematic-AnalysisG__optimized_program.json',
    'predictor',
    [
      ['question', 'input'],
      ['context', 'input'],
      ['rationale', 'output'],
      ['answer', 'output'],
    ],
  ],
  [
    'hmoazam__databricks-dspy-cookbook__optimized_rag.json',
    'response_generator',
    [
      ['context', 'input'],
      ['question', 'input'],
      ['response', 'output'],
    ],
  ],
  [
    'l3onlau__policy-qa-bot__compiled_rag.json',
    'predict',
    [
      ['context', 'input'],
      ['question', 'input'],
      ['reasoning', 'output'],
      ['reasoning_and_answer', 'output'],
      ['sources', 'output'],
    ],
  ],
  [
    'stanfordnlp__dspy__tests_primitives_resources_saved_program.json',
    'react',
    [
      ['question', 'input'],
      ['trajectory', 'input'],
      ['next_thought', 'output'],
      ['next_tool_name', 'output'],
      ['next_tool_args', 'output'],
    ],
  ],
  [
    'suryaEdify__dspy-testing__optimized_agent.json',
    'react.extract.predict',
    [
      ['question', 'input'],
      ['context', 'input'],
      ['history', 'input'],
      ['trajectory', 'input'],
      ['reasoning', 'output'],
      ['sql_query', 'output'],
      ['answer', 'output'],
    ],
  ],
  [
    'can-gurkan__LEAR__optimized_program.json',
    'self',
    [
      ['pseudocode', 'input'],
      ['reasoning', 'output'],
      ['netlogo_code', 'output'],
    ],
  ],
  [
    'flsteven87__prompt_engineering__compiled_program.json',
    'classifier',
    [
      ['question', 'input'],
      ['answer', 'output'],
    ],
  ],
  ['robjsliwa__adventures_in_dspy__compiled_program.json', 'predictor', [['updated_game_state', 'output']]],
];

function parse(name: string): unknown {
  return JSON.parse(new TextDecoder().decode(readRealFixture(name)));
}

describe.runIf(realFixturesPresent())('real DSPy corpus', () => {
  it('has a row for every file in the corpus', () => {
    expect(ROWS.map((r) => r.file).sort()).toEqual(realDspyFiles());
  });

  it.each(ROWS)('$file', (row) => {
    const value = parse(row.file);
    const before = JSON.stringify(value);
    const p = analyzeProgram(value, { name: row.file });
    expect(p.format).toBe(row.format);
    expect(p.content).toBe(row.content);
    expect(p.era).toBe(row.era);
    expect(p.version).toBe(row.version);
    expect(p.versionSource).toBe(row.versionSource);
    expect(p.modules.map((m) => [m.id, m.path, m.kind, m.demoCount])).toEqual(row.modules);
    for (const m of p.modules) {
      expect(getAt(value, m.pointer)).toBeDefined();
      if (m.demosPointer !== undefined) expect((getAt(value, m.demosPointer) as unknown[]).length).toBe(m.demoCount);
    }
    expect(p.secrets).toEqual([]);
    // The model is a view: analysing leaves the value tree identical.
    expect(JSON.stringify(value)).toBe(before);
  });

  it.each(FIELDS)('%s %s: inferred field names and roles', (file, moduleId, fields) => {
    const p = analyzeProgram(parse(file));
    const m = p.modules.find((x) => x.id === moduleId);
    expect(m?.signature?.fields.map((f) => [f.name, f.role])).toEqual(fields);
    expect(m?.signature?.fields.every((f) => f.nameInferred)).toBe(true);
  });

  it('keeps the retriever k and the era B instructions pointer', () => {
    const rag = analyzeProgram(parse('hmoazam__databricks-dspy-cookbook__optimized_rag.json'));
    expect(rag.modules[0]?.params).toEqual({ k: 5 });
    const b = analyzeProgram(parse('flsteven87__prompt_engineering__compiled_program.json'));
    expect(b.modules[0]?.instructionsPointer).toBe('/classifier/signature_instructions');
    expect(b.modules[0]?.signature?.instructions).toMatch(/^To classify questions/);
    const d = analyzeProgram(parse('can-gurkan__LEAR__optimized_program.json'));
    expect(d.modules[0]?.extendedSignature?.instructions).toBe('Convert pseudocode to NetLogo code with verification.');
  });

  it('says where the modules are when metadata.json comes with program.pkl, and how to see it when it comes alone', () => {
    const p = analyzeProgram(parse('ihower__openai-agents-fastapi-boilerplate__dspy_program__metadata.json'), {
      name: 'metadata.json',
      siblings: ['dspy_program/metadata.json', 'dspy_program/program.pkl'],
    });
    expect(p.notes.join(' ')).toMatch(/program\.pkl, a cloudpickle .* read inertly for its safety report/);
    const alone = analyzeProgram(parse('ihower__openai-agents-fastapi-boilerplate__dspy_program__metadata.json'), { name: 'metadata.json' });
    expect(alone.notes.join(' ')).toMatch(/Drop both files \(or the folder\) together/);
  });
});
