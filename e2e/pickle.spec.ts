/**
 * Pickles and torch files in the page: the safety report comes first, a dangerous pickle's content
 * waits for the user, torch files list their tensors (previewed on request), and a DSPy
 * whole-program folder shows its program.pkl's report beside metadata.json.
 */
import { readFileSync } from 'node:fs';
import { dropFiles, expect, shootBothSchemes, test } from './fixtures';

function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../fixtures/pickle/${name}`, import.meta.url)));
}

interface ExpectedTensor {
  path: string;
  dtype: string;
  shape: number[];
  stride: number[];
  device: string;
  first: number[];
  min: number;
  max: number;
}

const expected = JSON.parse(readFileSync(new URL('../fixtures/pickle/torch-checkpoint-epoch1.pt.expected.json', import.meta.url), 'utf8')) as {
  tensors: ExpectedTensor[];
};

const shoot = shootBothSchemes;

test.beforeEach(async ({ page }) => {
  await page.setViewportSize({ width: 1360, height: 900 });
  await page.goto('./');
  await expect(page.getByRole('heading', { name: 'Drop a program file anywhere' })).toBeVisible();
});

test('a .pth checkpoint shows its module tree and tensor table, and previews a tensor on request', async ({ page }) => {
  await dropFiles(page, [{ name: 'model.pth', bytes: fixture('torch-checkpoint-epoch1.pt') }]);
  await expect(page.locator('.program-format')).toHaveText('PyTorch training checkpoint');
  await expect(page.getByRole('tree', { name: 'Module tree' })).toBeVisible();
  await expect(page.getByRole('treeitem', { name: /encoder/ }).first()).toBeVisible();
  // A torch file of plain data: its (green) report is there, folded, and the content shows at once.
  await expect(page.getByRole('region', { name: 'Safety report for model.pth' })).toHaveAttribute('data-verdict', 'safe');

  const table = page.getByLabel('Tensors');
  await expect(table.locator('tbody tr[data-tensor]')).toHaveCount(expected.tensors.length);
  const decoder = expected.tensors.find((t) => t.path === 'model_state_dict.decoder.weight')!;
  const row = table.locator(`tr[data-tensor="${decoder.path}"]`);
  await expect(row.locator('td').nth(1)).toHaveText(decoder.dtype);
  await expect(row.locator('td').nth(2)).toHaveText(`[${decoder.shape.join(', ')}]`);
  await expect(row.locator('td').nth(3)).toHaveText(`(${decoder.stride.join(', ')})`);
  await expect(row.locator('td').nth(5)).toHaveText(decoder.device);

  await row.getByRole('button', { name: `Preview ${decoder.path}` }).click();
  const preview = table.getByLabel(`Preview of ${decoder.path}`);
  await expect(preview).toContainText(`[${decoder.first.join(', ')}]`);
  await expect(preview).toContainText(`min${decoder.min}`);
  await expect(preview).toContainText(`max${decoder.max}`);

  // Largest first, then one module's tensors only.
  await table.getByRole('button', { name: /Bytes/ }).click();
  await expect(table.locator('tbody tr[data-tensor]').first()).toHaveAttribute('data-tensor', 'model_state_dict.encoder.2.weight');
  await page.getByRole('treeitem', { name: /decoder/ }).click();
  await expect(table.locator('tbody tr[data-tensor]')).toHaveCount(2);
  await table.getByLabel('Whole file').check();
  await expect(table.locator('tbody tr[data-tensor]')).toHaveCount(expected.tensors.length);
  await preview.scrollIntoViewIfNeeded();
  await shoot(page, 'pickle-torch-tensors');
});

test('a pickled nn.Module gets the amber report (unknown classes) and its content shows without asking', async ({ page }) => {
  await dropFiles(page, [{ name: 'whole-model.pt', bytes: fixture('torch-module.pt') }]);
  const report = page.getByRole('region', { name: 'Safety report for whole-model.pt' });
  await expect(report).toHaveAttribute('data-verdict', 'unknown');
  await expect(report.getByLabel('Globals')).toContainText('torch.nn.modules.linear.Linear');
  await expect(page.getByTestId('pickle-content-hidden')).toHaveCount(0);
  await page.getByRole('treeitem', { name: /head/ }).click();
  await expect(page.getByLabel('Tensors').locator('tbody tr[data-tensor]')).toHaveCount(2);
  await shoot(page, 'pickle-nn-module');
});

test('a malicious pickle shows the red safety report first, with the call as text, and hides the content until asked', async ({ page }) => {
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs++;
    void d.dismiss();
  });
  await dropFiles(page, [{ name: 'innocent.pkl', bytes: fixture('malicious-os-system-p2.pkl') }]);
  const report = page.getByRole('alert', { name: 'Safety report for innocent.pkl' });
  await expect(report).toBeVisible();
  await expect(report).toHaveAttribute('data-verdict', 'dangerous');
  await expect(report).toContainText('Loading this pickle in Python would run code');
  await expect(report.getByLabel('Calls on load')).toContainText("posix.system('echo pwned')");
  await expect(report.getByLabel('Globals')).toContainText('posix.system');
  await expect(report).toContainText('Nothing in this file was run');
  // The report is above the content, and the content is hidden.
  const hidden = page.getByTestId('pickle-content-hidden');
  await expect(hidden).toBeVisible();
  const reportBox = (await report.boundingBox())!;
  const hiddenBox = (await hidden.boundingBox())!;
  expect(reportBox.y).toBeLessThan(hiddenBox.y);
  await expect(page.locator('.document-body')).toHaveCount(0);

  // The disassembly reads the opcodes without decoding anything.
  await page.getByRole('tab', { name: 'Disassembly' }).click();
  const dis = page.getByLabel('Disassembly');
  await expect(dis.locator('tbody tr').nth(1)).toContainText('GLOBAL');
  await expect(dis.locator('tbody tr').nth(1)).toContainText('posix system');
  await expect(dis.locator('tbody tr').last()).toContainText('STOP');
  await shoot(page, 'pickle-malicious');

  await page.getByRole('button', { name: 'Show the content anyway' }).click();
  await expect(hidden).toHaveCount(0);
  await expect(page.locator('.document-body')).toBeVisible();
  expect(dialogs).toBe(0);
});

test('a DSPy whole-program folder shows metadata.json with the safety report of its program.pkl', async ({ page }) => {
  const metadata = JSON.stringify({ dependency_versions: { python: '3.12', dspy: '2.6.16', cloudpickle: '3.1' } }, null, 2);
  await dropFiles(page, [
    { name: 'metadata.json', bytes: new TextEncoder().encode(metadata), type: 'application/json' },
    { name: 'program.pkl', bytes: fixture('cloudpickle-code-p5.pkl') },
  ]);
  await expect(page.locator('.program-format')).toHaveText('DSPy whole-program save (metadata.json)');
  const report = page.getByRole('alert', { name: 'Safety report for program.pkl' });
  await expect(report).toBeVisible();
  await expect(report).toHaveAttribute('data-verdict', 'dangerous');
  await expect(report).toContainText('opened beside metadata.json');
  await expect(report.getByLabel('Globals')).toContainText('cloudpickle');
  await expect(page.getByLabel('Companion file program.pkl')).toContainText('would run code on load');
  await expect(page.locator('.document-body .monaco-editor')).toBeVisible();
  await shoot(page, 'pickle-whole-program');
});

test('a DSPy .pkl state says it came from a pickle and shows the same program as its JSON twin', async ({ page }) => {
  await dropFiles(page, [{ name: 'dspy-state.pkl', bytes: fixture('dspy-state.pkl') }]);
  await expect(page.getByTestId('dspy-from-pickle')).toBeVisible();
  await expect(page.getByRole('tree', { name: 'Module tree' })).toBeVisible();
  await expect(page.locator('.program-bar .recipe-step')).toHaveText(['pickle']);
  await shoot(page, 'pickle-dspy-state');

  // The safe way out: the export dialog, set to DSPy state JSON, gives the JSON twin's value.
  await page.getByRole('button', { name: 'Save as DSPy state JSON (safe)' }).click();
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog.getByLabel('File name')).toHaveValue('dspy-state.json');
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Download' }).click()]);
  const saved = JSON.parse(readFileSync((await download.path())!, 'utf8')) as unknown;
  expect(saved).toEqual(JSON.parse(readFileSync(new URL('../fixtures/pickle/dspy-state.json', import.meta.url), 'utf8')));
});
