// End-to-end: a preview run in the real workbench, against the fake inference server running as
// its own process. The API key is typed into VS Code's password box; the image is picked in the
// Quick Pick; the run's detections are drawn over the image in the webview. Then the webview's DOM,
// the output channel and every file of the workspace and the profile are searched for the key.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { repoRoot, screenshotsDir } from './codeServer.mjs';
import { contrastRatio, settled } from './paint.mjs';
import { openSession, runCommand, useColorTheme } from './workbench.mjs';

const require = createRequire(import.meta.url);
const { findLeak } = require(path.join(repoRoot, 'dist/test/support/secretLeaks.js'));
const { CANARY_ROBOFLOW_API_KEY } = require(path.join(repoRoot, 'dist/test/support/canaries.js'));

let s;
let fake;
let fakeUrl;

/** The fake inference server as a separate process; resolves with its URL. */
function startFakeServer(scenario) {
  return new Promise((resolve, reject) => {
    const main = path.join(repoRoot, 'dist/test/support/fakeInferenceServerMain.js');
    fake = spawn(process.execPath, [main, '--scenario', scenario], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    fake.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /FAKE_INFERENCE_SERVER_URL=(\S+)/.exec(out);
      if (match) resolve(match[1]);
    });
    fake.once('exit', (code) => reject(new Error(`fake server exited (${code})`)));
    setTimeout(() => reject(new Error('fake server did not start')), 10_000);
  });
}

async function fakeRequests() {
  return (await fetch(`${fakeUrl}/__fake/requests`)).json();
}

function assertNoCanary(text, where) {
  const leak = findLeak(text, CANARY_ROBOFLOW_API_KEY);
  assert.equal(leak, undefined, `${where}: ${leak}`);
}

function filesUnder(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true }).map((f) => path.join(dir, f)).filter((f) => {
    try {
      return fs.statSync(f).isFile();
    } catch {
      return false; // sockets, files removed meanwhile
    }
  });
}

before(async () => {
  // The server echoes the key it gets (raw, JSON-escaped, URL-encoded, base64) in a text output.
  fakeUrl = await startFakeServer('success-with-secret-echo');
  s = await openSession({ name: 'preview', settings: { 'roboflowWorkflows.serverUrl': fakeUrl } });
});

after(async () => {
  await s?.close();
  fake?.kill('SIGTERM');
});

test('the API key is typed into the password box and stored', async () => {
  await s.quickOpen('detect.workflow.json');
  await s.waitForActivation();
  await s.page.locator('.codelens-decoration', { hasText: 'Preview' }).first().waitFor({ timeout: 20_000 });
  // The editor title bar offers it too (menus.editor/title, when the active editor is a workflow).
  await s.page.locator('.editor-actions .action-label[aria-label*="Preview Workflow"]').first().waitFor();
  // Not s.runCommand: it waits for the quick input to close, and this one turns into the password box.
  await s.page.keyboard.press('F1');
  await s.page.locator('.quick-input-widget input').fill('>Roboflow Workflows: Set Roboflow API Key');
  await s.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Set Roboflow API Key' }).first().waitFor();
  await s.page.keyboard.press('Enter');
  const box = s.page.locator('.quick-input-widget input[type="password"]');
  await box.waitFor();
  await box.fill(CANARY_ROBOFLOW_API_KEY);
  await s.page.keyboard.press('Enter');
  await box.waitFor({ state: 'hidden' });
});

test('the Preview code lens opens the panel beside the editor, with the stored key shown only as "stored ✓"', async () => {
  await s.page.locator('.codelens-decoration a', { hasText: 'Preview' }).first().click();
  const frame = s.webview();
  await frame.locator('h1', { hasText: 'detect.workflow.json' }).waitFor({ timeout: 20_000 });
  await frame.locator('.secret-list .chip', { hasText: 'stored ✓' }).first().waitFor();
  // The image input is named `image`: its heading says so once, not "image image".
  assert.equal(await frame.locator('fieldset.image-field legend').innerText(), 'image');
  assert.match(await frame.locator('[data-testid="server"]').innerText(), new RegExp(fakeUrl.replace(/[.:/]/g, '\\$&')));
  assert.equal(await s.page.locator('.tab', { hasText: 'Preview detect.workflow.json' }).count(), 1);
});

test('an image picked in the Quick Pick is shown as a thumbnail', async () => {
  const frame = s.webview();
  await frame.locator('button', { hasText: 'Choose Image…' }).click();
  const row = s.page.locator('.quick-input-list .monaco-list-row', { hasText: 'two-objects.jpg' });
  await row.first().waitFor();
  await row.first().click();
  await frame.locator('img.thumb').waitFor();
  assert.match(await frame.locator('img.thumb').getAttribute('src'), /^data:image\/jpeg;base64,/);
});

