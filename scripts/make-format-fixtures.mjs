#!/usr/bin/env node
// Writes the small sample files of fixtures/formats/: one per layer and per sniffing ambiguity.
// Deterministic (fixed gzip mtime, seeded "random" bytes), so re-running changes nothing.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync, gzipSync, zlibSync } from 'fflate';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'formats');
mkdirSync(OUT, { recursive: true });
const enc = new TextEncoder();

const envelope = {
  version: '1.1.0',
  metadata: { created_by: 'program-studio fixtures', framework: 'dspy-like', tags: ['qa', 'example'] },
  program: {
    class: 'QAPipeline',
    modules: [
      {
        name: 'answer',
        class: 'ChainOfThought',
        signature: 'question: string -> answer: string',
        demonstrations: [
          { question: 'What is the capital of France?', answer: 'Paris' },
          { question: 'How many legs does a spider have?', answer: '8' },
        ],
        parameters: { temperature: 0.7, max_tokens: 256 },
        metadata: { optimizer: 'BootstrapFewShot' },
      },
    ],
    configuration: {},
    custom_data: {},
  },
  timestamp: '2025-01-01T00:00:00Z',
};

// A tiny MessagePack writer (the project's own encoder is TypeScript; this keeps the script plain JS).
function msgpack(v) {
  const out = [];
  const str = (s) => {
    const b = enc.encode(s);
    if (b.length < 32) out.push(0xa0 | b.length);
    else if (b.length < 256) out.push(0xd9, b.length);
    else out.push(0xda, b.length >> 8, b.length & 0xff);
    out.push(...b);
  };
  const w = (x) => {
    if (x === null) out.push(0xc0);
    else if (typeof x === 'boolean') out.push(x ? 0xc3 : 0xc2);
    else if (typeof x === 'string') str(x);
    else if (typeof x === 'number' && Number.isInteger(x) && x >= 0 && x < 128) out.push(x);
    else if (typeof x === 'number' && Number.isInteger(x) && x >= 0 && x < 65536) out.push(0xcd, x >> 8, x & 0xff);
    else if (typeof x === 'number') {
      const b = new Uint8Array(8);
      new DataView(b.buffer).setFloat64(0, x);
      out.push(0xcb, ...b);
    } else if (Array.isArray(x)) {
      out.push(0x90 | x.length);
      x.forEach(w);
    } else {
      const keys = Object.keys(x);
      out.push(0x80 | keys.length);
      for (const k of keys) {
        str(k);
        w(x[k]);
      }
    }
  };
  w(v);
  return new Uint8Array(out);
}

function lcg(seed) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) >>> 24;
}

const envelopeJson = JSON.stringify(envelope, null, 2) + '\n';
const files = {
  'envelope.json': enc.encode(envelopeJson),
  // Ruby's Zlib::Deflate.deflate under a .gz name: the bytes say zlib.
  'program.json.gz': zlibSync(enc.encode(envelopeJson), { level: 9 }),
  // A gzip stream wearing a plain .json name.
  'gzip-named.json': gzipSync(enc.encode(envelopeJson), { level: 6, mtime: new Date(1_700_000_000_000) }),
  'envelope.msgpack': msgpack(envelope),
  'envelope.msgpack.gz': gzipSync(msgpack(envelope), { level: 6, mtime: new Date(1_700_000_000_000) }),
  'envelope.json.deflate': deflateSync(enc.encode(envelopeJson), { level: 6 }),
  'envelope-ruby.yaml': enc.encode(
    [
      '---',
      ':version: 1.0.0',
      ':metadata:',
      '  :created_by: desiru',
      ':program:',
      '  :name: :chain_of_thought',
      '  :class: QAPipeline',
      '  :modules:',
      '  - :name: :answer',
      '    :signature: "question: string -> answer: string"',
      '    :demonstrations:',
      '    - :question: What is 2+2?',
      '      :answer: "4"',
      '    :parameters:',
      '      :temperature: 0.7',
      ':timestamp: 2025-01-01 00:00:00 UTC',
      '',
    ].join('\n'),
  ),
  'envelope.yaml': enc.encode(
    'version: 1.1.0\nprogram:\n  class: QAPipeline\n  modules:\n    - name: answer\n      signature: "question: string -> answer: string"\n      parameters:\n        temperature: 0.7\ntimestamp: "2025-01-01T00:00:00Z"\n',
  ),
  'bom.json': enc.encode('\ufeff{\n  "version": "1.1.0",\n  "temperature": 1.0\n}\n'),
  'truncated.json.gz': gzipSync(enc.encode(envelopeJson.repeat(20)), { level: 6, mtime: new Date(1_700_000_000_000) }).subarray(0, 300),
  'random.bin': Uint8Array.from({ length: 4096 }, lcg(42)),
  'empty-map.msgpack': new Uint8Array([0x80]),
  'pickle-like.bin': new Uint8Array([0x80, 0x04, 0x95, 0x05, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x7d, 0x94, 0x2e]),
};

for (const [name, bytes] of Object.entries(files)) writeFileSync(join(OUT, name), bytes);
console.log(`wrote ${Object.keys(files).length} files to fixtures/formats/`);
