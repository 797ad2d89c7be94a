/**
 * Our MessagePack reader and writer (src/core/engine/layers/msgpack-*.ts) against msgpackr on a
 * generated ~100 MB DSPy program, and the fidelity rules checked on msgpackr: a float 1.0 must stay
 * a float, a 32-bit float must stay 32-bit, and an untouched file must re-encode byte for byte.
 * Run: npx tsx bench/msgpack-vs-msgpackr.mjs [rawBytes]   (prints one JSON object; docs/formats.md quotes it)
 */
import { Packr, Unpackr } from 'msgpackr';
import { generateProgram } from './gen-program.mjs';
import { decodeMsgpack } from '../src/core/engine/layers/msgpack-decoder.ts';
import { encodeMsgpack } from '../src/core/engine/layers/msgpack-encoder.ts';
import { DEFAULT_LIMITS } from '../src/core/engine/limits.ts';

const rawBytes = Number(process.argv[2] ?? 100e6);
const RUNS = 3;

/** Best of RUNS, in milliseconds: the least disturbed run on a shared machine. */
function best(fn) {
  let min = Infinity;
  let out;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    out = fn();
    min = Math.min(min, performance.now() - t0);
  }
  return { ms: Math.round(min), out };
}

const equalBytes = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);

const { text, demoCount } = generateProgram({ rawBytes, demos: Math.round((rawBytes / 100e6) * 50_000) });
const value = JSON.parse(text);
// msgpackr as a plain-MessagePack writer and reader (no records, no structured clone extensions).
const packr = new Packr({ useRecords: false, moreTypes: false });
const unpackr = new Unpackr({ useRecords: false, mapsAsObjects: true });

const oursEncode = best(() => encodeMsgpack(value));
const theirsEncode = best(() => packr.pack(value));
const bytes = oursEncode.out;
const oursDecode = best(() => decodeMsgpack(bytes, DEFAULT_LIMITS));
const theirsDecode = best(() => unpackr.unpack(bytes));

// Fidelity, on a small file that has what real files have: a float 1.0 (DSPy's temperature) and a 32-bit float.
const f64one = Uint8Array.of(0x82, 0xa1, 0x74, 0xcb, 0x3f, 0xf0, 0, 0, 0, 0, 0, 0, 0xa1, 0x66, 0xca, 0x3e, 0x20, 0, 0); // {t: 1.0 (float64), f: 0.15625 (float32)}
const ours = decodeMsgpack(f64one, DEFAULT_LIMITS);
const oursAgain = encodeMsgpack(ours.value, { floats: ours.side.floats, float32: ours.side.float32 });
const theirsValue = unpackr.unpack(f64one);
const theirsAgain = packr.pack(theirsValue);

console.log(
  JSON.stringify(
    {
      program: { jsonBytes: text.length, demos: demoCount, msgpackBytes: bytes.length, msgpackrBytes: theirsEncode.out.length },
      encodeMs: { ours: oursEncode.ms, msgpackr: theirsEncode.ms },
      decodeMs: { ours: oursDecode.ms, msgpackr: theirsDecode.ms },
      sameValue: JSON.stringify(oursDecode.out.value) === JSON.stringify(theirsDecode.out),
      fidelity: {
        ours: { floats: ours.side.floats, float32: ours.side.float32, reencodesIdentically: equalBytes(oursAgain, f64one) },
        msgpackr: {
          // What msgpackr hands back cannot say that t was a float or that f was 32-bit; writing it again shows it.
          value: theirsValue,
          reencodesIdentically: equalBytes(theirsAgain, f64one),
          reencoded: Buffer.from(theirsAgain).toString('hex'),
          original: Buffer.from(f64one).toString('hex'),
        },
      },
    },
    null,
    2,
  ),
);
