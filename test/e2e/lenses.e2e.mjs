// End-to-end: the code lenses a workflow owner sees above private-model and credentialed steps,
// and the sharing summary at the top, in the real workbench.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openSession } from './workbench.mjs';

let s;
before(async () => { s = await openSession({ name: 'lenses' }); });
after(async () => { await s?.close(); });

test('private-model and credential lenses say what people you share with get', async () => {
  await s.quickOpen('both.workflow.json');
  await s.waitForActivation();
  await s.page.locator('.codelens-decoration', { hasText: 'Private model' }).first().waitFor({ timeout: 20_000 });
  const lenses = (await s.codeLenses()).join('\n');
  assert.match(lenses, /Sharing/);
  assert.match(lenses, /run access own-key/);
  assert.match(lenses, /Private model .* people you share with must use their own key/);
  assert.match(lenses, /OpenAI api_key/);
  await s.screenshot('both');
});

test('clicking the run-access lens asks before letting people run under your key', async () => {
  await s.page.locator('.codelens-decoration a', { hasText: 'run access own-key' }).first().click();
  const dialog = s.page.locator('.monaco-dialog-box');
  await dialog.waitFor();
  assert.match(await dialog.innerText(), /usage|your key/i);
  await s.screenshot('confirm-run-access');
  await s.page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
});
