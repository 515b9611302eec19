// End-to-end: the workflow graph in the real workbench (issue 9 §2). Opened from the editor's
// title bar beside a workflow; a click on a step node selects that step in the editor; screenshots
// of the graph in the light and the dark theme (.test-run/screenshots/graph-light.png, graph-dark.png).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { repoRoot, screenshotsDir } from './codeServer.mjs';
import { openSession } from './workbench.mjs';

let s;
before(async () => {
  s = await openSession({ name: 'graph', viewport: { width: 1600, height: 1000 } });
});
after(async () => {
  await s?.close();
});

/** Two animation frames in the webview: what was just drawn has been painted. */
function settled(frame) {
  return frame.locator('body').evaluate(() => new Promise((resolve) => window.requestAnimationFrame(() => window.requestAnimationFrame(resolve))));
}

async function shot(frame, file) {
  await settled(frame);
  fs.mkdirSync(screenshotsDir, { recursive: true });
  await s.page.screenshot({ path: path.join(screenshotsDir, file) });
}

test('the editor title button opens the graph beside the workflow, with every node drawn', async () => {
  await s.quickOpen('gated.workflow.json');
  await s.waitForActivation();
  await s.page.locator('.codelens-decoration', { hasText: 'Graph' }).first().waitFor({ timeout: 20_000 });
  await s.page.locator('.editor-actions .action-label[aria-label*="Show Workflow Graph"]').first().click();
  const frame = s.webview();
  await frame.locator('h1', { hasText: 'Graph of graph/gated.workflow.json' }).waitFor({ timeout: 20_000 });
  const nodes = frame.locator('svg.graph g.node');
  await nodes.first().waitFor();
  assert.equal(await nodes.count(), 8);
  assert.equal(await frame.locator('svg.graph path.edge.data').count(), 6);
  assert.equal(await frame.locator('svg.graph path.edge.flow').count(), 1);
  const det = frame.locator('g.node[data-name="det"]');
  // Block name, step name, and the type shortened in the middle so its version stays readable.
  assert.deepEqual(await det.locator('text.title, text.name, text.detail').allTextContents(), ['Object Detection Model', 'det', 'roboflow_core/ro…etection_model@v2']);
  assert.equal(await det.getAttribute('aria-label'), 'step det, Object Detection Model, roboflow_core/roboflow_object_detection_model@v2, uses a private model');
  assert.match(await det.locator('text.markers').textContent(), /🔒/);
  assert.match(await frame.locator('g.node[data-name="describe"] text.markers').textContent(), /🔑/);
  assert.match(await frame.locator('g.node[data-name="missing"] text.counts').textContent(), /✖ 1/);
  assert.equal(await s.page.locator('.tab', { hasText: 'Graph gated.workflow.json' }).count(), 1);
  await shot(frame, 'graph-light.png');
});

test('a click on a step node selects that step in the editor', async () => {
  const frame = s.webview();
  await frame.locator('g.node[data-name="describe"]').click();
  // The editor's status bar shows the selection: the whole `describe` step object (one line of the
  // fixture), with the cursor at its end.
  const lines = fs.readFileSync(path.join(repoRoot, 'test/fixtures/workspace/graph/gated.workflow.json'), 'utf8').split('\n');
  const line = lines.findIndex((l) => l.includes('"name": "describe"'));
  const start = lines[line].indexOf('{');
  const length = lines[line].trimEnd().length - start;
  const selection = s.page.locator('.statusbar-item[id$="status.editor.selection"]', { hasText: 'selected' });
  await selection.waitFor({ timeout: 15_000 });
  assert.equal(await selection.innerText(), `Ln ${line + 1}, Col ${start + 1 + length} (${length} selected)`);
  // The graph highlights the step under the cursor.
  await frame.locator('g.node.current[data-name="describe"]').waitFor({ timeout: 10_000 });
});

test('reads well in a dark theme (theme variables only)', async () => {
  const frame = s.webview();
  await s.runCommand('Preferences: Toggle between Light/Dark Themes');
  await frame.locator('body.vscode-dark').waitFor({ timeout: 15_000 });
  const { text, background } = await frame.locator('g.node[data-name="det"]').evaluate((g) => ({
    text: window.getComputedStyle(g.querySelector('text.title')).fill,
    background: window.getComputedStyle(g.querySelector('rect.box')).fill,
  }));
  assert.notEqual(text, background, `title ${text} on ${background}`);
  await shot(frame, 'graph-dark.png');
});
