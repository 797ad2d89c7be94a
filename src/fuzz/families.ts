/**
 * The decoder families the fuzzer drives, each seeded from the project's own fixtures. A family
 * makes input `i` from a Random: byte havoc on a seed file, or a structural mutation one layer in
 * (inflate → mutate → deflate again, decrypt → mutate → encrypt again with the fixture key, unzip a
 * torch checkpoint → mutate a member → zip again, decode a program → mutate its tree → encode), so
 * the inner decoders, the adapters and the views see inputs that get past the outer checks.
 */
import { createCipheriv, createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync, gunzipSync, gzipSync, inflateSync, unzipSync, unzlibSync, zipSync, zlibSync, type Zippable } from 'fflate';
import { pack, unpack } from 'msgpackr';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { encryptWithPassphrase } from '../core/engine/crypto/container';
import { havoc, tokens } from './mutate-bytes';
import { mutateTree } from './mutate-value';
import type { Random } from './random';

/** Which fixture secret an input needs; the secrets themselves stay in fixtures/crypto. */
export type CredentialRef = 'fixture-key' | 'fixture-passphrase';

export interface FuzzInput {
  family: string;
  /** The file name the page would get (a hint only: files are sniffed by bytes). */
  name: string;
  bytes: Uint8Array;
  credentials?: CredentialRef;
  /** How the input was made, for people reading a finding. */
  trace: string[];
}

export interface Family {
  id: string;
  about: string;
  make(rng: Random): Promise<FuzzInput>;
}

interface Seed {
  name: string;
  bytes: Uint8Array;
}

const JSON_TOKENS = tokens(
  '{',
  '}',
  '[',
  ']',
  '"',
  ':',
  ',',
  '\\u',
  '\\ud800',
  '1e999',
  '-0',
  '12345678901234567890123',
  'null',
  'true',
  '"__proto__"',
  '"demos"',
  '"signature"',
  '"version"',
  '\ufeff',
  '[[[[[[[[[[',
  '{"a":',
  '"\\',
  '0.1e-400',
);
const YAML_TOKENS = tokens(
  '&a ',
  '*a',
  '<<: *a',
  '!!python/object:os.system ',
  '!!binary ',
  '--- ',
  '...',
  '? ',
  '- ',
  ':version: ',
  '|',
  '>-',
  '%YAML 1.1\n',
  '!<tag:x>',
  '{',
  '[',
  '\t',
  '\n  ',
  '"\\x',
  '0x',
  '.inf',
  '~',
);
const MSGPACK_TOKENS = tokens(
  [0xdc, 0xff, 0xff],
  [0xdd, 0x7f, 0xff, 0xff, 0xff],
  [0xde, 0xff, 0xff],
  [0xdf, 0x7f, 0xff, 0xff, 0xff],
  [0xc4, 0xff],
  [0xc6, 0x7f, 0xff, 0xff, 0xff],
  [0xdb, 0x7f, 0xff, 0xff, 0xff],
  [0xcb, 0x40, 0x59, 0, 0, 0, 0, 0, 0],
  [0xcb, 0x7f, 0xf8, 0, 0, 0, 0, 0, 0],
  [0xcf, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff],
  [0xd4, 0xff, 0x00],
  [0xd7, 0xff, 0, 0, 0, 0, 0, 0, 0, 0],
  [0xc7, 0x0c, 0xff],
  [0xc1],
  [0x91],
  [0x81],
  [0xa0],
);
/** Pickle opcodes with and without arguments, and the classic payload's pieces. */
const PICKLE_TOKENS = tokens(
  [0x80, 0x02],
  [0x80, 0x05],
  [0x95, 0xff, 0xff, 0xff, 0x7f, 0, 0, 0, 0],
  '(',
  ')',
  ']',
  '}',
  'e',
  'u',
  's',
  't',
  'R',
  'b',
  'o',
  'N',
  '.',
  '0',
  '2',
  'a',
  'l',
  'd',
  [0x85],
  [0x86],
  [0x87],
  [0x88],
  [0x89],
  [0x8c, 0x05],
  [0x93],
  [0x94],
  [0x81],
  [0x82],
  [0x92],
  [0x8a, 0x08],
  [0x8b, 0xff, 0xff, 0xff, 0x7f],
  'h\x00',
  'j\x00\x00\x00\x00',
  'q\x00',
  'r\x00\x00\x00\x00',
  'g0\n',
  'p0\n',
  'cos\nsystem\n',
  'c__builtin__\neval\n',
  "S'x'\n",
  'I99999999999999999999999\n',
  'L1L\n',
  'X\xff\xff\xff\x7f',
  'B\x00\x00\x00\x80',
  'T\xff\xff\xff\xff',
  [0x8e, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f],
  [0x96],
  [0x97],
  [0x98],
  'P0\n',
  'Q',
);
const ZIP_TOKENS = tokens(
  'PK\x03\x04',
  'PK\x01\x02',
  'PK\x05\x06',
  'PK\x06\x06',
  'PK\x06\x07',
  [0xff, 0xff, 0xff, 0xff],
  'archive/data.pkl',
  '../data.pkl',
  'data/0',
);
const GZIP_TOKENS = tokens(
  [0x1f, 0x8b, 0x08, 0x00],
  [0x1f, 0x8b, 0x08, 0x1f],
  [0x78, 0x9c],
  [0x78, 0x01],
  [0x00, 0x00, 0xff, 0xff],
  [0x03, 0x00],
  [0xff, 0xff, 0xff, 0xff],
);
const CONTAINER_TOKENS = tokens([0x89, 0x50, 0x53, 0x45, 0x4e, 0x43, 0x0d, 0x0a], [0xff, 0xff, 0xff, 0xff], [0x00, 0x98, 0x96, 0x80], [0x01, 0x01]);

