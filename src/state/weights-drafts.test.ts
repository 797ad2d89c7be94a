import { describe, expect, it } from 'vitest';
import type { MetadataRow } from '../core/engine/weights/weights-file';
import { draftChanges, EMPTY_DRAFT } from './weights-drafts';

const rows: MetadataRow[] = [
  { key: 'format', type: 'string', text: 'pt', editable: true },
  { key: 'note', type: 'string', text: 'old', editable: true },
];

describe('metadata drafts', () => {
  it('turns what was typed into changes, each tagged with the row it came from', () => {
    const changes = draftChanges(rows, {
      values: { format: 'mlx', note: 'old' },
      removed: [],
      added: [
        { id: 1, key: 'k', value: 'v' },
        { id: 2, key: '', value: '' },
        { id: 3, key: '', value: 'typed, no key' },
      ],
    });
    expect(changes).toEqual([
      { change: { key: 'format', value: 'mlx' }, source: { row: 'format' } },
      { change: { key: 'k', value: 'v' }, source: { added: 1 } },
      // A value with no key is still a change, so the worker's refusal is shown under it rather than it being dropped.
      { change: { key: '', value: 'typed, no key' }, source: { added: 3 } },
    ]);
  });

  it('a removed key is removed, and the value typed in it stays in the draft for "Keep"', () => {
    const draft = { values: { note: 'typed before removing' }, removed: ['note'], added: [] };
    expect(draftChanges(rows, draft)).toEqual([{ change: { key: 'note', remove: true }, source: { row: 'note' } }]);
    expect(draftChanges(rows, { ...draft, removed: [] })).toEqual([{ change: { key: 'note', value: 'typed before removing' }, source: { row: 'note' } }]);
    expect(draftChanges(rows, EMPTY_DRAFT)).toEqual([]);
  });
});
