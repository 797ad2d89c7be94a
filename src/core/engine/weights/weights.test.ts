import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FormatError } from '../errors.ts';
import { analyzePickleSafety } from '../pickle/safety.ts';
import { bytesSource, type ByteSource } from '../byte-source.ts';
import { ggufWithMetadata, parseGgufScalar, readGgufHeader } from './gguf.ts';
import { readNpyHeader } from '../numpy/npy.ts';
import { previewTensor } from './preview.ts';
import { readSafetensorsHeader, safetensorsWithMetadata } from './safetensors.ts';
import { joinShards, parseShardIndex } from './shards.ts';
import { spliceBytes } from './splice-plan.ts';
import { tensorTree } from './tensor-tree.ts';
import { readWeightsFile, sniffWeights } from './weights-file.ts';
import { readModelFolder } from './model-folder.ts';

const DIR = new URL('../../../../fixtures/weights/', import.meta.url);
const file = (name: string) => new Uint8Array(readFileSync(new URL(name, DIR)));
const source = (name: string) => bytesSource(file(name));
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

function errorOf(f: () => unknown): FormatError {
  try {
    f();
  } catch (e) {
    if (e instanceof FormatError) return e;
    throw e;
  }
  throw new Error('expected a FormatError');
}

/** Counts what a reader touches, to show that listing reads the header only. */
function counting(inner: ByteSource): ByteSource & { readBytes: number } {
  const s = {
    size: inner.size,
    readBytes: 0,
    read(offset: number, length: number) {
      const b = inner.read(offset, length);
      s.readBytes += b.length;
      return b;
    },
  };
  return s;
}

