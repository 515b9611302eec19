// End-to-end: the workflow graph in the real workbench (issue 9 §2). Opened from the editor's
// title bar beside a workflow; a click on a step node selects that step in the editor; screenshots
// of the graph in the light, dark and high-contrast themes (.test-run/screenshots/graph-light.png,
// graph-dark.png, graph-high-contrast.png); Export SVG read back as a standalone file.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { repoRoot, screenshotsDir } from './codeServer.mjs';
import { contrastRatio, settled } from './paint.mjs';
import { openSession, useColorTheme } from './workbench.mjs';

let s;
before(async () => {
  s = await openSession({ name: 'graph', viewport: { width: 1600, height: 1000 } });
});
after(async () => {
  await s?.close();
});

/** For every node: its texts' colours and its box's fill, and the page's background. */
function nodeColours(frame) {
  return frame.locator('svg.graph').evaluate((svg) => {
    const page = window.getComputedStyle(document.body).backgroundColor;
    return [...svg.querySelectorAll('g.node')].map((node) => ({
      name: node.dataset.name,
      page,
      box: window.getComputedStyle(node.querySelector('rect.box')).fill,
      texts: [...node.querySelectorAll('text.title, text.name, text.detail')].map((t) => ({ text: t.textContent, fill: window.getComputedStyle(t).fill })),
    }));
  });
}

/** Every text of every node (the step under the cursor among them) at `minimum` contrast or better on its box. */
async function assertReadable(frame, minimum) {
  for (const node of await nodeColours(frame)) {
    for (const { text, fill } of node.texts) {
      const ratio = contrastRatio(fill, node.box, node.page);
      assert.ok(ratio >= minimum, `"${text}" of ${node.name}: ${fill} on ${node.box}, contrast ${ratio.toFixed(1)}:1`);
    }
  }
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
  // Generous: on a loaded 2-core machine the click's round trip (webview, extension host, editor) has taken over 15 s.
  await selection.waitFor({ timeout: 45_000 });
  assert.equal(await selection.innerText(), `Ln ${line + 1}, Col ${start + 1 + length} (${length} selected)`);
  // The graph highlights the step under the cursor.
  await frame.locator('g.node.current[data-name="describe"]').waitFor({ timeout: 10_000 });
});

test('reads well in a dark theme (theme variables only)', async () => {
  const frame = s.webview();
  await s.runCommand('Preferences: Toggle between Light/Dark Themes');
  await frame.locator('body.vscode-dark').waitFor({ timeout: 15_000 });
  // The step under the cursor (describe, from the click above) is highlighted and still readable.
  await frame.locator('g.node.current[data-name="describe"]').waitFor();
  await assertReadable(frame, 4.5);
  await shot(frame, 'graph-dark.png');
});

test('Export SVG saves a standalone drawing: theme colours written in, every node, nothing else', async () => {
  const frame = s.webview();
  const target = path.join(s.workspace, 'graph', 'gated.workflow.graph.svg');
  fs.rmSync(target, { force: true });
  await frame.locator('button', { hasText: 'Export SVG' }).click();
  // VS Code's save dialog in the browser: a path box holding the suggested file beside the workflow.
  // The dialog shows first and fills its path box after: wait for the suggestion.
  await s.page.waitForFunction(() => /gated\.workflow\.graph\.svg$/.test(document.querySelector('.quick-input-widget input')?.value ?? ''), null, { timeout: 15_000 });
  await s.page.keyboard.press('Enter');
  const deadline = Date.now() + 20_000;
  while (!fs.existsSync(target) || fs.statSync(target).size === 0) {
    assert.ok(Date.now() < deadline, `${target} was not written`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const text = fs.readFileSync(target, 'utf8');
  assert.match(text, /^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  assert.doesNotMatch(text, /var\(--|class="|<script|<foreignObject/i, 'no theme variables, classes or scripts');
  // Opened on its own (outside VS Code), it parses and shows the same nodes, in the dark theme's colours.
  const page = await s.context.newPage();
  try {
    await page.setContent(`<!DOCTYPE html><body style="margin:0">${text}</body>`);
    const drawn = await page.evaluate(() => {
      const svg = document.querySelector('svg');
      const titles = [...svg.querySelectorAll('text')].map((t) => t.textContent);
      const background = svg.querySelector('rect').getAttribute('fill');
      return { titles, background, width: svg.getBoundingClientRect().width };
    });
    for (const name of ['Object Detection Model', 'det', 'describe', 'missing']) assert.ok(drawn.titles.includes(name), `${name} in ${drawn.titles.join(', ')}`);
    assert.ok(drawn.width > 100, `drawn ${drawn.width} px wide`);
    const [r, g, b] = drawn.background.match(/\d+/g).map(Number);
    assert.ok(r + g + b < 3 * 80, `a dark background, ${drawn.background}`);
  } finally {
    await page.close();
  }
});

test('reads well in a high-contrast theme: node borders in the theme\'s contrast colour', async () => {
  const frame = s.webview();
  await useColorTheme(s, 'Default High Contrast', 'hc-black');
  await s.page.locator('.tab', { hasText: 'Graph gated.workflow.json' }).first().click();
  await frame.locator('body.vscode-high-contrast').waitFor({ timeout: 15_000 });
  const { stroke, contrast, width } = await frame.locator('g.node[data-name="det"] rect.box').evaluate((box) => {
    const probe = document.createElement('span');
    probe.style.color = window.getComputedStyle(document.documentElement).getPropertyValue('--vscode-contrastBorder');
    document.body.append(probe);
    const contrast = window.getComputedStyle(probe).color;
    probe.remove();
    return { stroke: window.getComputedStyle(box).stroke, contrast, width: window.getComputedStyle(box).strokeWidth };
  });
  assert.equal(stroke, contrast, 'node borders use contrastBorder');
  assert.ok(parseFloat(width) >= 1, `border ${width} wide`);
  await frame.locator('g.node.current[data-name="describe"]').waitFor();
  await assertReadable(frame, 7);
  await shot(frame, 'graph-high-contrast.png');
});
