/**
 * Small files that cost a reader far more than their size (issue 16, "denial of service"), built
 * byte by byte here so tests and scripts/hostile-timings.mjs make the same inputs. Nothing is stored
 * in the repo: each one is a few lines of bytes.
 */
import { gzipSync } from 'fflate';

class Bytes {
  private parts: number[] = [];
  op(...bytes: number[]): this {
    for (const b of bytes) this.parts.push(b);
    return this;
  }
  u32(n: number): this {
    return this.op(n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff);
  }
  raw(b: Uint8Array | readonly number[]): this {
    for (const x of b) this.parts.push(x);
    return this;
  }
  text(s: string): this {
    return this.raw(new TextEncoder().encode(s));
  }
  done(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

const PROTO = 0x80;
const MARK = 0x28;
const EMPTY_LIST = 0x5d;
const APPENDS = 0x65;
const BINPUT = 0x71;
const BINGET = 0x68;
const DUP = 0x32;
const STOP = 0x2e;
const LIST = 0x6c;
const BINUNICODE = 0x58;
const LONG4 = 0x8b;
const REDUCE = 0x52;
const TUPLE1 = 0x85;
const GLOBAL = 0x63;
const BININT1 = 0x4b;

/**
 * A list of `fan` references to the list of the level below, `levels` deep: fan^levels leaves
 * from about 22 bytes a level (16 and 6 give 16.7 million leaves from 134 bytes).
 */
export function pickleMemoBomb(fan = 16, levels = 6): Uint8Array {
  const b = new Bytes().op(PROTO, 2, EMPTY_LIST, BINPUT, 0);
  for (let level = 1; level <= levels; level++) {
    b.op(EMPTY_LIST, MARK, BINGET, level - 1);
    for (let i = 1; i < fan; i++) b.op(DUP);
    b.op(APPENDS, BINPUT, level);
  }
  return b.op(STOP).done();
}

/** One string of `chars` characters put in a list `refs` times through the memo (1 MB and 20,000: about 1.04 MB). */
export function pickleSharedString(chars = 1 << 20, refs = 20_000): Uint8Array {
  const b = new Bytes().op(PROTO, 2, MARK, BINUNICODE).u32(chars).raw(new Uint8Array(chars).fill(0x61)).op(BINPUT, 0);
  for (let i = 1; i < refs; i++) b.op(BINGET, 0);
  return b.op(LIST, STOP).done();
}

/**
 * A `digits`-digit integer (LONG4), then `calls` calls of builtins.abs on it: every call site shows
 * the integer in the safety report. 45,000 digits and 9,000 calls make about 57 KB.
 */
export function pickleBigIntCalls(digits = 45_000, calls = 9_000): Uint8Array {
  const value = 10n ** BigInt(digits - 1) + 7n;
  const le: number[] = [];
  let v = value;
  while (v > 0n) {
    le.push(Number(v & 0xffn));
    v >>= 8n;
  }
  le.push(0); // a positive number keeps its top bit clear
  const b = new Bytes().op(PROTO, 2).op(LONG4).u32(le.length).raw(le).op(BINPUT, 0).op(GLOBAL).text('builtins\nabs\n').op(BINPUT, 1).op(MARK);
  for (let i = 0; i < calls; i++) b.op(BINGET, 1, BINGET, 0, TUPLE1, REDUCE);
  return b.op(LIST, STOP).done();
}

/**
 * One APPENDS of `items` small ints (300,000 by default) onto a list, or onto an object
 * (collections.deque()) as list-like classes are pickled.
 */
export function pickleWideAppends(items = 300_000, onto: 'list' | 'object' = 'list'): Uint8Array {
  const b = new Bytes().op(PROTO, 2);
  if (onto === 'list') b.op(EMPTY_LIST);
  else b.op(GLOBAL).text('collections\ndeque\n').op(0x29, REDUCE); // EMPTY_TUPLE, REDUCE
  b.op(MARK);
  for (let i = 0; i < items; i++) b.op(BININT1, i & 0x7f);
  return b.op(APPENDS, STOP).done();
}

function msgpackStr(s: string): number[] {
  const bytes = new TextEncoder().encode(s);
  if (bytes.length < 32) return [0xa0 | bytes.length, ...bytes];
  return [0xd9, bytes.length, ...bytes];
}

/**
 * Maps nested `depth` deep under `keyLength`-character keys, holding an array of `floats` integral
 * float64s (1.0): each float sits under a pointer of depth × (keyLength + 1) characters. 400, 100 and
 * 19,000 make about 211 KB.
 */
export function msgpackDeepFloats(depth = 400, keyLength = 100, floats = 19_000): Uint8Array {
  const b = new Bytes();
  for (let i = 0; i < depth; i++) b.op(0x81).raw(msgpackStr(String(i % 10).repeat(keyLength)));
  b.op(0xdd).op((floats >>> 24) & 0xff, (floats >>> 16) & 0xff, (floats >>> 8) & 0xff, floats & 0xff);
  for (let i = 0; i < floats; i++) b.op(0xcb, 0x3f, 0xf0, 0, 0, 0, 0, 0, 0);
  return b.done();
}

/** Arrays nested `depth` deep around one array of `items` zeros: its pretty JSON text passes any string limit. */
export function msgpackDeepWide(depth = 500, items = 1_200_000): Uint8Array {
  const b = new Bytes();
  for (let i = 0; i < depth; i++) b.op(0x91);
  b.op(0xdd).op((items >>> 24) & 0xff, (items >>> 16) & 0xff, (items >>> 8) & 0xff, items & 0xff);
  b.raw(new Uint8Array(items));
  return b.done();
}

/**
 * A gzip file of one incompressible member (`noiseBytes`) then `members` members of `memberBytes`
 * zeros each: its ratio stays under the bomb cap while its output passes a tab's budget. The
 * defaults (1 MiB, 8 × 16 MiB) make a 1.1 MB file of 129 MiB.
 */
export function gzipDilutedBomb(noiseBytes = 1 << 20, members = 8, memberBytes = 16 << 20): Uint8Array {
  const noise = new Uint8Array(noiseBytes);
  let x = 0x9e3779b9;
  for (let i = 0; i < noise.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    noise[i] = x & 0xff;
  }
  const parts = [gzipSync(noise, { level: 0 })];
  const zeros = gzipSync(new Uint8Array(memberBytes), { level: 9 });
  for (let i = 0; i < members; i++) parts.push(zeros);
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A gzip file of spaces: `members` members of 64 MiB each (30 make 1.9 GiB from about 2 MB). */
export function gzipSpaceBomb(members = 30, memberBytes = 64 << 20): Uint8Array {
  const one = gzipSync(new Uint8Array(memberBytes).fill(0x20), { level: 9 });
  const out = new Uint8Array(one.length * members);
  for (let i = 0; i < members; i++) out.set(one, i * one.length);
  return out;
}

/** YAML: `depth` nested flow sequences, "[[[[...]]]]". */
export function yamlDeep(depth = 100_000): Uint8Array {
  return new TextEncoder().encode('a: ' + '['.repeat(depth) + ']'.repeat(depth) + '\n');
}

/** JSON nested `depth` deep with an `api_key`-like key at every level: what the secret scan walks. */
export function jsonDeepKeys(depth = 5_000, width = 1): string {
  let s = '';
  for (let i = 0; i < depth; i++) {
    s += '{';
    for (let w = 1; w < width; w++) s += `"k${w}":${w},`;
    s += '"a":';
  }
  s += '0';
  s += '}'.repeat(depth);
  return s;
}

/** Cuts a file `keep` bytes short of its end (or to `keep` bytes when negative is not wanted). */
export function truncate(bytes: Uint8Array, cut: number): Uint8Array {
  return bytes.slice(0, Math.max(0, bytes.length - cut));
}

/** A little gzip helper for tests: the text as a gzip file. */
export function gzipText(text: string): Uint8Array {
  return gzipSync(new TextEncoder().encode(text));
}

/** Objects nested `depth` deep around an array of `items` zeros, as gzip: a 10 KB file the secret scan must not crawl for seconds. */
export function gzipDeepWideJson(depth = 500, items = 1_900_000): Uint8Array {
  return gzipText('{"a":'.repeat(depth) + '[' + '0,'.repeat(items - 1) + '0]' + '}'.repeat(depth));
}
