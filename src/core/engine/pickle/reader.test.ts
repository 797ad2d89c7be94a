import { describe, expect, it } from 'vitest';
import { FormatError } from '../errors.ts';
import { withLimits } from '../limits.ts';
import { fixture, fixtureJson, fixtureNames } from './fixture-files.test.ts';
import { readPickle } from './reader.ts';
import { PyBuffer, PyByteArray, PyDict, PyGlobal, PyObject, PySet, PyTuple, isKnown, type PyValue } from './values.ts';

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

/** Our reading in the JSON mapping the fixture script documents for Python's reading. */
function cpythonJson(v: PyValue): unknown {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return { $float: 'nan' };
    if (!Number.isFinite(v)) return { $float: v > 0 ? 'inf' : '-inf' };
    return v;
  }
  if (typeof v === 'bigint') return { $int: v.toString() };
  if (v instanceof Uint8Array) return { $bytes: hex(v) };
  if (v instanceof PyByteArray) return { $bytearray: hex(v.bytes) };
  if (Array.isArray(v)) return v.map(cpythonJson);
  if (v instanceof PyTuple) return { $tuple: v.items.map(cpythonJson) };
  if (v instanceof PySet) return { [v.frozen ? '$frozenset' : '$set']: v.items.map(cpythonJson) };
  if (v instanceof PyDict) {
    const tag = v.className === 'collections.OrderedDict' ? '$ordereddict' : '$dict';
    return { [tag]: v.entries.map(([k, x]) => [cpythonJson(k), cpythonJson(x)]) };
  }
  if (v instanceof PyBuffer) return { $buffer: v.index, readonly: v.readonly };
  if (v instanceof PyObject) {
    if (v.known?.type === 'dspy-example') return { $object: v.className, state: cpythonJson(v.state ?? null) };
    return { $object: v.className, state: cpythonJson(v.state ?? null) };
  }
  if (isKnown(v)) {
    switch (v.type) {
      case 'complex':
        return { $complex: [v.real, v.imag] };
      case 'decimal':
        return { $decimal: v.text };
      case 'datetime':
        return { $datetime: v.iso };
      case 'date':
        return { $date: v.iso };
      case 'time':
        return { $time: v.iso };
      case 'timedelta':
        return { $timedelta: [v.days, v.seconds, v.microseconds] };
      default:
        return { $unexpected: v.type };
    }
  }
  if (v instanceof PyGlobal) return { $global: v.qualified };
  return { $unexpected: String(v) };
}

const valueFixtures = fixtureNames().filter((n) => /^values-.*-p\d\.pkl$/.test(n));

describe('readPickle agrees with CPython', () => {
  it('has fixtures for every protocol', () => {
    for (let p = 0; p <= 5; p++) expect(valueFixtures.filter((n) => n.endsWith(`-p${p}.pkl`)).length).toBeGreaterThanOrEqual(9);
  });
  for (const name of valueFixtures) {
    it(name, () => {
      const expected = fixtureJson(name.replace(/-p\d\.pkl$/, '.expected.json'));
      const result = readPickle(fixture(name));
      expect(cpythonJson(result.value)).toEqual(expected);
      expect(result.end).toBe(fixture(name).length);
    });
  }
  it('reports protocol 5 out-of-band buffers', () => {
    const r = readPickle(fixture('oob-buffers-p5.pkl'));
    expect(cpythonJson(r.value)).toEqual(fixtureJson('oob-buffers-p5.expected.json'));
    expect(r.trace.buffers).toHaveLength(2);
  });
});

describe('readPickle on hostile streams', () => {
  const cases: Array<[string, string]> = [
    ['hostile-truncated.pkl', 'truncated'],
    ['hostile-huge-memo-get.pkl', 'corrupt'],
    ['hostile-deep-marks.pkl', 'limit'],
    ['hostile-bad-opcode.pkl', 'corrupt'],
    ['hostile-proto-9.pkl', 'unsupported'],
    ['hostile-stack-underflow.pkl', 'corrupt'],
    ['hostile-no-stop.pkl', 'truncated'],
    ['hostile-huge-length.pkl', 'truncated'],
  ];
  for (const [name, code] of cases) {
    it(`${name} ends in a typed '${code}' error with an offset`, () => {
      let err: unknown;
      try {
        readPickle(fixture(name));
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(FormatError);
      expect((err as FormatError).code).toBe(code);
      expect((err as FormatError).layer).toBe('pickle');
      expect(typeof (err as FormatError).offset).toBe('number');
    });
  }
  it('names the opcode and byte offset', () => {
    expect(() => readPickle(fixture('hostile-huge-memo-get.pkl'))).toThrow(/LONG_BINGET: memo entry 2147483647 .*\(byte 2\)/);
  });
  it('stops at the opcode limit', () => {
    const bytes = new Uint8Array([0x80, 2, ...Array.from({ length: 1000 }, (_, i) => (i % 2 ? 0x30 : 0x4e)), 0x4e, 0x2e]);
    expect(() => readPickle(bytes, { limits: { ...defaultLimits(), maxOpcodes: 100 } })).toThrow(/more opcodes than the limit/);
  });
  it('stops at the memo limit', () => {
    const body: number[] = [0x80, 4, 0x4e];
    for (let i = 0; i < 50; i++) body.push(0x94);
    body.push(0x2e);
    expect(() => readPickle(new Uint8Array(body), { limits: { ...defaultLimits(), maxMemo: 10 } })).toThrow(/memo holds more/);
  });
  it('reads the billion-laughs stream cheaply (references are shared, not copied)', () => {
    const t0 = performance.now();
    const r = readPickle(fixture('hostile-billion-laughs.pkl'));
    expect(performance.now() - t0).toBeLessThan(200);
    expect(r.trace.memoGets).toBe(800);
    expect(r.trace.leftOnStack).toBe(0);
  });
  it('keeps __proto__ keys as data', () => {
    const r = readPickle(fixture('values-proto-keys-p4.pkl'));
    expect(r.value).toBeInstanceOf(PyDict);
    expect((r.value as PyDict).get('__proto__')).toBeInstanceOf(PyDict);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

function defaultLimits() {
  return withLimits();
}
