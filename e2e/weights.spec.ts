/**
 * Weights in the page: a sharded model folder dropped as files opens as one model (joined tree,
 * totals per branch), a tensor is previewed on request, a shard's __metadata__ is edited, exported
 * and reopened with the edit; a lone GGUF or .npy shows its summary; routing goes by bytes, not names.
 */
import { createHash } from 'node:crypto';
import { closeSync, ftruncateSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Download, Page } from '@playwright/test';
import { dropFiles, expect, screenshotPath, test } from './fixtures';

const DIR = new URL('../fixtures/weights/', import.meta.url);
const SHARDED = ['config.json', 'model.safetensors.index.json', 'model-00001-of-00002.safetensors', 'model-00002-of-00002.safetensors', 'training_args.bin'];

function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(name, DIR)));
}

/** A safetensors header as the format defines it: 8-byte little-endian length, then JSON. */
function header(bytes: Uint8Array): { json: Record<string, { shape?: number[] } | Record<string, string>>; dataStart: number } {
  const length = Number(Buffer.from(bytes).readBigUInt64LE(0));
  return { json: JSON.parse(Buffer.from(bytes.subarray(8, 8 + length)).toString('utf8')), dataStart: 8 + length };
}

function paramsOf(bytes: Uint8Array): number {
  const { json } = header(bytes);
  return Object.entries(json)
    .filter(([k]) => k !== '__metadata__')
    .reduce((n, [, t]) => n + ((t as { shape: number[] }).shape ?? []).reduce((a, b) => a * b, 1), 0);
}

async function bytesOf(download: Download): Promise<Uint8Array> {
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

/** The view scrolls inside the page: its top, then its end. */
async function shoot(page: Page, name: string): Promise<void> {
  const view = page.locator('.weights-view');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await view.evaluate((el) => el.scrollTo(0, 0));
    await page.screenshot({ path: screenshotPath(`${name}-${scheme}`) });
    await view.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await page.screenshot({ path: screenshotPath(`${name}-${scheme}-end`) });
  }
  await view.evaluate((el) => el.scrollTo(0, 0));
  await page.emulateMedia({ colorScheme: 'light' });
}

test.beforeEach(async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto('./');
  await expect(page.getByRole('heading', { name: 'Drop a program file anywhere' })).toBeVisible();
});