describe('safetensors', () => {
  it('reads the header: metadata, dtypes, shapes, absolute offsets, parameter counts', () => {
    const h = readSafetensorsHeader(source('model.safetensors'));
    expect(h.metadata).toEqual({ format: 'pt', producer: 'fixture' });
    expect(h.tensors.map((t) => [t.name, t.dtype, t.shape, t.params])).toEqual([
      ['model.embed_tokens.weight', 'F32', [8, 4], 32],
      ['model.layers.0.self_attn.q_proj.weight', 'F16', [4, 4], 16],
      ['model.layers.0.mlp.up_proj.weight', 'BF16', [2, 4], 8],
      ['model.layers.1.self_attn.q_proj.weight', 'F64', [2, 2], 4],
      ['model.layers.1.norm.step', 'I64', [3], 3],
      ['model.mask', 'BOOL', [4], 4],
      ['lm_head.weight', 'I8', [2, 3], 6],
    ]);
    expect(h.tensors[0]?.offset).toBe(h.dataStart);
    expect(h.dataStart % 8).toBe(0);
  });

  it('previews values of every decodable dtype by range', () => {
    const s = source('model.safetensors');
    const h = readSafetensorsHeader(s);
    const byName = new Map(h.tensors.map((t) => [t.name, t]));
    const first = (name: string) => {
      const p = previewTensor(s, byName.get(name)!);
      if (p.kind !== 'values') throw new Error(p.reason);
      return p;
    };
    expect(first('model.embed_tokens.weight').first.slice(0, 3)).toEqual([0, 0.5, 1]);
    expect(first('model.embed_tokens.weight')).toMatchObject({ min: 0, max: 15.5, counted: 32 });
    expect(first('model.layers.0.self_attn.q_proj.weight').first.slice(0, 2)).toEqual([-2, -1.5]);
    expect(first('model.layers.0.mlp.up_proj.weight').first.slice(0, 3)).toEqual([-1, -0.75, -0.5]);
    expect(first('model.layers.1.norm.step').first).toEqual([1, -2, 3]);
    expect(first('model.mask').first).toEqual([true, false, true, true]);
    expect(first('lm_head.weight')).toMatchObject({ min: -5, max: 6 });
  });

  it('ends hostile headers in typed errors that name the tensor or the offset', () => {
    expect(errorOf(() => readSafetensorsHeader(source('hostile-length-past-end.safetensors')))).toMatchObject({
      code: 'truncated',
      layer: 'safetensors',
      offset: 0,
    });
    expect(errorOf(() => readSafetensorsHeader(source('hostile-4gb-header.safetensors')))).toMatchObject({ code: 'limit', layer: 'safetensors' });
    const overlap = errorOf(() => readSafetensorsHeader(source('hostile-overlap.safetensors')));
    expect(overlap.message).toMatch(/"b".*overlaps/);
    expect(overlap.path).toBe('/b/data_offsets');
    expect(errorOf(() => readSafetensorsHeader(source('hostile-shape-overflow.safetensors'))).message).toMatch(
      /"a": F32 × \[1,099,511,627,776|"a": F32 × \[1099511627776/,
    );
    expect(errorOf(() => readSafetensorsHeader(source('hostile-size-mismatch.safetensors')))).toMatchObject({ code: 'invalid', path: '/a/data_offsets' });
    expect(errorOf(() => readSafetensorsHeader(source('hostile-bad-dtype.safetensors')))).toMatchObject({ code: 'invalid', path: '/a/dtype' });
  });

  it('edits __metadata__ with a new padded header and the tensor bytes untouched', () => {
    const bytes = file('model.safetensors');
    const h = readSafetensorsHeader(bytesSource(bytes));
    const out = spliceBytes(safetensorsWithMetadata(h, { format: 'pt', note: 'edited by hand', ünïcode: 'ok' }), bytes);
    const again = readSafetensorsHeader(bytesSource(out));
    expect(again.metadata).toEqual({ format: 'pt', note: 'edited by hand', ünïcode: 'ok' });
    expect(again.dataStart % 8).toBe(0);
    expect(again.tensors.map((t) => t.name)).toEqual(h.tensors.map((t) => t.name));
    expect(sha(out.subarray(again.dataStart))).toBe(sha(bytes.subarray(h.dataStart)));
    const removed = readSafetensorsHeader(bytesSource(spliceBytes(safetensorsWithMetadata(h, null), bytes)));
    expect(removed.metadata).toBeNull();
  });

  it('lists a 5 GB file by reading its header only', () => {
    // A sparse file in all but name: a source that serves zeros past the header, as a hole would.
    const small = file('no-metadata.safetensors');
    const h = readSafetensorsHeader(bytesSource(small));
    const big = 5 * 1024 ** 3;
    const header = JSON.stringify({ huge: { dtype: 'F32', shape: [big / 4], data_offsets: [0, big] } }).padEnd(64, ' ');
    const head = new Uint8Array(8 + header.length);
    new DataView(head.buffer).setBigUint64(0, BigInt(header.length), true);
    head.set(new TextEncoder().encode(header), 8);
    const sparse = counting({
      size: head.length + big,
      read: (o, n) => (o < head.length ? head.subarray(o, Math.min(head.length, o + n)) : new Uint8Array(Math.min(n, head.length + big - o))),
    });
    const listed = readSafetensorsHeader(sparse);
    expect(listed.tensors[0]).toMatchObject({ name: 'huge', params: big / 4, bytes: big });
    expect(sparse.readBytes).toBeLessThan(1024);
    const plan = safetensorsWithMetadata(listed, { edited: 'yes' });
    expect(plan[1]).toEqual({ start: listed.dataStart, end: listed.dataStart + big });
    expect(h.tensors.length).toBe(2);
  });
});

describe('sharded safetensors', () => {
  const index = parseShardIndex(new TextDecoder().decode(file('sharded/model.safetensors.index.json')));
  const shard = (n: 1 | 2) => readSafetensorsHeader(source(`sharded/model-0000${n}-of-00002.safetensors`));

  it('joins the weight map and the shards into one table with totals', () => {
    const joined = joinShards(
      index,
      new Map([
        ['model-00001-of-00002.safetensors', shard(1)],
        ['model-00002-of-00002.safetensors', shard(2)],
      ]),
    );
    expect(joined.tensors).toHaveLength(7);
    expect(joined).toMatchObject({ missingShards: [], extraShards: [], missingTensors: [], unlistedTensors: [] });
    expect(joined.totalSize).toEqual({ declared: joined.totals.bytes, actual: joined.totals.bytes });
    const tree = tensorTree(joined.tensors);
    expect(tree.children.map((c) => c.name)).toEqual(['model', 'lm_head']);
    expect(tree.params).toBe(32 + 16 + 8 + 4 + 3 + 4 + 6);
  });

  it('reports a missing shard and a file the index does not name', () => {
    const joined = joinShards(
      index,
      new Map([
        ['model-00001-of-00002.safetensors', shard(1)],
        ['stray.safetensors', shard(2)],
      ]),
    );
    expect(joined.missingShards).toEqual(['model-00002-of-00002.safetensors']);
    expect(joined.extraShards).toEqual(['stray.safetensors']);
    expect(joined.unlistedTensors).toHaveLength(4);
  });
});

describe('NumPy', () => {
  it('reads headers of every version, dtype and order', () => {
    const h = (n: string) => readNpyHeader(source(n));
    expect(h('f4-c.npy')).toMatchObject({ version: '1.0', fortranOrder: false, shape: [3, 4], count: 12, dtype: { name: 'float32', littleEndian: true } });
    expect(h('f8-fortran.npy')).toMatchObject({ fortranOrder: true, shape: [2, 3], dtype: { name: 'float64' } });
    expect(h('i8-big-endian.npy')).toMatchObject({ dtype: { name: 'int64', littleEndian: false } });
    expect(h('bool.npy').dtype.name).toBe('bool');
    expect(h('u2-scalar.npy')).toMatchObject({ shape: [], count: 1 });
    expect(h('f2-v2.npy')).toMatchObject({ version: '2.0', dtype: { name: 'float16' } });
    expect(h('f4-v3.npy')).toMatchObject({ version: '3.0', shape: [3] });
  });

  it('previews values, big-endian included', () => {
    const w = readWeightsFile(source('i8-big-endian.npy'));
    const row = w.tensors[0]!;
    const p = previewTensor(source('i8-big-endian.npy'), { dtype: 'I64', offset: row.offset!, bytes: row.bytes, params: row.params }, { littleEndian: false });
    expect(p).toMatchObject({ kind: 'values', first: [0, 1, 2, 3, 4] });
  });

  it('lists .npz members, stored and deflated', () => {
    for (const name of ['arrays.npz', 'arrays-deflated.npz']) {
      const w = readWeightsFile(source(name));
      expect(w.format).toBe('npz');
      expect(w.tensors.map((t) => [t.name, t.dtype, t.shape])).toEqual([
        ['weights', 'float32', [2, 3]],
        ['ids', 'int32', [3]],
      ]);
    }
  });

  it('hands an object array to the pickle safety report: dangerous, with the call', () => {
    const w = readWeightsFile(source('object-dangerous.npy'));
    expect(w.pickles).toHaveLength(1);
    const report = analyzePickleSafety(w.pickles[0]!.bytes);
    expect(report.verdict).toBe('dangerous');
    expect(JSON.stringify(report)).toMatch(/system/);
    const plain = readWeightsFile(source('object-plain.npy'));
    expect(analyzePickleSafety(plain.pickles[0]!.bytes).verdict).not.toBe('dangerous');
    const zipped = readWeightsFile(source('object-dangerous.npz'));
    expect(analyzePickleSafety(zipped.pickles[0]!.bytes).verdict).toBe('dangerous');
  });
});

describe('GGUF', () => {
  it('reads metadata, arrays summarised, and tensor infos with sizes', () => {
    const h = readGgufHeader(source('tiny.gguf'));
    expect(h).toMatchObject({ version: 3, alignment: 32 });
    const meta = new Map(h.metadata.map((e) => [e.key, e.value]));
    expect(meta.get('general.name')).toEqual({ type: 'string', value: 'tiny-fixture' });
    expect(meta.get('llama.context_length')).toEqual({ type: 'u32', value: 2048 });
    expect(meta.get('tokenizer.ggml.tokens')).toMatchObject({ type: 'array', itemType: 'string', length: 5, items: ['<s>', '</s>', 'a', 'b', 'c'] });
    expect(h.tensors.map((t) => [t.name, t.type, t.shape, t.bytes])).toEqual([
      ['token_embd.weight', 'F32', [4, 2], 32],
      ['blk.0.attn_q.weight', 'F16', [4], 8],
      ['blk.0.ffn_up.weight', 'Q8_0', [32], 34],
    ]);
    expect(h.dataStart % 32).toBe(0);
    expect(readGgufHeader(source('tiny-v2.gguf')).version).toBe(2);
  });

  it('flags a chat template that reaches Python objects', () => {
    expect(readWeightsFile(source('tiny.gguf')).notes).toEqual([]);
    expect(readWeightsFile(source('code-template.gguf')).notes.join(' ')).toMatch(/dunder/);
  });

  it('ends hostile headers in typed errors before allocating', () => {
    expect(errorOf(() => readGgufHeader(source('hostile-gguf-huge-count.gguf')))).toMatchObject({ code: 'limit', layer: 'gguf', offset: 8 });
    const counted = file('tiny.gguf').slice();
    new DataView(counted.buffer).setBigUint64(8, 2n ** 40n, true);
    expect(errorOf(() => readGgufHeader(bytesSource(counted))).message).toMatch(/1,099,511,627,776 tensors, more than the file can hold/);
    expect(errorOf(() => readGgufHeader(source('hostile-gguf-string-past-end.gguf')))).toMatchObject({ layer: 'gguf' });
  });

  it('edits metadata and keeps the tensor data byte for byte', () => {
    const bytes = file('tiny.gguf');
    const h = readGgufHeader(bytesSource(bytes));
    const plan = ggufWithMetadata(h, bytesSource(bytes), [
      { key: 'general.name', value: 'renamed' },
      { key: 'llama.context_length', value: parseGgufScalar('u32', '4096', 'llama.context_length') },
      { key: 'tokenizer.chat_template', remove: true },
      { key: 'general.license', value: 'mit' },
    ]);
    const out = spliceBytes(plan, bytes);
    const again = readGgufHeader(bytesSource(out));
    const meta = new Map(again.metadata.map((e) => [e.key, e.value]));
    expect(meta.get('general.name')).toEqual({ type: 'string', value: 'renamed' });
    expect(meta.get('llama.context_length')).toEqual({ type: 'u32', value: 4096 });
    expect(meta.has('tokenizer.chat_template')).toBe(false);
    expect(meta.get('general.license')).toEqual({ type: 'string', value: 'mit' });
    expect(meta.get('tokenizer.ggml.tokens')).toMatchObject({ length: 5 });
    expect(again.tensors.map((t) => t.offset - again.dataStart)).toEqual(h.tensors.map((t) => t.offset - h.dataStart));
    expect(sha(out.subarray(again.dataStart))).toBe(sha(bytes.subarray(h.dataStart)));
    expect(errorOf(() => parseGgufScalar('u32', '-1', 'k')).message).toMatch(/out of range/);
    expect(errorOf(() => ggufWithMetadata(h, bytesSource(bytes), [{ key: 'general.alignment', value: 64 }])).code).toBe('invalid');
  });
});

describe('sniffing by bytes', () => {
  it('tells each format from its first bytes, whatever the name', () => {
    const sniff = (n: string) => {
      const b = file(n);
      return sniffWeights(b.subarray(0, 600), b.length);
    };
    expect(sniff('model.safetensors')).toBe('safetensors');
    expect(sniff('f4-c.npy')).toBe('npy');
    expect(sniff('arrays.npz')).toBe('npz');
    expect(sniff('tiny.gguf')).toBe('gguf');
    expect(sniffWeights(new TextEncoder().encode('{"a": 1}'), 8)).toBeUndefined();
  });
});

describe('model folders', () => {
  const folder = (dir: string, names: string[]) => names.map((name) => ({ name, source: bytesSource(file(`${dir}/${name}`)) }));

  it('opens a Hugging Face folder as one model: architecture, joined shards, totals, its pickle named', () => {
    const summary = readModelFolder(
      folder('sharded', [
        'config.json',
        'model.safetensors.index.json',
        'model-00001-of-00002.safetensors',
        'model-00002-of-00002.safetensors',
        'training_args.bin',
      ]),
    );
    expect(summary).toMatchObject({ kind: 'hf-model', architecture: 'TinyForCausalLM', dtype: 'float32', pickles: ['training_args.bin'] });
    expect(summary.totals).toMatchObject({ tensors: 7, params: 73 });
    expect(summary.shards).toMatchObject({ missingShards: [], extraShards: [] });
    expect(summary.files.map((f) => [f.name, f.role])).toEqual([
      ['config.json', 'config'],
      ['model.safetensors.index.json', 'shard-index'],
      ['model-00001-of-00002.safetensors', 'weights'],
      ['model-00002-of-00002.safetensors', 'weights'],
      ['training_args.bin', 'pickle'],
    ]);
  });

  it('says which shard is missing', () => {
    const summary = readModelFolder(folder('sharded', ['config.json', 'model.safetensors.index.json', 'model-00001-of-00002.safetensors']));
    expect(summary.shards?.missingShards).toEqual(['model-00002-of-00002.safetensors']);
    expect(summary.notes.join(' ')).toMatch(/model-00002-of-00002\.safetensors is named in the index/);
  });

  it('opens a dspy.Embeddings folder with its count and dimension', () => {
    const summary = readModelFolder(folder('embeddings', ['config.json', 'corpus_embeddings.npy']));
    expect(summary).toMatchObject({ kind: 'embeddings', embeddings: { count: 5, dimension: 8 } });
  });
});
