// End-to-end: working with a Roboflow workspace in the real workbench, against the fake Roboflow
// API running as its own process. Browse (the view, after the key is typed from its welcome view),
// pull (the folder dialog), edit, compare, push (the modal), a conflict refused, versions; screenshots
// of each step; then the page, the workspace and the profile are searched for the key.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { repoRoot } from './codeServer.mjs';
import { openSession } from './workbench.mjs';

const require = createRequire(import.meta.url);
const { findLeak } = require(path.join(repoRoot, 'dist/test/support/secretLeaks.js'));
const { CANARY_ROBOFLOW_API_KEY } = require(path.join(repoRoot, 'dist/test/support/canaries.js'));

let s;
let fake;
let apiUrl;

function startFakeApi() {
  return new Promise((resolve, reject) => {
    const main = path.join(repoRoot, 'dist/test/support/fakeRoboflowApiMain.js');
    fake = spawn(process.execPath, [main, '--api-key', CANARY_ROBOFLOW_API_KEY], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    fake.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /FAKE_ROBOFLOW_API_URL=(\S+)/.exec(out);
      if (match) resolve(match[1]);
    });
    fake.once('exit', (code) => reject(new Error(`fake API exited (${code})`)));
    setTimeout(() => reject(new Error('fake API did not start')), 10_000);
  });
}

async function fakeState() {
  return (await fetch(`${apiUrl}/__fake/state`)).json();
}

function filesUnder(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true }).map((f) => path.join(dir, f)).filter((f) => {
    try {
      return fs.statSync(f).isFile();
    } catch {
      return false;
    }
  });
}

const statusItem = () => s.page.locator('.statusbar-item', { hasText: 'acme-vision/detect-objects' }).first();
/** Waits for a notification in the notification center (the test profile's workbench may not show
 * toasts for information and warnings); on failure, a screenshot of what was on screen instead. */
async function waitForNotification(text) {
  const toast = s.page.locator('.notifications-center .notification-list-item', { hasText: text }).first();
  try {
    await s.runCommand('Notifications: Show Notifications');
    await toast.waitFor({ timeout: 20_000 });
  } catch (error) {
    await s.screenshot(`no-notification-${text.slice(0, 20)}`);
    throw error;
  }
  return toast;
}

/** Brings the pulled file's own tab forward: Quick Open may pick the diff editor, which shows it too. */
async function showPulledFile() {
  const tab = s.page.locator('.tab', { hasText: 'detect-objects.workflow.json', hasNotText: '↔' }).filter({ hasNotText: 'roboflow' }).first();
  await tab.click();
  await s.page.locator('.tab.active', { hasText: 'detect-objects.workflow.json', hasNotText: '↔' }).first().waitFor();
}

async function dismissNotifications() {
  await s.runCommand('Notifications: Clear All Notifications');
}

/** Replaces text in the active editor with the Replace widget (Ctrl+H), then saves. */
async function replaceInEditor(from, to) {
  const find = s.page.locator('.find-widget.visible .find-part textarea').filter({ visible: true }).first();
  // Focus can land elsewhere on a loaded machine (a notification, the tree): try again, like runCommand.
  for (let attempt = 1; ; attempt++) {
    await s.page.locator('.editor-instance .monaco-editor .view-lines').filter({ visible: true }).first().click();
    await s.page.keyboard.press('Control+H');
    try {
      await find.waitFor({ timeout: 5_000 });
      break;
    } catch (error) {
      if (attempt === 3) {
        await s.screenshot('no-replace-widget');
        throw error;
      }
    }
  }
  await find.fill(from);
  const replace = s.page.locator('.find-widget.visible .replace-part textarea').filter({ visible: true }).first();
  await replace.fill(to);
  await s.page.keyboard.press('Control+Alt+Enter');
  await s.page.keyboard.press('Escape');
  await s.page.keyboard.press('Control+S');
}

before(async () => {
  apiUrl = await startFakeApi();
  s = await openSession({ name: 'workspace', settings: { 'roboflowWorkflows.apiUrl': apiUrl } });
});

after(async () => {
  await s?.close();
  fake?.kill('SIGTERM');
});

test('browse: the view offers to set the key, then lists the workspace\'s workflows under its name', async () => {
  await s.quickOpen('detect.workflow.json'); // activates the extension
  await s.waitForActivation();
  const welcome = s.page.locator('.welcome-view-content a, .welcome-view-content .monaco-button', { hasText: 'Set Roboflow API Key' }).first();
  await s.showExplorerView('Roboflow Workflows', welcome);
  await s.screenshot('1-welcome');
  await welcome.click();
  const box = s.page.locator('.quick-input-widget input[type="password"]');
  await box.waitFor();
  await box.fill(CANARY_ROBOFLOW_API_KEY);
  await s.page.keyboard.press('Enter');
  await box.waitFor({ state: 'hidden' });
  const row = s.page.locator('.pane-body .monaco-list-row', { hasText: 'Detect Objects' }).first();
  await row.waitFor();
  await s.page.locator('.pane-header', { hasText: 'Roboflow Workflows: acme-vision' }).first().waitFor();
  const names = await s.page.locator('.pane-body .monaco-list-row .label-name', { hasText: /People|Objects|Legacy/ }).allInnerTexts();
  assert.deepEqual(names, ['Count People', 'Detect Objects', 'Legacy Bare Config']);
  await s.screenshot('2-browse');
});