test('a sharded model folder: joined tree and totals, a tensor preview, a __metadata__ edit exported and reopened', async ({ page }) => {
  await dropFiles(
    page,
    SHARDED.map((name) => ({ name, bytes: fixture(`sharded/${name}`) })),
  );
  const view = page.getByLabel('Weights', { exact: true });
  await expect(view.getByRole('heading', { name: 'TinyForCausalLM' })).toBeVisible();
  await expect(view.getByText('Hugging Face model folder')).toBeVisible();

  // Totals of both shards together, as their headers say.
  const shard1 = fixture('sharded/model-00001-of-00002.safetensors');
  const shard2 = fixture('sharded/model-00002-of-00002.safetensors');
  const index = JSON.parse(readFileSync(new URL('sharded/model.safetensors.index.json', DIR), 'utf8')) as {
    weight_map: Record<string, string>;
    metadata: { total_size: number };
  };
  const tensorCount = Object.keys(index.weight_map).length;
  await expect(page.getByTestId('weights-format')).toHaveText('safetensors · 2 shards');
  await expect(page.getByTestId('weights-tensors')).toHaveText(String(tensorCount));
  await expect(page.getByTestId('weights-params')).toHaveAttribute('title', `${paramsOf(shard1) + paramsOf(shard2)} parameters`);
  await expect(page.getByTestId('weights-bytes')).toHaveAttribute('title', `${index.metadata.total_size.toLocaleString('en-US')} bytes`);
  await expect(view.getByText("The index's total_size")).toBeVisible();

  // One tree across the shards: model.layers holds layer 0 (shard 1) and layer 1 (shard 2), with its own totals.
  const tree = page.getByRole('tree', { name: 'Tensor tree' });
  await tree.getByRole('treeitem', { name: 'model', exact: true }).click();
  const layers = tree.getByRole('treeitem', { name: 'model.layers', exact: true });
  const layerTensors = Object.keys(index.weight_map).filter((k) => k.startsWith('model.layers.')).length;
  await expect(layers.locator('.count')).toHaveText(String(layerTensors));
  await layers.click();
  await expect(tree.getByRole('treeitem', { name: 'model.layers.0', exact: true })).toBeVisible();
  await expect(tree.getByRole('treeitem', { name: 'model.layers.1', exact: true })).toBeVisible();

  // The pickle in the folder has its report: a class this app does not know, so not called safe.
  const files = page.getByRole('list', { name: 'Files' });
  await expect(files.getByRole('region', { name: 'Safety report for training_args.bin' })).toHaveAttribute('data-verdict', 'unknown');

  // Preview a tensor of the second shard, read by range in the worker.
  await tree.getByRole('treeitem', { name: 'lm_head', exact: true }).click();
  await tree.getByRole('treeitem', { name: 'lm_head.weight', exact: true }).click();
  const detail = page.getByRole('region', { name: 'Selected tensor' });
  await expect(detail).toContainText('model-00002-of-00002.safetensors');
  await detail.getByRole('button', { name: 'Preview values' }).click();
  await expect(detail.getByTestId('weights-first-values')).toContainText('[-1, 2, -3, 4, -5, 6');
  await shoot(page, 'weights-folder-1400');

  // Edit the second shard's __metadata__: a bad row is refused where it was typed, then fixed.
  const metadata = page.getByRole('region', { name: 'Metadata' });
  await metadata.getByRole('combobox', { name: 'Metadata of file' }).selectOption('model-00002-of-00002.safetensors');
  await metadata.getByRole('textbox', { name: 'Value of format' }).fill('mlx');
  await metadata.getByRole('button', { name: 'Add key' }).click();
  await metadata.getByRole('textbox', { name: 'Value of the new key', exact: true }).fill('edited in the browser');
  await expect(metadata.getByRole('alert')).toHaveText('A metadata key cannot be empty');
  const exportButton = metadata.getByRole('button', { name: 'Export edited file' });
  await expect(exportButton).toBeDisabled();
  await metadata.screenshot({ path: screenshotPath('weights-metadata-error-1400') });
  await metadata.getByRole('textbox', { name: 'Name of the new key', exact: true }).fill('note');
  await expect(metadata.getByRole('alert')).toHaveCount(0);
  await expect(metadata.getByText('2 changes')).toBeVisible();

  const [download] = await Promise.all([page.waitForEvent('download'), exportButton.click()]);
  expect(download.suggestedFilename()).toBe('model-00002-of-00002.safetensors');
  const exported = await bytesOf(download);
  const out = header(exported);
  expect(out.json['__metadata__']).toEqual({ format: 'mlx', note: 'edited in the browser' });
  // The tensor bytes are the original's, byte for byte.
  const original = header(shard2);
  expect(Buffer.from(exported.subarray(out.dataStart)).equals(Buffer.from(shard2.subarray(original.dataStart)))).toBe(true);
  await expect(metadata.getByRole('status')).toContainText('Downloaded model-00002-of-00002.safetensors');

  await page.setViewportSize({ width: 390, height: 844 });
  await expect(tree).toBeVisible();
  await shoot(page, 'weights-folder-390');
  await metadata.scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('weights-metadata-390') });
  await page.setViewportSize({ width: 1400, height: 900 });

  // Reopen the exported file alone: the edit is in it.
  await dropFiles(page, [{ name: 'model-00002-of-00002.safetensors', bytes: exported }]);
  await expect(view.getByRole('heading', { name: 'model-00002-of-00002.safetensors' })).toBeVisible();
  await expect(page.getByTestId('weights-format')).toHaveText('safetensors');
  await expect(page.getByRole('region', { name: 'Metadata' }).getByRole('textbox', { name: 'Value of note' })).toHaveValue('edited in the browser');
  await expect(page.getByRole('region', { name: 'Metadata' }).getByRole('textbox', { name: 'Value of format' })).toHaveValue('mlx');
});

test('a lone GGUF shows its summary and checks a typed value against its key type; a lone .npy, a flagged chat template and an embeddings folder show theirs', async ({
  page,
}) => {
  await dropFiles(page, [{ name: 'tiny.gguf', bytes: fixture('tiny.gguf') }]);
  const view = page.getByLabel('Weights', { exact: true });
  await expect(view.getByRole('heading', { name: 'tiny.gguf' })).toBeVisible();
  await expect(page.getByTestId('weights-format')).toHaveText('GGUF v3');
  await expect(page.getByTestId('weights-tensors')).not.toHaveText('0');
  const metadata = page.getByRole('region', { name: 'Metadata' });
  await metadata.getByRole('textbox', { name: 'Value of llama.context_length' }).fill('long');
  await expect(metadata.getByRole('alert')).toContainText('llama.context_length is an integer');
  await expect(metadata.getByRole('button', { name: 'Export edited file' })).toBeDisabled();
  // What was typed stays, wrong as it is, until the user changes it.
  await expect(metadata.getByRole('textbox', { name: 'Value of llama.context_length' })).toHaveValue('long');
  await shoot(page, 'weights-gguf-1400');
  await page.setViewportSize({ width: 390, height: 844 });
  await shoot(page, 'weights-gguf-390');
  await page.setViewportSize({ width: 1400, height: 900 });

  await dropFiles(page, [{ name: 'f4-c.npy', bytes: fixture('f4-c.npy') }]);
  await expect(view.getByRole('heading', { name: 'f4-c.npy' })).toBeVisible();
  await expect(page.getByTestId('weights-format')).toHaveText('NumPy .npy 1.0');
  await expect(page.getByTestId('weights-tensors')).toHaveText('1');
  await expect(page.getByRole('list', { name: 'Totals per dtype' })).toContainText('float32');

  // A GGUF whose chat template reaches Python objects is flagged; the template itself is there as text.
  await dropFiles(page, [{ name: 'code-template.gguf', bytes: fixture('code-template.gguf') }]);
  await expect(page.getByRole('list', { name: 'Notes' })).toContainText('The chat template (Jinja, run by the serving stack) contains dunder attribute access');
  await expect(page.getByRole('region', { name: 'Metadata' }).getByRole('textbox', { name: 'Value of tokenizer.chat_template' })).toHaveValue(
    /__class__|__\w+__/,
  );

  // A dspy.Embeddings folder: how many vectors and their dimension, from the .npy header.
  const embeddings = new Uint8Array(readFileSync(new URL('embeddings/corpus_embeddings.npy', DIR)));
  await dropFiles(page, [
    { name: 'config.json', bytes: fixture('embeddings/config.json') },
    { name: 'corpus_embeddings.npy', bytes: embeddings },
  ]);
  await expect(view.getByText('dspy.Embeddings folder')).toBeVisible();
  const corpus = (JSON.parse(readFileSync(new URL('embeddings/config.json', DIR), 'utf8')) as { corpus: string[] }).corpus;
  await expect(page.getByRole('region', { name: 'Summary' })).toContainText(`${corpus.length} ×`);
});