export function loadSeeds(root: string, folder: string, accept: (name: string) => boolean): Seed[] {
  const dir = join(root, 'fixtures', folder);
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter(accept)
    .sort()
    .map((name) => ({ name: name.split('/').pop()!, bytes: new Uint8Array(readFileSync(join(dir, name))) }));
}

function isJsonFile(n: string): boolean {
  return n.endsWith('.json') && !n.endsWith('.expected.json') && !n.endsWith('manifest.json');
}

/** Mutated trees grow by repetition; beyond this they only test speed, which `npm run bench` owns. */
const MAX_TREE_BYTES = 64 * 1024;

const YAML_MAX_DEPTH = 64;

function deeperThan(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (depth > max) return true;
    if (v !== null && typeof v === 'object' && !(v instanceof Uint8Array)) for (const c of Array.isArray(v) ? v : Object.values(v)) stack.push([c, depth + 1]);
  }
  return false;
}

/** Re-encodes a mutated tree in the seed's own syntax (bigints as msgpack/YAML allow). */
function encodeTree(value: unknown, syntax: 'json' | 'yaml' | 'msgpack', rng: Random): Uint8Array {
  if (syntax === 'msgpack') return new Uint8Array(pack(value));
  // The yaml writer takes minutes on a few hundred levels (block indents grow, flow style is slower
  // still): deep YAML comes from the byte mutations' '[' and '{' tokens instead.
  if (syntax === 'yaml' && deeperThan(value, YAML_MAX_DEPTH)) throw new RangeError('too deep to write as YAML');
  if (syntax === 'yaml') return new TextEncoder().encode(stringifyYaml(value, { aliasDuplicateObjects: rng.chance(0.5) }));
  const text = JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v), rng.pick([0, 2, 4])) ?? 'null';
  return new TextEncoder().encode(text);
}

function decodeTree(seed: Seed): unknown {
  const syntax = syntaxOf(seed.name);
  if (syntax === 'msgpack') return unpack(seed.bytes);
  const text = new TextDecoder().decode(seed.bytes);
  return syntax === 'yaml' ? parseYaml(text) : JSON.parse(text.replace(/^\ufeff/, ''));
}

function parses(seed: Seed): boolean {
  try {
    decodeTree(seed);
    return true;
  } catch {
    return false;
  }
}

function syntaxOf(name: string): 'json' | 'yaml' | 'msgpack' {
  if (/\.msgpack/.test(name)) return 'msgpack';
  if (/\.ya?ml/.test(name)) return 'yaml';
  return 'json';
}

/** Syntax-level seeds (their trees decoded once) for the tree mutations. */
function treeSeeds(seeds: Seed[]): Array<Seed & { tree: unknown; syntax: 'json' | 'yaml' | 'msgpack' }> {
  return seeds.flatMap((s) => {
    try {
      return [{ ...s, tree: decodeTree(s), syntax: syntaxOf(s.name) }];
    } catch {
      return [];
    }
  });
}

