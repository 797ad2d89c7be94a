/**
 * The open program as one object: every change is applied once and returns its undoable record;
 * a refused change leaves the document exactly as it was; versions replay from the original.
 */
import { describe, expect, it } from 'vitest';
import { readRepoFile } from '../../../test-support/real-fixtures';
import { SMALL_PROGRAM, SMALL_PROGRAM_TEXT } from '../../../test-support/small-program';
import { resultOf } from '../model/patch';
import { analyzeProgram } from '../formats/analyze';
import { ProgramDocument } from './program-document';

const ID = 'generate_answer.predict';
const open = () => ProgramDocument.open(new TextEncoder().encode(SMALL_PROGRAM_TEXT), { name: 'program.json' });

describe('ProgramDocument', () => {
  it('applies an edit once: the value it holds is the one the edit was checked with', async () => {
    const doc = await open();
    const before = doc.value;
    const edit = doc.edit({ kind: 'instructions', moduleId: ID, text: 'Be terse.' });
    // The edit's own application is remembered; a second application would make another object.
    expect(doc.value).toBe(resultOf(edit, before));
    expect(doc.program.modules[0]?.signature?.instructions).toBe('Be terse.');
    expect(doc.appliedOps).toEqual(edit.ops);
    expect(doc.original).toBe(before);
  });

  it('undoes and redoes with raw operations, back to the original exactly', async () => {
    const doc = await open();
    const edit = doc.edit({ kind: 'remove-demos', moduleId: ID, demoIndexes: [0] });
    expect(doc.program.modules[0]?.demoCount).toBe(1);
    doc.apply(edit.inverse);
    expect(doc.value).toEqual(SMALL_PROGRAM);
    doc.apply(edit.ops);
    expect(doc.program.modules[0]?.demoCount).toBe(1);
  });

  it('leaves value, applied operations and program as they were when a change is refused', async () => {
    const doc = await open();
    doc.edit({ kind: 'instructions', moduleId: ID, text: 'One.' });
    const [value, program, applied] = [doc.value, doc.program, [...doc.appliedOps]];
    expect(() => doc.edit({ kind: 'replace-module', moduleId: ID, json: '{"demos": 3}' })).toThrow(expect.objectContaining({ layer: 'schema' }));
    expect(() => doc.edit({ kind: 'demo-field', moduleId: ID, demoIndex: 9, field: 'answer', value: 'x' })).toThrow();
    expect(() => doc.apply([{ op: 'remove', path: '/nothing/here' }])).toThrow(expect.objectContaining({ layer: 'patch' }));
    expect(() => doc.migrate('3.x')).toThrow(expect.objectContaining({ layer: 'migration' }));
    expect(doc.value).toBe(value);
    expect(doc.program).toBe(program);
    expect(doc.appliedOps).toEqual(applied);
  });

  it('migrates as one change applied once, undone exactly, and written back through the source text', async () => {
    const bytes = readRepoFile('fixtures/programs/dspy-era-b.json');
    const doc = await ProgramDocument.open(bytes, { name: 'dspy-era-b.json' });
    const before = doc.value;
    const made = doc.migrate('3.x');
    expect(doc.value).toBe(resultOf(made, before));
    expect(doc.program.era).toBe('F');
    expect(made.notes.length).toBeGreaterThanOrEqual(0);
    doc.apply(made.inverse);
    expect(doc.program.era).toBe('B');
    expect(new TextDecoder().decode(await doc.encode())).toBe(new TextDecoder().decode(bytes));
  });

  it('imports a module file as one change, and exports the result', async () => {
    const doc = await open();
    const file = await doc.exportModule(ID, {});
    const source = await ProgramDocument.open(file.bytes, { name: file.fileName });
    const edit = doc.importModule(source.value, { name: 'second' });
    expect(edit.label).toBe('Import module second');
    expect(doc.program.modules.map((m) => m.id)).toEqual([ID, 'second']);
    const out = await doc.export({});
    const again = await ProgramDocument.open(out.bytes, { name: 'program.json' });
    expect(again.program.modules.map((m) => m.id)).toEqual([ID, 'second']);
    doc.apply(edit.inverse);
    expect(doc.value).toEqual(SMALL_PROGRAM);
  });

  it('gives any version: after n of its operations, or the original plus a history line', async () => {
    const doc = await open();
    const e1 = doc.edit({ kind: 'instructions', moduleId: ID, text: 'Be terse.' });
    doc.edit({ kind: 'remove-demos', moduleId: ID, demoIndexes: [0] });
    expect(doc.versionAt(0)).toBe(doc.original);
    expect((doc.versionAt(1) as typeof SMALL_PROGRAM)[ID].demos).toHaveLength(2);
    expect((doc.versionAt(1) as typeof SMALL_PROGRAM)[ID].signature.instructions).toBe('Be terse.');
    expect(doc.versionAt(e1.ops)).toEqual(doc.versionAt(1));
    expect(doc.originalModule(ID)).toContain('Answer briefly.');
  });

  it('restores a version as one new change on top, which undoes like any other', async () => {
    const doc = await open();
    const e1 = doc.edit({ kind: 'instructions', moduleId: ID, text: 'Be terse.' });
    doc.edit({ kind: 'remove-demos', moduleId: ID, demoIndexes: [0] });
    const current = doc.value;
    const restore = doc.restore([], 'Restore version 1');
    expect(restore.label).toBe('Restore version 1');
    expect(doc.value).toEqual(SMALL_PROGRAM);
    expect(doc.appliedOps).toHaveLength(e1.ops.length + 1 + restore.ops.length);
    doc.apply(restore.inverse);
    expect(doc.value).toEqual(current);
  });

  it('refuses every change to a file newer than the app knows, with a typed error', async () => {
    const v = JSON.parse(new TextDecoder().decode(readRepoFile('fixtures/programs/envelope-1.1.0.json'))) as { version: string };
    v.version = '9.0.0';
    const doc = await ProgramDocument.open(new TextEncoder().encode(JSON.stringify(v)), { name: 'future.json' });
    expect(doc.readOnly()).toMatch(/newer than/);
    const id = doc.program.modules[0]!.id;
    expect(() => doc.edit({ kind: 'instructions', moduleId: id, text: 'x' })).toThrow(expect.objectContaining({ layer: 'read-only' }));
    expect(() => doc.apply([])).toThrow(expect.objectContaining({ layer: 'read-only' }));
  });

  it('takes a demo from another program as one change applied once, and a read prompt follows it', async () => {
    const doc = await open();
    const other = structuredClone(SMALL_PROGRAM);
    other[ID].demos.push({ question: 'Largest ocean?', answer: 'Pacific' });
    const side = { value: other, program: analyzeProgram(other), label: 'other.json' };
    const before = doc.value;
    const edit = doc.take(side, { kind: 'demo', aId: ID, bId: ID, b: other[ID].demos.length - 1 });
    expect(doc.value).toBe(resultOf(edit, before));
    expect(doc.value).toEqual(other);
    expect(JSON.stringify(doc.prompt({ moduleId: ID }).messages)).toContain('Largest ocean?');
    doc.apply(edit.inverse);
    expect(doc.value).toEqual(SMALL_PROGRAM);
  });
});
