/**
 * Merging from a comparison: the other side's instructions or one of its demos, as ONE edit of the
 * open document (through the model's edit functions, so the writer's key spelling is kept).
 */
import { FormatError } from '../../engine/errors';
import { toDemo, demoArray, findModule } from '../model/demos';
import { addDemo, removeDemos } from '../model/edits';
import { setInstructions } from '../formats/kind-edits';
import { applyWithInverse, checkedEdit } from '../model/patch';
import { joinPointer } from '../../engine/json-pointer';
import type { Edit } from '../model/program';
import type { CompareSide } from './compare';

export type TakeRequest =
  | { kind: 'instructions'; aId: string; bId: string }
  /** B's demo `b` into A: replacing A's demo `a` when given (a changed pair), else appended. */
  | { kind: 'demo'; aId: string; bId: string; b: number; a?: number };

export function takeEdit(A: CompareSide, B: CompareSide, take: TakeRequest): Edit {
  const modB = findModule(B.program, take.bId);
  if (take.kind === 'instructions') {
    const text = modB.signature?.instructions;
    if (text === undefined) throw new FormatError({ code: 'unsupported', layer: 'compare', message: `${take.bId} has no instructions on the other side.` });
    const edit = setInstructions(A.value, A.program, take.aId, text);
    return Object.assign(edit, { label: `Take instructions of ${take.aId} from ${B.label}` });
  }
  const arrB = demoArray(B.value, modB);
  if (!Number.isInteger(take.b) || take.b < 0 || take.b >= arrB.length) {
    throw new FormatError({ code: 'invalid', layer: 'compare', message: `Demo ${take.b} does not exist in ${take.bId} of ${B.label}.` });
  }
  const d = toDemo(arrB[take.b], take.b, joinPointer(modB.demosPointer ?? '', take.b), modB);
  const fields: Array<[string, unknown]> = [...d.fields, ...Object.keys(d.flags).map((k): [string, unknown] => [k, d.flags[k]])];
  if (take.a === undefined) {
    // Relabelled in place: the edit keeps the value its ops made (model/patch), so it is applied once.
    return Object.assign(addDemo(A.value, A.program, take.aId, structuredClone(fields)), { label: `Take demo ${take.b + 1} of ${take.bId} from ${B.label}` });
  }
  // Replace in place: remove, then insert at the same index; one edit, one inverse.
  const removed = removeDemos(A.value, A.program, take.aId, [take.a]);
  const mid = applyWithInverse(A.value, removed.ops).value;
  const added = addDemo(mid, A.program, take.aId, structuredClone(fields), take.a);
  const ops = [...removed.ops, ...added.ops];
  return checkedEdit<Edit>(A.value, ops, { label: `Replace demo ${take.a + 1} of ${take.aId} with ${B.label}'s` });
}
