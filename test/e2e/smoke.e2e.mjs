// End-to-end smoke test: the real workbench, with this repository loaded as a development
// extension, opens clean.workflow.json through Quick Open and activates the extension.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import { openSession } from './workbench.mjs';

let s;
before(async () => { s = await openSession({ name: 'smoke' }); });
after(async () => { await s?.close(); });

test('opens clean.workflow.json via Quick Open with the extension loaded', async () => {
  await s.quickOpen('clean.workflow.json');
  await s.waitForActivation();
  const text = await s.page.locator('.editor-instance .monaco-editor .view-lines').first().innerText();
  assert.match(text, /roboflow_core\/roboflow_object_detection_model@v2/);
  const file = await s.screenshot('clean-workflow');
  assert.ok(fs.statSync(file).size > 10_000, `screenshot ${file} looks empty`);
});

test('the development extension is listed as running', async () => {
  await s.runCommand('Developer: Show Running Extensions');
  // a development extension is listed by display name or, in code-server 4.139, by its id
  const row = s.page.locator('.runtime-extensions-editor .monaco-list-row', { hasText: /Roboflow Workflows|roboflow-workflows-community\.roboflow-workflows/ });
  await row.first().waitFor();
  assert.match(await row.first().innerText(), /Activation/);
  await s.screenshot('running-extensions');
});
