// End-to-end in Restricted Mode (an untrusted workspace): validation still works, previews are
// disabled and the panel says why.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openSession } from './workbench.mjs';

let s;
before(async () => {
  s = await openSession({ name: 'restricted', workspaceTrust: true, settings: { 'security.workspace.trust.startupPrompt': 'never' } });
});
after(async () => { await s?.close(); });

test('an untrusted workspace still gets diagnostics', async () => {
  await s.quickOpen('mistakes.workflow.json');
  await s.waitForActivation();
  const rows = await s.problemsUntil((r) => r.some((t) => t.includes('Unknown block type')));
  assert.ok(rows.some((r) => r.includes('Unknown block type')), rows.join('\n'));
});

test('the preview panel explains that runs are disabled until the workspace is trusted', async () => {
  await s.quickOpen('detect.workflow.json');
  await s.runCommand('Roboflow Workflows: Preview Workflow');
  const frame = s.webview();
  const notice = frame.locator('body', { hasText: 'Restricted Mode' });
  await notice.first().waitFor({ timeout: 20_000 });
  const text = await frame.locator('body').innerText();
  assert.match(text, /Previews are disabled in Restricted Mode/);
  assert.match(text, /API key/);
  assert.ok(await frame.locator('input[type=radio][value=owner]').isChecked(), 'Run as: Me is the default');
  const run = frame.locator('button', { hasText: 'Run' }).first();
  assert.ok(await run.isDisabled(), 'Run is disabled in Restricted Mode');
  await s.screenshot('panel');
});

test('a run asked for anyway (a stale or tampered panel) is refused by the extension: nothing is sent', async () => {
  const frame = s.webview();
  // The button is disabled in the panel; the extension must not rely on that.
  await frame.locator('button', { hasText: 'Run' }).first().evaluate((button) => {
    button.removeAttribute('disabled');
    button.click();
  });
  const reason = frame.locator('[data-testid=not-sent-reason]');
  await reason.waitFor({ timeout: 20_000 });
  assert.match(await reason.innerText(), /^Previews are disabled in Restricted Mode\./);
  const result = frame.locator('.result.notice');
  assert.equal(await result.locator('h2').innerText(), 'Nothing was sent');
  assert.equal(await result.locator('button', { hasText: 'Manage Workspace Trust' }).count(), 1);
});

test('the Roboflow Workflows view and its commands say they are disabled until the workspace is trusted', async () => {
  await s.showExplorerView('Roboflow Workflows', s.page.locator('.welcome-view-content', { hasText: 'Workspace workflows are disabled in Restricted Mode' }).first());
  await s.runCommand('Roboflow Workflows: Pull Workflow from Workspace');
  await s.runCommand('Notifications: Show Notifications');
  const notice = s.page.locator('.notifications-center .notification-list-item', { hasText: 'Roboflow workspace commands are disabled in Restricted Mode' }).first();
  await notice.waitFor();
  assert.match(await notice.innerText(), /they send your Roboflow API key to the Roboflow API and write files in this workspace/);
  await s.screenshot('workspace-commands');
});
