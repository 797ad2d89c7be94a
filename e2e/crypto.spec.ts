/**
 * Encrypted programs: a raw-key AES-256-GCM file (fixtures/crypto, made by Node's crypto in Ruby's
 * layout) asks for its key, refuses a wrong one plainly and opens with the right one; an edit is
 * stored sealed and, after a reload, the history asks for the key again and brings the edit back.
 * Nothing stored in this browser (IndexedDB, localStorage, the URL) nor the exported history holds
 * the key or the passphrase. An export into the passphrase container opens again with it.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Download, Page } from '@playwright/test';
import { dropFiles, expect, pickFiles, screenshotPath, test } from './fixtures';

const dir = 'fixtures/crypto';
const manifest = JSON.parse(readFileSync(`${dir}/manifest.json`, 'utf8')) as { passphrase: string; key: string };
const encrypted = readFileSync(`${dir}/program.json.enc`);
const keyFile = readFileSync(`${dir}/${manifest.key}`);
const keyHex = keyFile.toString('utf8').trim();
const keyBytes = Buffer.from(keyHex, 'hex');
const NAME = 'program.json.enc';
const ID = 'generate_answer.predict';
const EDITED = 'Paris, on the Seine';
const PASSPHRASE = 'tulip orbit gravel 1987';

const prompt = (page: Page) => page.getByTestId('key-prompt');
const demoCard = (page: Page, n: number) => page.getByRole('article', { name: `Demo ${n}`, exact: true });

async function bytesOf(download: Download): Promise<Buffer> {
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Every key and value in this origin's IndexedDB databases, byte arrays as hex, base64 and Latin-1. */
async function dumpIndexedDb(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const show = (v: unknown): string =>
      JSON.stringify(v, (_k, x: unknown) => {
        if (x instanceof Uint8Array || x instanceof ArrayBuffer) {
          const b = x instanceof Uint8Array ? x : new Uint8Array(x);
          let latin = '';
          for (const c of b) latin += String.fromCharCode(c);
          return `${Array.from(b, (c) => c.toString(16).padStart(2, '0')).join('')} ${btoa(latin)} ${latin}`;
        }
        return typeof x === 'bigint' ? String(x) : x;
      });
    const out: string[] = [];
    for (const info of await indexedDB.databases()) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const r = indexedDB.open(info.name!);
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      for (const storeName of Array.from(db.objectStoreNames)) {
        const store = db.transaction(storeName, 'readonly').objectStore(storeName);
        const [keys, values] = await Promise.all([
          new Promise<IDBValidKey[]>((resolve) => (store.getAllKeys().onsuccess = (e) => resolve((e.target as IDBRequest<IDBValidKey[]>).result))),
          new Promise<unknown[]>((resolve) => (store.getAll().onsuccess = (e) => resolve((e.target as IDBRequest<unknown[]>).result))),
        ]);
        out.push(show(keys), ...values.map(show));
      }
      db.close();
    }
    return out.join('\n');
  });
}

function secretsIn(text: string): string[] {
  const needles = [
    keyHex,
    keyHex.toUpperCase(),
    keyBytes.toString('base64'),
    keyBytes.toString('base64url'),
    keyBytes.toString('latin1'),
    PASSPHRASE,
    manifest.passphrase,
    EDITED,
  ];
  return needles.filter((n) => text.includes(n));
}

async function openHistory(page: Page) {
  const panel = page.getByRole('complementary', { name: 'History' });
  if (!(await panel.isVisible())) await page.getByRole('button', { name: /^History/ }).click();
  await expect(panel).toBeVisible();
  return panel;
}

