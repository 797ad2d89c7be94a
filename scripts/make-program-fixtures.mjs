#!/usr/bin/env node
/**
 * Writes the project's own small program files into fixtures/programs/: one DSPy state file per
 * layout era A–F (shapes from the DSPy source history), a DSPy file with an `api_key` in its `lm`,
 * the versioned envelope 1.1.0 as JSON, as YAML with Ruby symbol keys and as MessagePack, a
 * single-module envelope file, a Desiru `to_h` program, and dspy-go and DSRs files.
 * Deterministic: running it twice gives the same bytes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pack } from 'msgpackr';
import YAML from 'yaml';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'programs');
mkdirSync(OUT, { recursive: true });

const write = (name, data) => writeFileSync(join(OUT, name), data);
const json = (v) => JSON.stringify(v, null, 2);

const ctx = ["The Eiffel Tower was completed in 1889 for the World's Fair in Paris.", "Gustave Eiffel's company designed and built the tower."];
const augmented = (extra) => ({ augmented: true, context: ctx, question: 'When was the Eiffel Tower completed?', ...extra, answer: '1889' });
const raw = {
  question: 'Who designed the Eiffel Tower?',
  answer: "Gustave Eiffel's company",
  dspy_uuid: '5b1e0c9e-3f43-4c55-9d0e-2f1f6d7a1c11',
  dspy_split: 'train',
};
const fields = (reasoningPrefix, reasoningDesc) => [
  { prefix: 'Context:', description: 'may contain relevant facts' },
  { prefix: 'Question:', description: '${question}' },
  { prefix: reasoningPrefix, description: reasoningDesc },
  { prefix: 'Answer:', description: 'often between 1 and 5 words' },
];
const COT = "Reasoning: Let's think step by step in order to";
const INSTR = 'Answer questions with short factoid answers.';

// Era A (dspy-ai ≤ 2.3): lm, traces, train, demos; no signature; dspy_uuid after augmented.
write(
  'dspy-era-a.json',
  json({
    retrieve: { k: 3 },
    generate_answer: {
      lm: null,
      traces: [],
      train: [],
      demos: [
        {
          augmented: true,
          dspy_uuid: 'a2789731-ef9f-4496-9bdf-3cd08853865d',
          context: ctx,
          question: 'When was the Eiffel Tower completed?',
          rationale: 'produce the answer. The context says 1889.',
          answer: '1889',
        },
        raw,
      ],
    },
  }),
);

// Era B (2.4.3 – 2.5.5): signature_instructions / signature_prefix, CoT extended_signature_*.
write(
  'dspy-era-b.json',
  json({
    retrieve: { k: 3 },
    generate_answer: {
      lm: null,
      traces: [],
      train: [],
      demos: [augmented({ rationale: 'produce the answer. The context says it was completed in 1889.' }), raw],
      signature_instructions: INSTR,
      signature_prefix: 'Answer:',
      extended_signature_instructions: INSTR,
      extended_signature_prefix: 'Answer:',
    },
  }),
);

// Era C (2.5.6 – 2.5.42): signature dict, extended_signature for CoT, no metadata.
const sigC = { instructions: INSTR, fields: fields(COT, '${produce the answer}. We ...') };
write(
  'dspy-era-c.json',
  json({
    retrieve: { k: 3 },
    generate_answer: {
      lm: null,
      traces: [],
      train: [],
      demos: [augmented({ reasoning: 'The context says 1889.' }), raw],
      signature: sigC,
      extended_signature: sigC,
    },
  }),
);

// Era D (2.5.43): as C plus metadata with full micro versions.
write(
  'dspy-era-d.json',
  json({
    self: {
      lm: null,
      traces: [],
      train: [],
      demos: [augmented({ reasoning: 'The context says 1889.' })],
      signature: sigC,
      extended_signature: { ...sigC, instructions: 'You are a careful fact checker. ' + INSTR },
    },
    metadata: { dependency_versions: { python: '3.11.10', dspy: '2.5.43', cloudpickle: '3.1.1' } },
  }),
);

// Era E (2.6.0 – 2.6.8): CoT is a module with .predict; lm still first; major.minor metadata.
const sigE = { instructions: INSTR, fields: fields(COT, '${reasoning}') };
write(
  'dspy-era-e.json',
  json({
    retrieve: { k: 3 },
    'generate_answer.predict': { lm: null, traces: [], train: [], demos: [augmented({ reasoning: 'The context says 1889.' }), raw], signature: sigE },
    metadata: { dependency_versions: { python: '3.12', dspy: '2.6.5', cloudpickle: '3.1' } },
  }),
);

// Era F (2.6.9 – 3.3.x): lm last; ReAct nested in a custom module; list and dict containers.
write(
  'dspy-era-f.json',
  json({
    'agent.react': {
      traces: [],
      train: [],
      demos: [
        {
          augmented: true,
          question: 'Which tower is taller?',
          trajectory: '[[ ## thought_0 ## ]]\nlook it up',
          next_thought: 'Search.',
          next_tool_name: 'search',
          next_tool_args: { query: 'tower heights' },
        },
      ],
      signature: {
        instructions: 'Use the tools to answer.',
        fields: [
          { prefix: 'Question:', description: '${question}' },
          { prefix: 'Trajectory:', description: '${trajectory}' },
          { prefix: 'Next Thought:', description: '${next_thought}' },
          { prefix: 'Next Tool Name:', description: '${next_tool_name}' },
          { prefix: 'Next Tool Args:', description: '${next_tool_args}' },
        ],
      },
      lm: null,
    },
    'agent.extract.predict': {
      traces: [],
      train: [],
      demos: [],
      signature: {
        instructions: 'Given the fields `question`, `trajectory`, produce the fields `answer`.',
        fields: [
          { prefix: 'Question:', description: '${question}' },
          { prefix: 'Trajectory:', description: '${trajectory}' },
          { prefix: 'Reasoning:', description: '${reasoning}' },
          { prefix: 'Answer:', description: '${answer}' },
        ],
      },
      lm: null,
    },
    'drafts[0]': {
      traces: [],
      train: [],
      demos: [],
      signature: {
        instructions: 'Draft an answer.',
        fields: [
          { prefix: 'Question:', description: '${question}' },
          { prefix: 'Draft:', description: '${draft}' },
        ],
      },
      lm: null,
    },
    "judges['strict']": {
      traces: [],
      train: [],
      demos: [],
      signature: {
        instructions: 'Judge the draft.',
        fields: [
          { prefix: 'Draft:', description: '${draft}' },
          { prefix: 'Verdict:', description: '${verdict}' },
        ],
      },
      lm: null,
    },
    metadata: { dependency_versions: { python: '3.12', dspy: '3.0.3', cloudpickle: '3.1' } },
  }) + '\n',
);

// DSPy 3.0.x file that kept api_key in its lm dict (DSPy issue #8940).
write(
  'dspy-lm-api-key.json',
  json({
    predict: {
      traces: [],
      train: [],
      demos: [],
      signature: {
        instructions: 'Given the fields `question`, produce the fields `answer`.',
        fields: [
          { prefix: 'Question:', description: '${question}' },
          { prefix: 'Answer:', description: '${answer}' },
        ],
      },
      lm: {
        model: 'openai/gpt-5-nano',
        model_type: 'chat',
        cache: true,
        num_retries: 3,
        finetuning_model: null,
        launch_kwargs: {},
        train_kwargs: {},
        temperature: 1.0,
        max_completion_tokens: 50000,
        api_key: 'sk-proj-EXAMPLEEXAMPLEEXAMPLE',
      },
    },
    metadata: { dependency_versions: { python: '3.12', dspy: '3.0.3', cloudpickle: '3.1' } },
  }) + '\n',
);

// The versioned envelope 1.1.0.
const envelope = {
  version: '1.1.0',
  metadata: { created_by: 'desiru', desiru_version: '0.2.0', program_class: 'QAPipeline' },
  program: {
    class: 'QAPipeline',
    modules: [
      {
        name: 'retrieve',
        class: 'Desiru::Modules::Retrieve',
        signature: 'query: string -> documents: list',
        demonstrations: [],
        parameters: { k: 3, streaming_enabled: false },
        metadata: {},
      },
      {
        name: 'answer',
        class: 'Desiru::Modules::ChainOfThought',
        signature: 'question: string, context: list -> answer: string, rationale: string "why the answer follows"',
        demonstrations: [
          { question: 'When was the Eiffel Tower completed?', context: ctx, answer: '1889', rationale: 'The context says so.' },
          { question: 'Who designed it?', context: ctx, answer: "Gustave Eiffel's company", rationale: 'Second sentence.' },
        ],
        parameters: { temperature: 0.7, max_tokens: 1000, instruction_template: 'Answer from the context only.', streaming_enabled: false },
        metadata: { created_at: '2025-06-20T10:00:00Z', optimization_score: 0.82, usage_count: 12 },
      },
    ],
    configuration: { max_iterations: 10, early_stopping: true },
    custom_data: {},
  },
  timestamp: '2025-06-20T10:00:00Z',
};
write('envelope-1.1.0.json', json(envelope) + '\n');
write('envelope-1.1.0.msgpack', pack(envelope));
const symbolise = (v) =>
  Array.isArray(v) ? v.map(symbolise) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [':' + k, symbolise(x)])) : v;
write('envelope-1.1.0.yaml', '---\n' + YAML.stringify(symbolise(envelope)));

// The single-module file.
write(
  'envelope-module.json',
  json({ module: envelope.program.modules[1], parent_program: { class: 'QAPipeline', version: '1.1.0' }, exported_at: '2025-06-21T08:30:00Z' }) + '\n',
);

// What Desiru's Program#to_h emits today (modules as a hash, config, signature hashes, demos_count).
write(
  'desiru-program-to-h.json',
  json({
    class: 'QAPipeline',
    modules: {
      answer: {
        class: 'Desiru::Modules::Predict',
        signature: {
          signature: 'question: string -> answer: string',
          inputs: { question: { name: 'question', type: 'string', optional: false } },
          outputs: { answer: { name: 'answer', type: 'string', optional: false } },
        },
        config: { temperature: 0.7, max_tokens: 1000, timeout: 30, retry_on_failure: true },
        demos_count: 2,
        call_count: 0,
        metadata: {},
      },
    },
    config: { max_iterations: 10, early_stopping: true, trace_execution: true },
    metadata: {},
  }) + '\n',
);

write(
  'dspy-go.json',
  json({
    modules: {
      qa: {
        signature: 'Inputs:\n  - question (The question)\nOutputs:\n  - answer [string] (The answer)\nInstruction: Answer briefly.\n',
        demos: [
          { inputs: { question: '2+2?' }, outputs: { answer: '4' } },
          { inputs: { question: 'Capital of France?' }, outputs: { answer: 'Paris' } },
        ],
        lm_identifier: { provider: 'OpenAI', model: 'gpt-4' },
        tuned_parameters: { k: 3 },
        module_type: 'Predict',
      },
    },
    metadata: { dspy_go_version: '0.0.0-dev' },
  }) + '\n',
);

write(
  'dsrs.json',
  json({
    predictors: {
      answerer: { demos: [{ question: '2+2?', answer: '4' }], instruction_override: 'Answer concisely.' },
      'pipeline.rewriter': { demos: [] },
    },
  }) + '\n',
);

console.log(`program fixtures written to ${OUT}`);