/** A seed's tree mutated and written again in its syntax; the seed itself when that cannot be written or grows too big. */
function encodedTreeMutation(rng: Random, seed: Seed & { tree: unknown; syntax: 'json' | 'yaml' | 'msgpack' }): { bytes: Uint8Array; trace: string[] } {
  const { value, trace } = mutateTree(rng, seed.tree);
  try {
    const bytes = encodeTree(value, seed.syntax, rng);
    if (bytes.length <= MAX_TREE_BYTES) return { bytes, trace: ['tree', ...trace] };
  } catch {
    // An encoder that cannot write the tree (too deep for its recursion).
  }
  return { bytes: seed.bytes, trace: ['tree', ...trace, 'unencodable or too big: seed kept'] };
}

function dictionaryFor(syntax: 'json' | 'yaml' | 'msgpack') {
  return syntax === 'msgpack' ? MSGPACK_TOKENS : syntax === 'yaml' ? YAML_TOKENS : JSON_TOKENS;
}

/** A syntax family: byte havoc on a seed half the time, a tree mutation re-encoded the other half. */
function syntaxFamily(id: string, about: string, seeds: Seed[], syntax: 'json' | 'yaml' | 'msgpack' | 'any' | Uint8Array[], treeShare = 0.5): Family {
  const trees = treeSeeds(seeds);
  const others = seeds.map((s) => s.bytes);
  return {
    id,
    about,
    async make(rng) {
      if (trees.length > 0 && rng.chance(treeShare)) {
        const seed = rng.pick(trees);
        const made = encodedTreeMutation(rng, seed);
        let bytes = made.bytes;
        const trace = made.trace;
        const extra: string[] = [];
        if (rng.chance(0.2)) {
          const m = havoc(rng, bytes, dictionaryFor(seed.syntax), others);
          bytes = m.bytes;
          extra.push(...m.trace);
        }
        return { family: id, name: seed.name, bytes, trace: [`seed ${seed.name}`, ...trace, ...extra] };
      }
      const seed = rng.pick(seeds);
      const dictionary = Array.isArray(syntax) ? syntax : syntax === 'any' ? dictionaryFor(syntaxOf(seed.name)) : dictionaryFor(syntax);
      const m = havoc(rng, seed.bytes, dictionary, others);
      return { family: id, name: seed.name, bytes: m.bytes, trace: [`seed ${seed.name}`, ...m.trace] };
    },
  };
}

type Codec = { name: string; inflate(b: Uint8Array): Uint8Array; deflate(b: Uint8Array, level: number): Uint8Array; suffix: string };

const CODECS: Record<'gzip' | 'zlib' | 'deflate', Codec> = {
  gzip: { name: 'gzip', inflate: (b) => gunzipSync(b), deflate: (b, level) => gzipSync(b, { level: level as 0 }), suffix: '.gz' },
  zlib: { name: 'zlib', inflate: (b) => unzlibSync(b), deflate: (b, level) => zlibSync(b, { level: level as 0 }), suffix: '.zz' },
  deflate: { name: 'raw deflate', inflate: (b) => inflateSync(b), deflate: (b, level) => deflateSync(b, { level: level as 0 }), suffix: '.deflate' },
};

/**
 * A compression family: seeds are the fixtures compressed that way (as committed, or compressed here
 * from the syntax fixtures). Half the inputs mutate the compressed bytes, half mutate the payload
 * and compress it again, so a valid stream carries hostile content to the decoders inside.
 */
function compressionFamily(id: keyof typeof CODECS, compressed: Seed[], payloads: Seed[]): Family {
  const codec = CODECS[id];
  const seeds = [...compressed, ...payloads.map((p) => ({ name: p.name + codec.suffix, bytes: codec.deflate(p.bytes, 6) }))];
  const inner = seeds.flatMap((s) => {
    try {
      return [{ name: s.name, payload: codec.inflate(s.bytes) }];
    } catch {
      return [];
    }
  });
  const others = seeds.map((s) => s.bytes);
  return {
    id,
    about: `${codec.name} streams: broken headers, blocks and trailers, and valid streams around hostile payloads`,
    async make(rng) {
      if (rng.chance(0.5)) {
        const seed = rng.pick(seeds);
        const m = havoc(rng, seed.bytes, GZIP_TOKENS, others);
        return { family: id, name: seed.name, bytes: m.bytes, trace: [`seed ${seed.name}`, ...m.trace] };
      }
      const seed = rng.pick(inner);
      const m = havoc(
        rng,
        seed.payload,
        dictionaryFor(syntaxOf(seed.name)),
        inner.map((s) => s.payload),
      );
      const level = rng.int(10);
      let bytes = codec.deflate(m.bytes, level);
      const trace = [`seed ${seed.name}`, 'payload', ...m.trace, `${codec.name} level ${level}`];
      if (id === 'gzip' && rng.chance(0.1)) {
        bytes = Uint8Array.from([...bytes, ...codec.deflate(m.bytes, level)]);
        trace.push('second member');
      }
      return { family: id, name: seed.name, bytes, trace };
    },
  };
}

