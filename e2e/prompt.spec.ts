import { expect, screenshotPath, test } from './fixtures';
import type { Page } from '@playwright/test';

const MODULE = 'generate_answer.predict';

function messages(page: Page) {
  return page.getByRole('list', { name: 'Prompt messages' }).getByRole('listitem');
}

async function openPrompt(page: Page) {
  await page.goto('./');
  await page.getByRole('button', { name: 'Open sample program' }).click();
  await page.getByRole('treeitem', { name: /^generate_answer\.predict,/ }).click();
  await expect(page.getByRole('heading', { name: MODULE })).toBeVisible();
  await page.getByRole('tab', { name: 'Prompt' }).click();
  await expect(page.getByText('Follows DSPy 3.3.1 ChatAdapter')).toBeVisible();
}

test('the Prompt tab follows a demo edit, copies the messages, tries an input and explains a swapped signature', async ({ page, context }) => {
  // One long journey on a shared, busy machine: more room than the default, no timed waits.
  test.setTimeout(180_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openPrompt(page);

  // The system message names every field; complete demo 1 is a user/assistant pair after the two incomplete ones.
  const system = messages(page).first();
  await expect(system).toContainText('Your input fields are:');
  for (const f of ['context', 'question', 'reasoning', 'answer']) await expect(system).toContainText(`[[ ## ${f} ## ]]`);
  const demo1Answer = page.getByRole('listitem', { name: 'Message 7: assistant of demo 1' });
  await expect(demo1Answer).toContainText('[[ ## answer ## ]]\nGustave Eiffel\n');
  await expect(page.getByRole('status', { name: 'Total tokens' })).toHaveText(/^[\d,]+ tokens$/);

  // Edit demo 1's answer in the demo list: the prompt changes.
  const card = page.getByRole('article', { name: 'Demo 1', exact: true });
  await card.getByRole('button', { name: /^answer: / }).click();
  const edit = card.getByRole('textbox', { name: 'Edit answer' });
  await edit.fill('Gustave Eiffel and his engineers');
  await edit.press('Control+Enter');
  await expect(demo1Answer).toContainText('[[ ## answer ## ]]\nGustave Eiffel and his engineers\n');

  // Copy the messages as OpenAI-style JSON.
  await page.getByRole('button', { name: 'Copy as JSON' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Copied the messages as JSON.' })).toBeVisible();
  const copied = JSON.parse(await page.evaluate(() => navigator.clipboard.readText())) as Array<{ role: string; content: string }>;
  expect(copied.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user', 'assistant', 'user', 'assistant', 'user', 'assistant', 'user']);
  expect(copied[6]?.content).toContain('Gustave Eiffel and his engineers');
  expect(copied[9]?.content).toContain('[[ ## question ## ]]\n{question}');

  // Type an input: the last message shows it instead of the placeholder.
  await page.getByRole('textbox', { name: 'Input question' }).fill('Who designed the Statue of Liberty?');
  await expect(messages(page).last()).toContainText('[[ ## question ## ]]\nWho designed the Statue of Liberty?');
  await expect(messages(page).last()).toContainText('[[ ## context ## ]]\n{context}');

  // A type set in the picker (a view setting) changes the prompt as DSPy would for that annotation.
  await page.getByRole('combobox', { name: 'Type of answer' }).selectOption('int');
  await expect(system).toContainText('{answer}        # note: the value you produce must be a single int value');
  await page.getByRole('combobox', { name: 'Type of answer' }).selectOption('str');
  await expect(system).not.toContainText('single int value');

  // A demo message jumps to its card, and back.
  await page
    .getByRole('listitem', { name: 'Message 6: user of demo 1' })
    .getByRole('button', { name: /^Demo 1/ })
    .click();
  await expect(card).toBeFocused();
  await page.getByRole('button', { name: 'Back to prompt' }).click();
  await expect(page.getByRole('listitem', { name: 'Message 6: user of demo 1' })).toBeFocused();

  // Paste the signature with two fields swapped: the mismatch and what DSPy does with it.
  await page.getByText('Will it load?', { exact: true }).click();
  await page.getByRole('textbox', { name: 'Signature from your code' }).fill('question, context -> answer');
  const check = page.getByRole('status', { name: 'Load check' });
  await expect(check).toContainText('Loads wrong');
  await expect(check).toContainText('`question` is field 1 in your signature but field 2 in the file (where field 1 is `context`).');
  await expect(check).toContainText('gets the description "may contain relevant facts"');
  // The prompt now renders as DSPy would with that signature: the description moved to `question`.
  await expect(system).toContainText('1. `question` (str): may contain relevant facts');

  await page.setViewportSize({ width: 1400, height: 900 });
  await page.getByRole('textbox', { name: 'Signature from your code' }).fill('context: list[str], question -> answer');
  await expect(check).toContainText('Matches');
  await page.getByRole('tab', { name: 'Prompt' }).scrollIntoViewIfNeeded();
  await page.locator('.prompt-pane').evaluate((el) => el.scrollTo(0, 0));
  await page.screenshot({ path: screenshotPath('prompt-1400x900') });
  await page.setViewportSize({ width: 800, height: 600 });
  await page.screenshot({ path: screenshotPath('prompt-800x600') });
});
