#!/usr/bin/env node
/**
 * Writes a small checkpoint series into fixtures/series/: one DSPy question-answering program saved
 * three times during a run (instructions and demos evolve, `optimization_score` rises), named in
 * the envelope proposal's scheme (`qa_run.v1`, `qa_run.v2.epoch_1`, `qa_run.v3.best`, no extension).
 *   full/    three full snapshots
 *   diffs/   the same run as base + hand-written JSON Patch diffs (the last one gzipped, to show a
 *            diff may come in any syntax or compression the engine reads)
 *   broken/  base + a diff that applies + a diff whose third operation removes a demo that is not there
 * Deterministic: running it twice gives the same bytes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'fflate';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'series');
const json = (v) => JSON.stringify(v, null, 2) + '\n';
const write = (dir, name, data) => {
  mkdirSync(join(ROOT, dir), { recursive: true });
  writeFileSync(join(ROOT, dir, name), data);
};

const queryFields = [
  { prefix: 'Question:', description: '${question}' },
  { prefix: 'Query:', description: 'a search query' },
];
const answerFields = [
  { prefix: 'Context:', description: 'may contain relevant facts' },
  { prefix: 'Question:', description: '${question}' },
  { prefix: 'Answer:', description: 'often between 1 and 5 words' },
];
const qDemo1 = { augmented: true, question: 'Who designed the Eiffel Tower?', query: 'Eiffel Tower designer' };
const qDemo2 = { augmented: true, question: 'Which river flows through Paris?', query: 'river through Paris' };
const aDemo1 = { augmented: true, context: ['The Eiffel Tower was completed in 1889.'], question: 'When was the Eiffel Tower completed?', answer: '1889' };
const aDemo2 = { augmented: true, context: ['The Seine flows through Paris.'], question: 'Which river flows through Paris?', answer: 'Seine' };
const aDemo3 = {
  augmented: true,
  context: ["Gustave Eiffel's company built the tower."],
  question: 'Whose company built the Eiffel Tower?',
  answer: 'Gustave Eiffel',
};

const program = ({ queryInstr, queryDemos, answerInstr, answerDemos, score }) => ({
  retrieve: { k: 3 },
  'generate_query.predict': { traces: [], train: [], demos: queryDemos, signature: { instructions: queryInstr, fields: queryFields }, lm: null },
  'generate_answer.predict': { traces: [], train: [], demos: answerDemos, signature: { instructions: answerInstr, fields: answerFields }, lm: null },
  metadata: { dependency_versions: { python: '3.12', dspy: '3.0.3', cloudpickle: '3.1' }, optimization_score: score },
});

const Q1 = 'Write a search query for the question.';
const A1 = 'Answer the question.';
const A2 = 'Answer the question with a short factoid taken from the context.';
const Q3 = 'Write one precise search query that finds the fact the question needs.';

const v1 = program({ queryInstr: Q1, queryDemos: [qDemo1], answerInstr: A1, answerDemos: [aDemo1], score: 0.41 });
const v2 = program({ queryInstr: Q1, queryDemos: [qDemo1], answerInstr: A2, answerDemos: [aDemo1, aDemo2], score: 0.58 });
const v3 = program({ queryInstr: Q3, queryDemos: [qDemo2], answerInstr: A2, answerDemos: [aDemo1, { ...aDemo2, answer: 'the Seine' }, aDemo3], score: 0.73 });

write('full', 'qa_run.v1', json(v1));
write('full', 'qa_run.v2.epoch_1', json(v2));
write('full', 'qa_run.v3.best', json(v3));

const d2 = [
  { op: 'replace', path: '/generate_answer.predict/signature/instructions', value: A2 },
  { op: 'add', path: '/generate_answer.predict/demos/-', value: aDemo2 },
  { op: 'replace', path: '/metadata/optimization_score', value: 0.58 },
];
const d3 = [
  { op: 'test', path: '/metadata/optimization_score', value: 0.58 },
  { op: 'replace', path: '/generate_query.predict/signature/instructions', value: Q3 },
  { op: 'replace', path: '/generate_query.predict/demos/0', value: qDemo2 },
  { op: 'replace', path: '/generate_answer.predict/demos/1/answer', value: 'the Seine' },
  { op: 'add', path: '/generate_answer.predict/demos/2', value: aDemo3 },
  { op: 'replace', path: '/metadata/optimization_score', value: 0.73 },
];
write('diffs', 'qa_run.v1', json(v1));
write('diffs', 'qa_run.v2.epoch_1', json(d2));
write('diffs', 'qa_run.v3.best', gzipSync(new TextEncoder().encode(json(d3)), { level: 9, mtime: 0 }));

const broken = [d3[0], d3[1], { op: 'remove', path: '/generate_query.predict/demos/5' }, ...d3.slice(3)];
write('broken', 'qa_run.v1', json(v1));
write('broken', 'qa_run.v2.epoch_1', json(d2));
write('broken', 'qa_run.v3.best', json(broken));