test('wrong key, right key, an edit kept sealed, and after a reload the history asks for the key again', async ({ page }) => {
  await page.goto('./');
  await dropFiles(page, [{ name: NAME, bytes: encrypted }]);
  await expect(prompt(page).getByRole('heading')).toHaveText(`Enter the key for ${NAME}`);
  await expect(prompt(page).getByTestId('key-facts')).toContainText('look random');
  await page.screenshot({ path: screenshotPath('crypto-key-prompt') });

  // A wrong key: the reason, and the dialog stays for another try; nothing opened, nothing stored.
  await prompt(page).getByLabel('Key', { exact: true }).fill('ab'.repeat(32));
  await prompt(page).getByRole('button', { name: 'Open' }).click();
  await expect(prompt(page).getByTestId('key-error')).toHaveText('Wrong key or the file was changed');
  await expect(page.getByRole('treeitem')).toHaveCount(0);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: screenshotPath('crypto-wrong-key-dark') });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.screenshot({ path: screenshotPath('crypto-wrong-key') });

  // A key of the wrong size says so, without echoing it.
  await prompt(page).getByLabel('Key', { exact: true }).fill('abc123');
  await prompt(page).getByRole('button', { name: 'Open' }).click();
  await expect(prompt(page).getByTestId('key-error')).toContainText('A key must be 32 bytes');
  await expect(prompt(page).getByTestId('key-error')).not.toContainText('abc123');

  await prompt(page).getByLabel('Key', { exact: true }).fill(keyHex);
  await prompt(page).getByRole('button', { name: 'Open' }).click();
  await expect(prompt(page)).toHaveCount(0);
  await expect(page.getByTestId('opened-encryption')).toContainText('IV · ciphertext · tag');
  await expect(page.getByTestId('opened-sha256')).toHaveText(createHash('sha256').update(encrypted).digest('hex'));

  // Edit a demo.
  await page.getByRole('treeitem', { name: new RegExp(`^${ID.replace('.', '\\.')},`) }).click();
  await demoCard(page, 1)
    .getByRole('button', { name: /^answer: / })
    .click();
  const answer = demoCard(page, 1).getByRole('textbox', { name: 'Edit answer' });
  await answer.fill(EDITED);
  await answer.press('Control+Enter');
  await expect(demoCard(page, 1)).toContainText(EDITED);
  const panel = await openHistory(page);
  await expect(panel.getByTestId('history-saved')).toHaveText('All changes saved');
  await expect(page.getByRole('list', { name: 'Versions' }).getByRole('listitem')).toHaveCount(2);
  await page.screenshot({ path: screenshotPath('crypto-opened') });

  // What this browser stored: the encrypted original as it came, sealed entries; no key, no edited text.
  const stored = await dumpIndexedDb(page);
  expect(stored).toContain(encrypted.toString('hex'));
  expect(secretsIn(stored)).toEqual([]);
  expect(secretsIn(JSON.stringify(await page.evaluate(() => ({ ...localStorage }))))).toEqual([]);
  expect(secretsIn(page.url())).toEqual([]);

  // The exported history carries the same: encrypted original, sealed entries.
  const [historyDownload] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Export history' }).click()]);
  expect(secretsIn((await bytesOf(historyDownload)).toString('utf8'))).toEqual([]);

  // Reload: the key is gone with the page; restoring the session asks for it again (a key file this time).
  await page.reload();
  await page.getByRole('button', { name: `Restore ${NAME}` }).click();
  await expect(prompt(page).getByRole('heading')).toHaveText(`Enter the key for ${NAME}`);
  await prompt(page).getByTestId('key-file-input').setInputFiles({ name: 'fixture.key', mimeType: 'application/octet-stream', buffer: keyFile });
  await expect(prompt(page)).toContainText('fixture.key');
  await prompt(page).getByRole('button', { name: 'Open' }).click();
  await expect(prompt(page)).toHaveCount(0);
  await page.getByRole('treeitem', { name: new RegExp(`^${ID.replace('.', '\\.')},`) }).click();
  await expect(demoCard(page, 1)).toContainText(EDITED);
  await expect(page.getByTestId('opened-encryption')).toContainText('key from the file fixture.key');
  await openHistory(page);
  await expect(page.getByRole('list', { name: 'Versions' }).getByRole('listitem').nth(1)).toContainText(`Edit answer of demo 1 of ${ID}`);
  await page.screenshot({ path: screenshotPath('crypto-history-after-reload') });
});

test('a key file dropped beside the data opens it; export into the passphrase container and open that again', async ({ page }) => {
  await page.goto('./');
  await dropFiles(page, [
    { name: NAME, bytes: encrypted },
    { name: 'fixture.key', bytes: keyFile },
  ]);
  await expect(page.getByTestId('opened-encryption')).toContainText('key from the file fixture.key');
  await expect(prompt(page)).toHaveCount(0);

  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByTestId('export-dialog');
  // An encrypted file is written encrypted by default, with its own key.
  await expect(dialog.getByRole('combobox', { name: 'Encrypt' })).toHaveValue('raw');
  await expect(dialog.getByLabel('File name')).toHaveValue('program.json.enc');
  await dialog.getByRole('combobox', { name: 'Encrypt' }).selectOption('container');
  await dialog.getByRole('combobox', { name: 'Compression' }).selectOption('gzip');
  await expect(dialog.getByLabel('File name')).toHaveValue('program.json.gz.psenc');
  await dialog.getByLabel('Export passphrase').fill(PASSPHRASE);
  await dialog.getByLabel('Repeat the passphrase').fill(PASSPHRASE + 'x');
  await expect(dialog.getByText('The two passphrases differ.')).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Download' })).toBeDisabled();
  await dialog.getByLabel('Repeat the passphrase').fill(PASSPHRASE);
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Download' }).click()]);
  const exported = await bytesOf(download);
  expect(download.suggestedFilename()).toBe('program.json.gz.psenc');
  expect(exported.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x53, 0x45, 0x4e, 0x43, 0x0d, 0x0a]));
  await expect(dialog.getByTestId('export-sha256')).toHaveValue(createHash('sha256').update(exported).digest('hex'));
  await page.screenshot({ path: screenshotPath('crypto-export') });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: screenshotPath('crypto-export-dark') });
  await page.emulateMedia({ colorScheme: 'light' });
  await dialog.getByRole('button', { name: 'Close' }).click();

  // Open the export: the passphrase prompt shows the KDF and its cost first.
  await pickFiles(page, [{ name: 'program.json.gz.psenc', bytes: exported }]);
  await expect(prompt(page).getByRole('heading')).toHaveText('Enter the passphrase for program.json.gz.psenc');
  await expect(prompt(page).getByTestId('key-facts')).toContainText('PBKDF2-SHA-256, 600,000 iterations');
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: screenshotPath('crypto-passphrase-prompt-dark') });
  await page.emulateMedia({ colorScheme: 'light' });
  await prompt(page).getByLabel('Passphrase').fill('not the passphrase');
  await prompt(page).getByRole('button', { name: 'Open' }).click();
  await expect(prompt(page).getByTestId('key-error')).toHaveText('Wrong key or the file was changed');
  await page.screenshot({ path: screenshotPath('crypto-passphrase-prompt') });
  await prompt(page).getByLabel('Passphrase').fill(PASSPHRASE);
  await prompt(page).getByRole('button', { name: 'Open' }).click();
  await expect(prompt(page)).toHaveCount(0);
  await expect(page.getByTestId('opened-encryption')).toContainText('600,000 iterations');
  await page.getByRole('treeitem', { name: new RegExp(`^${ID.replace('.', '\\.')},`) }).click();
  await expect(demoCard(page, 1)).toContainText('Paris');
  await expect(demoCard(page, 2)).toContainText('William Shakespeare');

  expect(secretsIn(await dumpIndexedDb(page))).toEqual([]);
});