test('pull: clicking a workflow asks for a folder (the workspace root) and opens the file, in sync', async () => {
  await s.page.locator('.pane-body .monaco-list-row', { hasText: 'Detect Objects' }).first().click();
  // The folder dialog (VS Code's simple file dialog in the browser), at the workspace root.
  const input = s.page.locator('.quick-input-widget input').first();
  await input.waitFor();
  await s.screenshot('3-pull-folder');
  const ok = s.page.locator('.quick-input-widget .monaco-button', { hasText: /Pull Here|OK/ }).first();
  if (await ok.isVisible()) await ok.click();
  else await s.page.keyboard.press('Enter');
  await s.page.locator('.tab', { hasText: 'detect-objects.workflow.json' }).first().waitFor({ timeout: 20_000 });
  assert.equal(fs.readFileSync(path.join(s.workspace, 'detect-objects.workflow.json'), 'utf8').includes('"model_id": "yolov8n-640"'), true);
  assert.ok(fs.existsSync(path.join(s.workspace, 'detect-objects.workflow.roboflow.json')));
  await statusItem().filter({ hasText: 'In sync' }).waitFor();
  await s.screenshot('4-pulled');
});

test('edit and diff: the status bar says local changes; the diff shows Live against the file', async () => {
  await replaceInEditor('yolov8n-640', 'yolov8s-640');
  await statusItem().filter({ hasText: 'Local changes' }).waitFor();
  await s.runCommand('Roboflow Workflows: Compare with Workspace');
  await s.page.locator('.tab', { hasText: 'acme-vision Live ↔ local' }).first().waitFor({ timeout: 20_000 });
  await s.page.locator('.monaco-diff-editor .line-delete, .monaco-diff-editor .char-delete').first().waitFor();
  await s.screenshot('5-diff');
});

test('push: a modal says the save is Live at once; accepted, the workspace holds the edit, wrapped', async () => {
  await showPulledFile();
  await dismissNotifications();
  await s.runCommand('Roboflow Workflows: Push to Workspace (Live)');
  const dialog = s.page.locator('.monaco-dialog-box').first();
  await dialog.waitFor({ timeout: 20_000 });
  const text = await dialog.innerText();
  assert.match(text, /Push detect-objects\.workflow\.json to acme-vision as the Live version of "Detect Objects"\?/);
  assert.match(text, /The save becomes the Live version at once, for everyone and everything that runs this workflow/);
  await s.screenshot('6-push-confirm');
  await dialog.locator('.monaco-button', { hasText: 'Push to Live' }).click();
  await statusItem().filter({ hasText: 'In sync' }).waitFor();
  await s.screenshot('6b-pushed');
  await waitForNotification('Pushed Detect Objects: it is now Live in acme-vision.');
  await s.runCommand('Notifications: Hide Notifications');
  const { workflows } = await fakeState();
  const saved = JSON.parse(workflows.find((w) => w.url === 'detect-objects').config);
  assert.equal(saved.specification.steps[0].model_id, 'yolov8s-640');
  await statusItem().filter({ hasText: 'In sync' }).waitFor();
});

test('conflict: after a change in the workspace, Push refuses and offers the diff', async () => {
  const definition = JSON.parse(fs.readFileSync(path.join(s.workspace, 'detect-objects.workflow.json'), 'utf8'));
  definition.steps[0].model_id = 'yolov8m-640'; // a colleague, in the web app
  await fetch(`${apiUrl}/__fake/edit`, { method: 'POST', body: JSON.stringify({ url: 'detect-objects', definition }) });
  await showPulledFile();
  await replaceInEditor('yolov8s-640', 'yolov8l-640');
  await dismissNotifications();
  await s.runCommand('Roboflow Workflows: Push to Workspace (Live)');
  const refusal = await waitForNotification('changed in workspace acme-vision since you pulled it');
  await s.screenshot('7-conflict');
  const { workflows } = await fakeState();
  assert.equal(JSON.parse(workflows.find((w) => w.url === 'detect-objects').config).specification.steps[0].model_id, 'yolov8m-640');
  await refusal.locator('.monaco-button', { hasText: 'Show Diff' }).click();
  await s.page.locator('.tab', { hasText: 'acme-vision Live ↔ local' }).first().waitFor({ timeout: 20_000 });
});

test('versions: the list, newest first, and one opened read-only', async () => {
  await showPulledFile();
  await s.runCommand('Roboflow Workflows: Workspace Versions…');
  const rows = s.page.locator('.quick-input-list .monaco-list-row');
  await rows.first().waitFor({ timeout: 20_000 });
  const labels = await s.page.locator('.quick-input-list .monaco-list-row .label-name').allInnerTexts();
  assert.deepEqual(labels.slice(0, 3), ['wf_detect_01-v3 (Live)', 'wf_detect_01-v2', 'wf_detect_01-v1']);
  await s.screenshot('8-versions');
  await rows.filter({ hasText: 'wf_detect_01-v1' }).first().click();
  await s.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Open Read-Only' }).first().click();
  // Version 1 holds the model pulled first; the local file has since been edited twice.
  await s.page.locator('.editor-instance .view-lines').filter({ visible: true, hasText: 'yolov8n-640' }).first().waitFor({ timeout: 20_000 });
  await s.screenshot('9-version-open');
});

test('the key is nowhere on the page, in the workspace or in the profile', async () => {
  const page = await s.page.locator('body').innerText();
  assert.equal(findLeak(page, CANARY_ROBOFLOW_API_KEY), undefined, 'the page');
  for (const file of [...filesUnder(s.workspace), ...filesUnder(s.profile.userDataDir)]) {
    if (/\.(vscdb|db)(-journal)?$/.test(file)) continue; // SecretStorage's own encrypted store
    assert.equal(findLeak(fs.readFileSync(file, 'latin1'), CANARY_ROBOFLOW_API_KEY), undefined, file);
  }
});