/** Torch saves: the zip's members mutated and zipped again (entry order kept), or the bytes as stored. */
function torchFamily(seeds: Seed[]): Family {
  const zips = seeds.flatMap((s) => {
    try {
      return [{ name: s.name, members: Object.entries(unzipSync(s.bytes)) }];
    } catch {
      return [];
    }
  });
  const others = seeds.map((s) => s.bytes);
  return {
    id: 'torch',
    about: 'PyTorch saves: zip checkpoints (directory, members, data.pkl) and legacy stacked pickles',
    async make(rng) {
      if (zips.length > 0 && rng.chance(0.6)) {
        const seed = rng.pick(zips);
        const members = seed.members.map(([n, b]) => [n, b] as [string, Uint8Array]);
        const trace = [`seed ${seed.name}`];
        const which = rng.chance(0.6) ? members.findIndex(([n]) => n.endsWith('data.pkl')) : rng.int(members.length);
        const [memberName, memberBytes] = members[which]!;
        const m = havoc(rng, memberBytes, memberName.endsWith('.pkl') ? PICKLE_TOKENS : [], []);
        members[which] = [memberName, m.bytes];
        trace.push(`member ${memberName}`, ...m.trace);
        if (rng.chance(0.1)) {
          const [moved] = members.splice(rng.int(members.length), 1);
          members.splice(rng.int(members.length + 1), 0, moved!);
          trace.push(`moved ${moved![0]}`);
        }
        if (rng.chance(0.1)) {
          const i = rng.int(members.length);
          const renamed = `${rng.pick(['archive', 'other', 'a/b', ''])}/${members[i]![0].split('/').slice(1).join('/')}`;
          trace.push(`renamed ${members[i]![0]} -> ${renamed}`);
          members[i] = [renamed, members[i]![1]];
        }
        const zippable: Zippable = {};
        for (const [n, b] of members) zippable[n] = [b, { level: 0 }];
        return { family: 'torch', name: seed.name, bytes: zipSync(zippable), trace };
      }
      const seed = rng.pick(seeds);
      const m = havoc(rng, seed.bytes, [...ZIP_TOKENS, ...PICKLE_TOKENS], others);
      return { family: 'torch', name: seed.name, bytes: m.bytes, trace: [`seed ${seed.name}`, ...m.trace] };
    },
  };
}

/**
 * AES-256-GCM files: the fixture files with broken headers, IVs and tags (wrong key, damaged
 * container), and valid encryptions with the fixture key or passphrase of mutated plaintexts.
 */
function aesFamily(root: string, files: Seed[], plaintexts: Seed[]): Family {
  const key = Buffer.from(readFileSync(join(root, 'fixtures/crypto/fixture.key'), 'utf8').trim(), 'hex');
  const others = files.map((s) => s.bytes);
  const trees = treeSeeds(plaintexts);
  const credentialsOf = (name: string): CredentialRef => (name.endsWith('.psenc') ? 'fixture-passphrase' : 'fixture-key');
  return {
    id: 'aes',
    about: 'AES-256-GCM: raw-key files (both layouts) and the passphrase container, opened as the page does: no key, then the key',
    async make(rng) {
      if (rng.chance(0.35)) {
        const seed = rng.pick(files);
        const m = havoc(rng, seed.bytes, CONTAINER_TOKENS, others);
        return { family: 'aes', name: seed.name, bytes: m.bytes, credentials: credentialsOf(seed.name), trace: [`seed ${seed.name}`, ...m.trace] };
      }
      const plain = rng.pick(plaintexts);
      // Half the plaintexts are program trees mutated and written again, so the decrypted file opens and its views run.
      const tree = trees.length > 0 && rng.chance(0.5) ? rng.pick(trees) : undefined;
      const m = tree
        ? encodedTreeMutation(rng, tree)
        : havoc(
            rng,
            plain.bytes,
            dictionaryFor(syntaxOf(plain.name)),
            plaintexts.map((p) => p.bytes),
          );
      const iv = rng.bytes(12);
      const how = rng.pick(['iv-ct-tag', 'iv-tag-ct', 'psenc'] as const);
      const trace = [`seed ${plain.name}`, 'plaintext', ...m.trace, how];
      if (how === 'psenc') {
        const bytes = await encryptWithPassphrase(m.bytes, 'correct horse battery staple', { weakIterationsForTests: 1000, salt: rng.bytes(16), iv });
        return { family: 'aes', name: `${plain.name}.psenc`, bytes, credentials: 'fixture-passphrase', trace };
      }
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const ct = Buffer.concat([cipher.update(m.bytes), cipher.final()]);
      const tag = cipher.getAuthTag();
      const bytes = new Uint8Array(how === 'iv-ct-tag' ? Buffer.concat([iv, ct, tag]) : Buffer.concat([iv, tag, ct]));
      return { family: 'aes', name: `${plain.name}.enc`, bytes, credentials: 'fixture-key', trace };
    },
  };
}