test('routing goes by bytes: a program named .safetensors opens as a document, an object-array .npy as a pickle', async ({ page }) => {
  const program = readFileSync(new URL('../public/samples/multihop-qa.json', import.meta.url));
  await dropFiles(page, [{ name: 'program.safetensors', bytes: new Uint8Array(program) }]);
  // The first document open of a page boots the document worker and the editor: generous on a busy machine.
  await expect(page.getByRole('tree', { name: 'Module tree' })).toBeVisible({ timeout: 45_000 });
  await expect(page.getByLabel('Weights', { exact: true })).toHaveCount(0);

  await dropFiles(page, [{ name: 'object-dangerous.npy', bytes: fixture('object-dangerous.npy') }]);
  await expect(page.getByRole('alert', { name: 'Safety report for object-dangerous.npy' })).toHaveAttribute('data-verdict', 'dangerous');
  await expect(page.getByLabel('Weights', { exact: true })).toHaveCount(0);
});

/** A safetensors file of `size` tensor bytes written sparse: header, a few bytes at each end, a hole between. */
function sparseSafetensors(dir: string, name: string, size: number): { path: string; dataStart: number } {
  const header = JSON.stringify({ __metadata__: { format: 'pt' }, huge: { dtype: 'U8', shape: [size], data_offsets: [0, size] } }).padEnd(96, ' ');
  const path = join(dir, name);
  const fd = openSync(path, 'w');
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(BigInt(header.length));
  writeSync(fd, length);
  writeSync(fd, header);
  writeSync(fd, Buffer.from([1, 2, 3, 4]), 0, 4, 8 + header.length);
  writeSync(fd, Buffer.from('end!'), 0, 4, 8 + header.length + size - 4);
  ftruncateSync(fd, 8 + header.length + size);
  closeSync(fd);
  return { path, dataStart: 8 + header.length };
}

test('a 5 GB safetensors picked in the page lists and previews its tensor by range; an export keeps the tensor region byte for byte', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'weights-e2e-'));
  try {
    const big = 5 * 1024 ** 3;
    // Picked by path: the browser gets a File handle; the page reads the header and a 16 MiB preview, not 5 GB.
    await page
      .getByTestId('file-input')
      .first()
      .setInputFiles(sparseSafetensors(dir, 'huge.safetensors', big).path);
    await expect(page.getByLabel('Weights', { exact: true }).getByRole('heading', { name: 'huge.safetensors' })).toBeVisible();
    await expect(page.getByTestId('weights-bytes')).toHaveAttribute('title', `${big.toLocaleString('en-US')} bytes`);
    await page.getByRole('tree', { name: 'Tensor tree' }).getByRole('treeitem', { name: 'huge', exact: true }).click();
    const detail = page.getByRole('region', { name: 'Selected tensor' });
    await detail.getByRole('button', { name: 'Preview values' }).click();
    await expect(detail.getByTestId('weights-first-values')).toContainText('[1, 2, 3, 4, 0');
    await expect(detail).toContainText(`of ${big.toLocaleString('en-US')} values`);

    // The export of a smaller sparse file (a 5 GB download is the benchmark's to make) hashes like the original's tensor region.
    const medium = sparseSafetensors(dir, 'medium.safetensors', 64 * 1024 ** 2);
    await page.getByTestId('file-input').first().setInputFiles(medium.path);
    await expect(page.getByLabel('Weights', { exact: true }).getByRole('heading', { name: 'medium.safetensors' })).toBeVisible();
    const metadata = page.getByRole('region', { name: 'Metadata' });
    await metadata.getByRole('textbox', { name: 'Value of format' }).fill('edited');
    const [download] = await Promise.all([page.waitForEvent('download'), metadata.getByRole('button', { name: 'Export edited file' }).click()]);
    const exported = await bytesOf(download);
    const out = header(exported);
    expect(out.json['__metadata__']).toEqual({ format: 'edited' });
    const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
    expect(sha(exported.subarray(out.dataStart))).toBe(sha(readFileSync(medium.path).subarray(medium.dataStart)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
