/**
 * Diff members of a series: recognising a JSON Patch (RFC 6902) among decoded values, and applying
 * one operation at a time so a break names the operation that failed (index, op, path).
 */
import { FormatError, isFormatError } from '../../engine/errors';
import { deepEqual } from '../model/deep-equal';
import { isObject } from '../model/keys';
import { applyWithInverse } from '../model/patch';
import { getAt } from '../../engine/json-pointer';
import type { Operation } from '../model/program';
import type { FailedOperation } from './series-types';

const OPS = new Set(['add', 'remove', 'replace', 'move', 'copy', 'test']);

/**
 * True when `value` reads as a JSON Patch: an array of `{op, path}` objects. An empty array is a
 * patch too (nothing changed), but only where a checkpoint comes before it; the caller decides.
 */
export function isJsonPatch(value: unknown): value is Operation[] {
  if (!Array.isArray(value)) return false;
  return value.every((item) => isObject(item) && typeof item.op === 'string' && OPS.has(item.op) && typeof item.path === 'string');
}

export class DiffLinkError extends FormatError {
  readonly operation: FailedOperation;

  constructor(operation: FailedOperation, reason: string) {
    super({
      code: 'invalid',
      layer: 'series',
      path: operation.path,
      message: `Operation ${operation.index + 1} (${operation.op} ${operation.path || '/'}) failed: ${reason}`,
    });
    this.operation = operation;
  }
}

function checkShape(op: Record<string, unknown>): string | undefined {
  if ((op.op === 'add' || op.op === 'replace' || op.op === 'test') && !('value' in op)) return `"${String(op.op)}" needs a value`;
  if ((op.op === 'move' || op.op === 'copy') && typeof op.from !== 'string') return `"${String(op.op)}" needs a "from" pointer`;
  return undefined;
}

/** Applies `ops` to `value` without touching it (path copying); throws DiffLinkError at the first failure. */
export function applyDiff(value: unknown, ops: readonly Operation[]): unknown {
  let root = value;
  ops.forEach((op, index) => {
    const operation: FailedOperation = { index, op: op.op, path: op.path };
    const shape = checkShape(op as unknown as Record<string, unknown>);
    if (shape) throw new DiffLinkError(operation, shape);
    if (op.op === 'test') {
      // The patch engine skips tests; a series diff must honour them, they guard the link.
      if (!deepEqual(getAt(root, op.path), op.value)) throw new DiffLinkError(operation, 'the test value differs from the program before it');
      return;
    }
    if (op.op === 'copy' && getAt(root, op.from) === undefined) throw new DiffLinkError(operation, `nothing at "${op.from}" to copy`);
    try {
      root = applyWithInverse(root, [op]).value;
    } catch (e) {
      const reason = isFormatError(e) || e instanceof Error ? e.message : String(e);
      throw new DiffLinkError(operation, reason.replace(/\.$/, ''));
    }
  });
  return root;
}