/** Every family, seeded from the fixtures under `root`. */
export function loadFamilies(root: string): Family[] {
  const formats = loadSeeds(root, 'formats', () => true);
  const programs = loadSeeds(root, 'programs', () => true);
  const jsonSeeds = [
    ...formats,
    ...programs,
    ...loadSeeds(root, 'pickle', isJsonFile),
    ...loadSeeds(root, 'crypto', isJsonFile),
    ...loadSeeds(root, 'series', (n) => n.startsWith('full/')),
  ].filter((s) => syntaxOf(s.name) === 'json' && parses(s));
  const yamlSeeds = [...formats, ...programs].filter((s) => syntaxOf(s.name) === 'yaml');
  const msgpackSeeds = [...formats, ...programs].filter((s) => syntaxOf(s.name) === 'msgpack' && !s.name.endsWith('.gz'));
  const payloads = [...jsonSeeds.slice(0, 6), ...yamlSeeds.slice(0, 1), ...msgpackSeeds.slice(0, 1)];
  const envelopes = [...formats, ...programs].filter((s) => /envelope|desiru/.test(s.name) && !/\.(gz|deflate)$/.test(s.name));
  const dspy = [
    ...programs.filter((s) => /dspy|dsrs/.test(s.name)),
    ...loadSeeds(root, 'pickle', (n) => n === 'dspy-state.json'),
    ...loadSeeds(root, 'series', (n) => n.startsWith('full/')),
  ];
  const pickles = loadSeeds(root, 'pickle', (n) => n.endsWith('.pkl'));
  const torch = loadSeeds(root, 'pickle', (n) => n.endsWith('.pt'));
  const crypto = loadSeeds(root, 'crypto', (n) => /\.(enc|psenc)$/.test(n));
  const plaintexts = loadSeeds(root, 'crypto', (n) => n === 'program.json' || n === 'program.json.gz');
  return [
    compressionFamily(
      'gzip',
      formats.filter((s) => s.bytes[0] === 0x1f && s.bytes[1] === 0x8b),
      payloads,
    ),
    compressionFamily('zlib', [], payloads),
    compressionFamily(
      'deflate',
      formats.filter((s) => s.name.endsWith('.deflate')),
      payloads,
    ),
    syntaxFamily('json', 'JSON text: syntax, numbers, strings, BOMs, nesting, and program trees', jsonSeeds, 'json'),
    syntaxFamily('yaml', 'YAML text: anchors, aliases, tags, Ruby symbol keys, and program trees', yamlSeeds, 'yaml'),
    syntaxFamily(
      'msgpack',
      'MessagePack: lengths, ext types, floats, and program trees',
      [...msgpackSeeds, ...jsonSeeds.slice(0, 4).map((s) => ({ name: s.name.replace(/\.json$/, '.msgpack'), bytes: new Uint8Array(pack(decodeTree(s))) }))],
      'msgpack',
    ),
    syntaxFamily('pickle', 'Python pickles, protocols 0 to 5: opcodes, memo, marks, lengths, globals and calls', pickles, PICKLE_TOKENS, 0),
    torchFamily(torch),
    aesFamily(root, crypto, plaintexts),
    syntaxFamily('envelope', 'Versioned envelopes and module files (JSON, YAML, MessagePack): the adapter, migrations and export', envelopes, 'any', 0.85),
    syntaxFamily('dspy', 'DSPy state of every era: the adapter, modules, demos, migrations and export', dspy, 'json', 0.85),
  ];
}

/** A stable short id for bytes, for crasher file names. */
export function shortHash(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 12);
}
