#!/usr/bin/env node
/**
 * Writes fixtures/crypto/: encrypted programs made by other implementations (Node's crypto, and
 * Ruby's OpenSSL when a `ruby` binary is on PATH) and by our own container code, with their key,
 * passphrase and SHA-256 sidecars, so the tests can prove we open what others write.
 *
 *   node scripts/make-crypto-fixtures.mjs
 *
 * Everything is deterministic (fixed key, IVs and salt) so re-running gives the same bytes, except
 * that the Ruby file appears only where Ruby exists. Fixed IVs are for fixtures only: a real
 * encryption must never reuse an IV with the same key. Each file here gets its own IV.
 *
 * The key is SHA-256("program-studio crypto fixture key"), written as hex to fixture.key.
 * The passphrase of the .psenc containers is: correct horse battery staple
 * They use 1,000 PBKDF2 iterations (far below the 600,000 default) so tests stay fast.
 */
import { createCipheriv, createHash } from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { tsImport } from 'tsx/esm/api';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'fixtures/crypto');
const { encryptWithPassphrase } = await tsImport('../src/core/engine/crypto/container.ts', import.meta.url);

export const PASSPHRASE = 'correct horse battery staple';
const key = createHash('sha256').update('program-studio crypto fixture key').digest();
/** A distinct, reproducible IV (or salt) per file. */
const fixed = (label, n) => createHash('sha256').update(`fixture ${label}`).digest().subarray(0, n);

// A small compiled program in the DSPy shape: one predictor with a signature, demos and LM params.
const program = {
  'generate_answer.predict': {
    traces: [],
    train: [],
    demos: [
      { augmented: true, question: 'What is the capital of France?', reasoning: 'France is a country; its capital is Paris.', answer: 'Paris' },
      { question: 'Who wrote Hamlet?', answer: 'William Shakespeare' },
    ],
    signature: {
      instructions: 'Answer questions with short factoid answers.',
      fields: [
        { prefix: 'Question:', description: '${question}' },
        { prefix: "Reasoning: Let's think step by step in order to", description: '${reasoning}' },
        { prefix: 'Answer:', description: 'often between 1 and 5 words' },
      ],
    },
    lm: { model: 'openai/gpt-4o-mini', temperature: 0.0, max_tokens: 1000 },
  },
  metadata: { dependency_versions: { python: '3.11', dspy: '2.6.5', cloudpickle: '3.1' } },
};
const json = Buffer.from(`${JSON.stringify(program, null, 2)}\n`);
// mtime 0 and a fixed level keep the gzip bytes stable; compress before encrypt, never after.
const gz = gzipSync(json, { level: 9 });

function encryptNode(plain, label, layout) {
  const iv = fixed(label, 12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  const ct = Buffer.concat([c.update(plain), c.final()]);
  const tag = c.getAuthTag();
  return layout === 'iv-ct-tag' ? Buffer.concat([iv, ct, tag]) : Buffer.concat([iv, tag, ct]);
}

// What a Ruby program using OpenSSL::Cipher writes: iv + update + final + auth_tag.
const RUBY = `
require 'openssl'
key = [ARGV[0]].pack('H*')
iv = [ARGV[1]].pack('H*')
c = OpenSSL::Cipher.new('AES-256-GCM')
c.encrypt
c.key = key
c.iv = iv
data = STDIN.binmode.read
out = iv + c.update(data) + c.final + c.auth_tag
STDOUT.binmode.write(out)
`;

function encryptRuby(plain, label) {
  const probe = spawnSync('ruby', ['-ropenssl', '-e', 'print OpenSSL::OPENSSL_LIBRARY_VERSION'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    console.log(`skipped the Ruby OpenSSL fixture: ${probe.error ? 'no ruby binary on PATH' : `ruby -ropenssl failed: ${probe.stderr.trim()}`}`);
    return null;
  }
  console.log(`Ruby with ${probe.stdout}`);
  return execFileSync('ruby', ['-e', RUBY, key.toString('hex'), fixed(label, 12).toString('hex')], { input: plain });
}

// Without Ruby here, a Ruby-made file from an earlier run is kept: it is the one file no code of ours wrote.
const RUBY_FILE = join(out, 'program.json.ruby.enc');
const earlierRuby = existsSync(RUBY_FILE) ? readFileSync(RUBY_FILE) : undefined;
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const manifest = [];
function write(name, bytes, entry) {
  writeFileSync(join(out, name), bytes);
  const digest = createHash('sha256').update(bytes).digest('hex');
  writeFileSync(join(out, `${name}.sha256`), `${digest}  ${name}\n`);
  if (entry) manifest.push({ file: name, ...entry });
}

write('program.json', json);
write('program.json.gz', gz);
writeFileSync(join(out, 'fixture.key'), `${key.toString('hex')}\n`);
write('program.json.enc', encryptNode(json, 'node iv-ct-tag', 'iv-ct-tag'), {
  scheme: 'raw',
  layout: 'iv-ct-tag',
  plaintext: 'program.json',
  madeBy: 'node crypto',
});
write('program.json.gz.enc', encryptNode(gz, 'node gz iv-ct-tag', 'iv-ct-tag'), {
  scheme: 'raw',
  layout: 'iv-ct-tag',
  plaintext: 'program.json.gz',
  madeBy: 'node crypto',
});
write('program.json.iv-tag-ct.enc', encryptNode(json, 'node iv-tag-ct', 'iv-tag-ct'), {
  scheme: 'raw',
  layout: 'iv-tag-ct',
  plaintext: 'program.json',
  madeBy: 'node crypto',
});
const ruby = encryptRuby(json, 'ruby iv-ct-tag');
const rubyEntry = { scheme: 'raw', layout: 'iv-ct-tag', plaintext: 'program.json', madeBy: 'ruby openssl' };
if (ruby) write('program.json.ruby.enc', ruby, rubyEntry);
else if (earlierRuby) {
  console.log('kept the Ruby-made program.json.ruby.enc from an earlier run');
  write('program.json.ruby.enc', earlierRuby, rubyEntry);
}
for (const [name, plain, label] of [
  ['program.json.psenc', json, 'container'],
  ['program.json.gz.psenc', gz, 'container gz'],
]) {
  const sealed = await encryptWithPassphrase(new Uint8Array(plain), PASSPHRASE, {
    weakIterationsForTests: 1000,
    salt: new Uint8Array(fixed(`${label} salt`, 16)),
    iv: new Uint8Array(fixed(`${label} iv`, 12)),
  });
  write(name, sealed, { scheme: 'container', iterations: 1000, plaintext: name.replace(/\.psenc$/, ''), madeBy: 'program studio' });
}
writeFileSync(join(out, 'manifest.json'), `${JSON.stringify({ passphrase: PASSPHRASE, key: 'fixture.key', files: manifest }, null, 2)}\n`);
console.log(`wrote ${readdirSync(out).length} files to fixtures/crypto/`);
