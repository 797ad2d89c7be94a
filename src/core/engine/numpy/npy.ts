/**
 * NumPy .npy, header first: `\x93NUMPY`, a version (1.0: 2-byte header length; 2.0 and 3.0: 4-byte;
 * 3.0 is UTF-8), and a Python dict literal `{'descr', 'fortran_order', 'shape'}` padded to 64 bytes.
 * An object array ('|O') is a pickle after the header: it is never decoded as values; its bytes go to
 * the pickle safety report.
 */
import { FormatError, formatCount } from '../errors.ts';
import type { ByteSource } from '../byte-source.ts';
import { parsePythonLiteral, type PyLiteral } from './python-literal.ts';

const LAYER = 'npy';
const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];
/** numpy itself refuses larger headers unless told otherwise. */
export const MAX_NPY_HEADER = 10_000;

export interface NpyDtype {
  /** As written: '<f4', '|b1', '>i8', '|O', '<U12', or a structured list's text. */
  descr: string;
  /** 'f' float, 'i' int, 'u' uint, 'b' bool, 'c' complex, 'O' object (a pickle), 'U' text, 'S' bytes, 'V' void/structured, 'M'/'m' dates. */
  kind: string;
  itemSize: number;
  littleEndian: boolean;
  /** A readable name: float32, int64, bool, object, str (12 chars), structured… */
  name: string;
}

export interface NpyHeader {
  format: 'npy';
  version: string;
  dtype: NpyDtype;
  fortranOrder: boolean;
  shape: number[];
  /** Elements: the product of the shape (1 for a scalar). */
  count: number;
  dataOffset: number;
  /** Bytes of data the header implies; object arrays: the pickle's length. */
  dataBytes: number;
}

function fail(code: 'corrupt' | 'truncated' | 'limit' | 'unsupported', message: string, offset?: number): FormatError {
  return new FormatError({ code, layer: LAYER, message, ...(offset === undefined ? {} : { offset }) });
}

export function looksLikeNpy(head: Uint8Array): boolean {
  return MAGIC.every((b, i) => head[i] === b);
}

export function readNpyHeader(source: ByteSource, base = 0): NpyHeader {
  const pre = source.read(base, 12);
  if (pre.length < 10 || !looksLikeNpy(pre)) throw fail('corrupt', 'Not a NumPy file: it does not start with \\x93NUMPY', base);
  const major = pre[6] ?? 0;
  const minor = pre[7] ?? 0;
  if (major < 1 || major > 3) throw fail('unsupported', `NumPy format version ${major}.${minor} is not known (1.0, 2.0 and 3.0 are)`, base + 6);
  const dv = new DataView(pre.buffer, pre.byteOffset, pre.byteLength);
  const lengthSize = major === 1 ? 2 : 4;
  if (pre.length < 8 + lengthSize) throw fail('truncated', 'The file ends inside the header length', base + 8);
  const headerLength = major === 1 ? dv.getUint16(8, true) : dv.getUint32(8, true);
  if (headerLength > MAX_NPY_HEADER)
    throw fail('limit', `The header declares ${formatCount(headerLength)} bytes; the limit is ${formatCount(MAX_NPY_HEADER)}`, base + 8);
  const start = base + 8 + lengthSize;
  const raw = source.read(start, headerLength);
  if (raw.length < headerLength) throw fail('truncated', `The header declares ${formatCount(headerLength)} bytes but the file ends first`, start);
  const text = major === 3 ? new TextDecoder().decode(raw) : latin1(raw);
  let dict: PyLiteral;
  try {
    dict = parsePythonLiteral(text.trimEnd());
  } catch (e) {
    throw fail('corrupt', `The header is not a Python dict literal: ${(e as Error).message}`, start);
  }
  if (!(dict instanceof Map)) throw fail('corrupt', 'The header is not a dict', start);
  const descr = dict.get('descr');
  const fortran = dict.get('fortran_order');
  const shape = dict.get('shape');
  if (typeof fortran !== 'boolean') throw fail('corrupt', "The header's fortran_order is not True or False", start);
  if (!Array.isArray(shape) || !shape.every((d) => typeof d === 'number' && Number.isSafeInteger(d) && d >= 0)) {
    throw fail('corrupt', "The header's shape is not a tuple of non-negative integers", start);
  }
  const dtype = readDescr(descr, start);
  let count = 1;
  for (const d of shape as number[]) {
    count *= d;
    if (!Number.isSafeInteger(count)) throw fail('limit', `The shape (${(shape as number[]).join(', ')}) has more elements than can be counted`, start);
  }
  const dataOffset = start + headerLength;
  const dataBytes = dtype.kind === 'O' ? Math.max(0, source.size - dataOffset) : count * dtype.itemSize;
  if (dtype.kind !== 'O' && dataOffset + dataBytes > source.size && base === 0) {
    throw fail(
      'truncated',
      `The shape and dtype need ${formatCount(dataBytes)} bytes of data but the file has ${formatCount(Math.max(0, source.size - dataOffset))}`,
      dataOffset,
    );
  }
  return { format: 'npy', version: `${major}.${minor}`, dtype, fortranOrder: fortran, shape: shape as number[], count, dataOffset, dataBytes };
}

function latin1(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return s;
}

const KIND_NAMES: Record<string, string> = { f: 'float', i: 'int', u: 'uint', c: 'complex' };

function readDescr(descr: PyLiteral | undefined, offset: number): NpyDtype {
  if (Array.isArray(descr)) {
    // A structured dtype with an object field is pickled whole, like an object array.
    const holdsObjects = JSON.stringify(descr).match(/"[|<>=]?O"/) !== null;
    return {
      descr: 'structured',
      kind: holdsObjects ? 'O' : 'V',
      itemSize: 0,
      littleEndian: true,
      name: `structured (${descr.length} fields${holdsObjects ? ', with objects' : ''})`,
    };
  }
  if (typeof descr !== 'string') throw fail('corrupt', "The header's descr is not a dtype string", offset);
  const m = /^([<>|=]?)([a-zA-Z])(\d*)(?:\[[^\]]*\])?$/.exec(descr);
  if (!m) throw fail('corrupt', `Unknown dtype ${JSON.stringify(descr)}`, offset);
  const [, order = '', kind = '', digits = ''] = m;
  const size = digits === '' ? 0 : Number(digits);
  const littleEndian = order !== '>';
  switch (kind) {
    case 'O':
      return { descr, kind, itemSize: 8, littleEndian, name: 'object' };
    case 'b':
      return { descr, kind, itemSize: size || 1, littleEndian, name: 'bool' };
    case 'U':
      return { descr, kind, itemSize: size * 4, littleEndian, name: `str (${size} chars)` };
    case 'S':
    case 'a':
      return { descr, kind: 'S', itemSize: size, littleEndian, name: `bytes (${size})` };
    case 'V':
      return { descr, kind, itemSize: size, littleEndian, name: `void (${size})` };
    case 'M':
    case 'm':
      return { descr, kind, itemSize: size || 8, littleEndian, name: kind === 'M' ? 'datetime64' : 'timedelta64' };
    case 'f':
    case 'i':
    case 'u':
    case 'c':
      return { descr, kind, itemSize: size, littleEndian, name: `${KIND_NAMES[kind]}${size * 8}` };
    default:
      throw fail('corrupt', `Unknown dtype kind ${JSON.stringify(kind)} in ${JSON.stringify(descr)}`, offset);
  }
}