test('Run draws the detections over the image, with class and confidence', async () => {
  const frame = s.webview();
  await frame.locator('button', { hasText: 'Run' }).first().click();
  const figure = frame.locator('svg.overlay');
  await figure.waitFor({ timeout: 30_000 });
  assert.equal(await figure.locator('image').count(), 1, 'the input image is under the boxes');
  assert.match(await figure.locator('image').getAttribute('href'), /^data:image\/jpeg;base64,/);
  assert.equal(await figure.locator('g.detection rect.box').count(), 2);
  const labels = await figure.locator('g.detection text.label').allTextContents();
  assert.deepEqual(labels.sort(), ['ball 87%', 'sign 91%']);
  assert.equal(await frame.locator('img.output-image').count(), 1, 'the annotated image output');
  assert.match(await frame.locator('[data-testid="run-meta"]').innerText(), /Done in .* · As you/);

  const [request] = (await fakeRequests()).filter((r) => r.url === '/workflows/run');
  assert.equal(request.headers.authorization, `Bearer ${CANARY_ROBOFLOW_API_KEY}`);
  // The body carries the key too (`api_key`, read by servers before 1.5.0); nothing else in it may.
  const { api_key: bodyKey, ...restOfBody } = JSON.parse(request.body);
  assert.equal(bodyKey, CANARY_ROBOFLOW_API_KEY);
  assertNoCanary(JSON.stringify(restOfBody), 'the request body outside api_key');
  assertNoCanary(request.url, 'the request URL');

  // Each output's heading: its name, then the shape of its value unless the name already says it.
  const headers = await frame.locator('.output-header').evaluateAll((all) => all.map((e) => [e.querySelector('h3').textContent, e.querySelector('.badge')?.textContent ?? null]));
  assert.deepEqual(headers.find(([name]) => name === 'annotated'), ['annotated', 'image']);
  for (const [name, badge] of headers) assert.notEqual(name, badge, `output ${name}`);
  await frame.locator('.output', { hasText: 'llm_output' }).waitFor();
  assert.match(await frame.locator('.output', { hasText: 'llm_output' }).innerText(), /\[REDACTED\]/);
  await frame.locator('.output').first().scrollIntoViewIfNeeded();
  fs.mkdirSync(screenshotsDir, { recursive: true });
  await s.page.screenshot({ path: path.join(screenshotsDir, 'preview.png') });
});

test('the key is nowhere: webview DOM, output channel, workspace and profile files', async () => {
  const frame = s.webview();
  // Expand every JSON node so the whole result is in the DOM, then read it all.
  const dom = await frame.locator('html').evaluate((html) => {
    for (const details of html.querySelectorAll('details')) details.open = true;
    return html.outerHTML;
  });
  assert.match(dom, /\[REDACTED\]/);
  assertNoCanary(dom, 'the webview DOM');

  await frame.locator('button', { hasText: 'Show Log' }).click();
  const output = s.page.locator('.output-view, .panel .monaco-editor').first();
  await s.page.locator('.panel .view-lines', { hasText: 'Preview of detect.workflow.json' }).first().waitFor({ timeout: 15_000 });
  const shown = await s.page.locator('.panel .view-lines').first().innerText();
  assertNoCanary(shown, 'the output channel as shown');
  assert.ok(output);

  const files = [...filesUnder(s.workspace), ...filesUnder(s.profile.base)];
  const logFile = files.find((f) => f.endsWith('Roboflow Workflows.log'));
  assert.ok(logFile, 'the output channel has a log file in the profile');
  assert.match(fs.readFileSync(logFile, 'utf8'), /POST http:\/\/127\.0\.0\.1:\d+\/workflows\/run/);
  const started = Date.now();
  for (const file of files) {
    const bytes = fs.readFileSync(file);
    if (bytes.length > 64 * 1024 * 1024) continue;
    assertNoCanary(bytes.toString('latin1'), file);
  }
  console.log(`searched ${files.length} files in ${Date.now() - started} ms`);
});

