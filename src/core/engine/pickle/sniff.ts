/**
 * Is this a pickle? Told by the opcode stream, not by a magic number: protocol 0 and 1 pickles and
 * the output of pickletools.optimize (no PROTO, no FRAME, no memo) have none. The inert reader runs
 * over a short head of the file; a pickle is what reaches STOP, or runs long without a wrong opcode,
 * a stack underflow or a bad argument. Text and other binary formats fail within a few bytes.
 */
import { FormatError } from '../errors.ts';
import { withLimits } from '../limits.ts';
import { OPCODES } from './opcodes.ts';
import { newTrace, readPickle } from './reader.ts';
import { safetyFromTrace } from './safety.ts';

const WINDOW = 64 << 10;
const LIMITS = withLimits({ maxOpcodes: 4096, maxKeys: 100_000, maxMemo: 100_000, maxOutputBytes: 16 << 20, maxDepth: 256 });

function lastNonSpace(bytes: Uint8Array): number | undefined {
  for (let i = bytes.length - 1; i >= 0 && i >= bytes.length - 4; i--) {
    const b = bytes[i] as number;
    if (b !== 0x0a && b !== 0x0d && b !== 0x20) return b;
  }
  return undefined;
}

function startsWithProto(bytes: Uint8Array): boolean {
  const p = bytes[1];
  return bytes[0] === 0x80 && p !== undefined && p >= 2 && p <= 5;
}

/** Confidence that `bytes` start with a pickle: 0.95 when a whole pickle reads to STOP. */
export function sniffPickleStream(bytes: Uint8Array): number {
  if (bytes.length === 0) return 0;
  const window = bytes.length > WINDOW ? bytes.subarray(0, WINDOW) : bytes;
  const trace = newTrace();
  try {
    readPickle(window, { limits: LIMITS, trace });
    // One opcode then STOP ("N.") is a pickle too, but says little on its own.
    return trace.opcodes >= 3 || startsWithProto(bytes) ? 0.95 : 0.5;
  } catch (e) {
    if (!(e instanceof FormatError)) return 0;
    const longPrefix = trace.opcodes >= 8 || startsWithProto(bytes);
    if (e.code === 'limit') return longPrefix ? 0.9 : 0;
    if (e.code === 'truncated') {
      // The window ended inside a valid stream: a big pickle.
      if (window.length < bytes.length) return longPrefix ? 0.9 : 0;
      // The whole file ends early: a cut pickle, if it opened like one (the read says where it ends).
      return startsWithProto(bytes) ? 0.8 : 0;
    }
    // A stream that made calls Python would make before it breaks is a pickle whose report matters.
    if (trace.opcodes >= 3 && trace.calls.some((c) => c.opcode !== 'BUILD') && safetyFromTrace(trace).verdict !== 'safe') return 0.8;
    // PROTO 2..5 then an opcode is how a pickle starts; a broken one gets the pickle's own error.
    return startsWithProto(bytes) && OPCODES[bytes[2] ?? 0xff] ? (lastNonSpace(bytes) === 0x2e ? 0.9 : 0.6) : 0;
  }
}
