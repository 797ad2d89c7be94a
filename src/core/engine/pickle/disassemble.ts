/**
 * A paged disassembly like pickletools.dis: offset, opcode, argument, MARK depth. A page starts at
 * an opcode boundary (`nextOffset` of the previous page), so a big pickle never becomes one huge
 * array; the MARK depth at the page start comes from a cheap scan of the opcodes before it.
 */
import { DEFAULT_LIMITS, type Limits } from '../limits.ts';
import { OpReader, type OpArg } from './genops.ts';

export interface DisRow {
  offset: number;
  code: number;
  name: string;
  /** The argument as text, as pickletools shows it; '' when the opcode takes none. */
  arg: string;
  /** MARK nesting before this opcode (pickletools indents by it). */
  depth: number;
}

export interface DisPage {
  rows: DisRow[];
  /** Offset of the next opcode, or null after STOP or at the end. */
  nextOffset: number | null;
}

function argText(arg: OpArg): string {
  if (arg === null) return '';
  if (typeof arg === 'string') return JSON.stringify(arg.length > 200 ? arg.slice(0, 200) + '…' : arg);
  if (typeof arg === 'number' || typeof arg === 'bigint') return arg.toString();
  if (typeof arg === 'boolean') return arg ? 'True' : 'False';
  if (arg instanceof Uint8Array) {
    const head = Array.from(arg.subarray(0, 32), (b) => b.toString(16).padStart(2, '0')).join(' ');
    return `${arg.length} bytes: ${head}${arg.length > 32 ? ' …' : ''}`;
  }
  return `${arg[0]} ${arg[1]}`;
}

export interface DisOptions {
  /** Opcode offset to start at (0 or a `nextOffset`); the scan before it only decodes. */
  offset?: number;
  limit?: number;
  limits?: Limits;
}

/** Throws the reader's FormatError when the bytes at `offset` are not a valid opcode stream. */
export function disassemble(bytes: Uint8Array, options: DisOptions = {}): DisPage {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const start = options.offset ?? 0;
  const limit = options.limit ?? 500;
  const reader = new OpReader(bytes, limits, 0);
  let depth = 0;
  const rows: DisRow[] = [];
  let count = 0;
  while (!reader.done) {
    const op = reader.next();
    if (++count > limits.maxOpcodes) break;
    const name = op.info.name;
    if (op.offset >= start) {
      if (rows.length >= limit) return { rows, nextOffset: op.offset };
      rows.push({ offset: op.offset, code: op.info.code, name, arg: argText(op.arg), depth });
    }
    if (name === 'MARK') depth++;
    else if (['APPENDS', 'LIST', 'TUPLE', 'DICT', 'SETITEMS', 'ADDITEMS', 'FROZENSET', 'POP_MARK', 'INST', 'OBJ'].includes(name))
      depth = Math.max(0, depth - 1);
    if (name === 'STOP') {
      // A stacked file (legacy torch) holds another pickle after STOP; page on into it only on request.
      if (op.offset >= start) return { rows, nextOffset: reader.pos < bytes.length ? reader.pos : null };
      depth = 0;
    }
  }
  return { rows, nextOffset: null };
}