test('reads well in a dark theme (theme variables only)', async () => {
  const frame = s.webview();
  await s.runCommand('Preferences: Toggle between Light/Dark Themes');
  await frame.locator('body.vscode-dark').waitFor({ timeout: 15_000 });
  // What a reader sees: light text on the dark editor background, taken from the theme's variables.
  const { text, background } = await frame.locator('body').evaluate((body) => ({
    text: window.getComputedStyle(body).color,
    background: window.getComputedStyle(body).getPropertyValue('--vscode-editor-background'),
  }));
  // Light on dark, at WCAG AA contrast (4.5:1) or better.
  const contrast = contrastRatio(text, background, background);
  assert.ok(contrast >= 4.5, `body text ${text} on ${background}: contrast ${contrast.toFixed(1)}:1`);
  await frame.locator('svg.overlay').scrollIntoViewIfNeeded();
  await settled(frame);
  await s.page.screenshot({ path: path.join(screenshotsDir, 'preview-dark.png') });
});

test('reads well in a high-contrast theme, and runs from the keyboard', async () => {
  await useColorTheme(s, 'Default High Contrast', 'hc-black');
  await s.page.locator('.tab', { hasText: 'Preview detect.workflow.json' }).first().click();
  const frame = s.webview();
  await frame.locator('body.vscode-high-contrast').waitFor({ timeout: 15_000 });
  // Keyboard only: focus Run, press Enter, wait for the new result.
  const before = (await fakeRequests()).length;
  await frame.locator('button[data-key="run"]').focus();
  await s.page.keyboard.press('Enter');
  const deadline = Date.now() + 15_000;
  while ((await fakeRequests()).length <= before) {
    assert.ok(Date.now() < deadline, 'Enter on the focused Run button ran the workflow');
    await s.page.waitForTimeout(200);
  }
  await frame.locator('svg.overlay g.detection').first().waitFor({ timeout: 30_000 });
  await frame.locator('svg.overlay').scrollIntoViewIfNeeded();
  await settled(frame);
  await s.page.screenshot({ path: path.join(screenshotsDir, 'preview-high-contrast.png') });
});

test('after a reload, the panel is restored (WebviewPanelSerializer + getState) and keeps the typed value', async () => {
  let frame = s.webview();
  await s.page.locator('.tab', { hasText: 'Preview detect.workflow.json' }).first().click();
  await frame.locator('#input-confidence').fill('0.55');
  await s.page.keyboard.press('Tab');
  // Reload the way a user does: VS Code's own reload saves the webview state before unloading
  // (a browser reload may cut the storage flush short), then wait for the new page.
  const reloaded = s.page.waitForNavigation({ timeout: 60_000 });
  await runCommand(s.page, 'Developer: Reload Window');
  await reloaded;
  await s.page.waitForSelector('.monaco-workbench');
  await s.page.waitForFunction(() => typeof window.driver?.whenWorkbenchRestored === 'function');
  await s.page.evaluate(() => window.driver.whenWorkbenchRestored());
  await s.page.locator('.tab', { hasText: 'Preview detect.workflow.json' }).first().click({ timeout: 20_000 });
  frame = s.webview();
  await frame.locator('h1', { hasText: 'detect.workflow.json' }).waitFor({ timeout: 30_000 });
  assert.equal(await frame.locator('#input-confidence').inputValue(), '0.55');
});

test('a secret input that feeds a webhook sink is typed for this run, and the panel says why', async () => {
  // Issue 8 item 4: no stored credential is ever filled into a sink; the panel explains it.
  const workflow = {
    version: '1.0',
    inputs: [
      { type: 'WorkflowImage', name: 'image' },
      { type: 'WorkflowParameter', name: 'openai_key', kind: ['secret'] },
    ],
    steps: [{ type: 'roboflow_core/webhook_sink@v1', name: 'notify', url: 'https://hooks.example/collect', method: 'POST', headers: { Authorization: '$inputs.openai_key' } }],
    outputs: [{ type: 'JsonField', name: 'status', selector: '$steps.notify.error_status' }],
  };
  fs.writeFileSync(path.join(s.workspace, 'preview', 'webhook-key.workflow.json'), JSON.stringify(workflow, null, 2));
  await s.runCommand('View: Close All Editors');
  await s.quickOpen('webhook-key.workflow.json');
  await s.page.locator('.codelens-decoration a', { hasText: 'Preview' }).first().click();
  const frame = s.webview();
  await frame.locator('h1', { hasText: 'webhook-key.workflow.json' }).waitFor({ timeout: 30_000 });
  const item = frame.locator('[data-testid="credential-openai_key"]');
  await item.locator('.chip', { hasText: 'typed for this run' }).waitFor();
  assert.equal(
    await frame.locator('[data-testid="typed-reason-openai_key"]').innerText(),
    "Asked in a password box when you run; no stored credential is used: it feeds a Webhook Sink (step `notify`, `headers.Authorization`), not a provider's own credential field.",
  );
  assert.equal(await item.locator('button', { hasText: 'Set…' }).count(), 0, 'nothing to store for it');
  await s.screenshot('typed-credential');
});
