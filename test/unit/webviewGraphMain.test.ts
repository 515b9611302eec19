// The workflow graph's webview (src/webview/graph/main.ts), run in jsdom as VS Code runs it: the
// drawing a `graph` message gives (checked against the layout the webview computes, layoutGraph),
// the cursor and run overlays, the keyboard and mouse, and what it posts (ready, reveal, exportSvg).
// jsdom does no layout: the <svg> is given a size with setBox() where pan and zoom matter.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { bundledCatalog } from '../../src/core/catalog/bundled';
import { buildWorkflowGraph } from '../../src/core/graph/buildGraph';
import { layoutGraph } from '../../src/core/graph/layout';
import { graphRunView } from '../../src/core/graph/runStatus';
import { lintWorkflow } from '../../src/core/lint';
import { parseGraphHostMessage, parseGraphWebviewMessage, type GraphHostMessage, type GraphView, type GraphWebviewMessage } from '../../src/protocol/graph';
import { repoRoot } from '../support/repoRoot';
import { loadWebview, type LoadOptions, type Webview } from '../support/webviewHarness';

const GATED = fs.readFileSync(path.join(repoRoot(), 'test/fixtures/workspace/graph/gated.workflow.json'), 'utf8');
const URI = 'file:///work/gated.workflow.json';
// Built before each test, not when the file loads: what runs at load is credited to no test, so
// mutation testing would have to rerun the whole suite for every mutant in that code.
let GRAPH: GraphView['graph'];
let VIEW: GraphView;
/** Where the webview puts each node (the same pure layout it runs). */
let LAYOUT: ReturnType<typeof layoutGraph>;
/** The whole drawing in BOX, centred, never enlarged. */
let FIT: { x: number; y: number; scale: number };
function buildFixtures(): void {
  GRAPH = buildWorkflowGraph(lintWorkflow(GATED, bundledCatalog()));
  VIEW = { workflowUri: URI, fileName: 'gated.workflow.json', graph: GRAPH };
  LAYOUT = layoutGraph(GRAPH);
  const scale = Math.min(1, BOX.width / LAYOUT.width, BOX.height / LAYOUT.height);
  FIT = { x: (BOX.width - LAYOUT.width * scale) / 2, y: (BOX.height - LAYOUT.height * scale) / 2, scale };
}
const placed = (id: string) => LAYOUT.nodes[GRAPH.nodes.findIndex((n) => n.id === id)];
const BOX = { width: 400, height: 300 };

/** A dark theme's variables, as VS Code sets them on <html style>. */
const THEME = {
  '--vscode-foreground': '#cccccc',
  '--vscode-editor-background': '#1e1e1e',
  '--vscode-editorWidget-background': '#252526',
  '--vscode-descriptionForeground': '#9d9d9d',
  '--vscode-errorForeground': '#f48771',
  '--vscode-focusBorder': '#007fd4',
  '--vscode-charts-blue': '#3794ff',
  '--vscode-charts-green': '#89d185',
  '--vscode-charts-purple': '#b180d7',
  '--vscode-charts-orange': '#d18616',
  '--vscode-font-family': 'system-ui, sans-serif',
  '--vscode-font-size': '13px',
  '--vscode-editor-font-family': 'Menlo, monospace',
};

// ---- helpers --------------------------------------------------------------------------------------

let webview: Webview | undefined;

async function open(options: LoadOptions = {}, box: { width: number; height: number } | undefined = BOX): Promise<Webview> {
  webview = await loadWebview('graph', options);
  if (box) webview.setBox(one(webview, 'svg.graph'), box);
  return webview;
}

function host(w: Webview, message: GraphHostMessage): void {
  const checked = parseGraphHostMessage(message);
  assert.ok(checked.ok, `the test's own message is invalid: ${checked.ok ? '' : checked.error}`);
  const warnings = w.warnings.length;
  w.send(message);
  assert.deepEqual(w.warnings.slice(warnings), [], 'the webview ignored a valid message');
}

function one<T extends Element = Element>(w: Webview | Document | Element, selector: string): T {
  const root = 'document' in w && !('nodeType' in w) ? w.document : (w as ParentNode);
  const found = root.querySelector<T>(selector);
  assert.ok(found, `nothing matches ${selector}`);
  return found;
}

const nodeElement = (w: Webview, id: string) => one<SVGGElement>(w, `g.node[data-id="${id}"]`);
const textOf = (element: Element | null | undefined) => element?.textContent ?? '';
const classesOf = (w: Webview) => Object.fromEntries(Array.from(w.document.querySelectorAll('g.node')).map((g) => [g.getAttribute('data-id'), g.getAttribute('class')]));
const worldTransform = (w: Webview) => one(w, 'svg.graph > g.viewport').getAttribute('transform');
const lastSaved = (w: Webview) => w.saved[w.saved.length - 1];

function postedSince(w: Webview, count: number): GraphWebviewMessage[] {
  const messages = w.posted.slice(count);
  for (const message of messages) {
    const parsed = parseGraphWebviewMessage(message);
    assert.ok(parsed.ok, `the host would reject ${JSON.stringify(message).slice(0, 200)}: ${parsed.ok ? '' : parsed.error}`);
  }
  return messages as GraphWebviewMessage[];
}

function buttonNamed(w: Webview, label: string): HTMLButtonElement {
  const found = Array.from(w.document.querySelectorAll<HTMLButtonElement>('.toolbar button')).filter((b) => b.textContent === label);
  assert.equal(found.length, 1, `${found.length} toolbar buttons read "${label}"`);
  return found[0];
}

/** The transform a viewport is written as. */
const transformOf = (v: { x: number; y: number; scale: number }) => `translate(${v.x.toFixed(2)} ${v.y.toFixed(2)}) scale(${v.scale.toFixed(4)})`;
/** Zoomed by `factor` about the point (cx, cy) of the view, which stays put. */
const zoomed = (v: { x: number; y: number; scale: number }, factor: number, cx = BOX.width / 2, cy = BOX.height / 2) => ({ x: cx - (cx - v.x) * factor, y: cy - (cy - v.y) * factor, scale: v.scale * factor });

function near(actual: unknown, expected: { x: number; y: number; scale: number }, what: string): void {
  const v = actual as { x: number; y: number; scale: number };
  for (const k of ['x', 'y', 'scale'] as const) assert.ok(Math.abs(v[k] - expected[k]) < 1e-9, `${what}: ${k} is ${v[k]}, not ${expected[k]}`);
}

// ---- tests ----------------------------------------------------------------------------------------

describe('graph webview (src/webview/graph/main.ts in jsdom)', function () {
  beforeEach(buildFixtures);
  afterEach(() => {
    webview?.close();
    webview = undefined;
  });

  it('posts ready on load, with the toolbar and an empty drawing; busy until the graph comes', async () => {
    const w = await open();
    assert.deepEqual(w.posted, [{ type: 'ready' }]);
    assert.deepEqual(w.saved, [{}], 'nothing known yet: no workflow, no viewport');
    assert.deepEqual(Array.from(w.document.querySelectorAll('.toolbar button')).map((b) => [b.textContent, b.getAttribute('aria-label')]), [
      ['Fit', null],
      ['+', 'Zoom in'],
      ['−', 'Zoom out'],
      ['Export SVG…', null],
    ]);
    assert.equal(one(w, '#app').getAttribute('aria-busy'), 'true');
    assert.equal(w.document.querySelectorAll('g.node').length, 0);
    // Nothing to draw, nothing to export.
    w.click(buttonNamed(w, 'Export SVG…'));
    w.click(buttonNamed(w, 'Fit'));
    assert.deepEqual(w.posted, [{ type: 'ready' }]);
  });

  it('a graph message draws one node per input, step and output where the layout puts it, with titles, markers and error badges', async () => {
    const w = await open();
    host(w, { type: 'graph', view: VIEW });
    assert.equal(textOf(one(w, 'h1')), 'Graph of gated.workflow.json');
    assert.equal(one(w, '#app').getAttribute('aria-busy'), 'false');
    assert.equal(one(w, 'svg.graph').getAttribute('data-nodes'), '8');

    const drawn = Array.from(w.document.querySelectorAll('g.nodes > g.node')).map((g) => ({
      id: g.getAttribute('data-id'),
      class: g.getAttribute('class'),
      texts: Array.from(g.querySelectorAll('text')).map((t) => [t.getAttribute('class'), t.textContent]),
      label: g.getAttribute('aria-label'),
    }));
    // In the order Tab visits them: top to bottom, then left to right.
    assert.deepEqual(drawn, [
      { id: 'input:0', class: 'node input', texts: [['title', 'image'], ['detail', 'WorkflowImage']], label: 'input image' },
      {
        id: 'step:0',
        class: 'node step',
        // The type is shortened in the middle, keeping its version; the title leaves room for the marker.
        texts: [['title', 'Object Detection Model'], ['name', 'det'], ['detail', 'roboflow_core/ro…etection_model@v2'], ['markers', '🔒']],
        label: 'step det, Object Detection Model, roboflow_core/roboflow_object_detection_model@v2, uses a private model',
      },
      { id: 'step:1', class: 'node step', texts: [['title', 'Continue If'], ['name', 'gate'], ['detail', 'roboflow_core/continue_if@v1']], label: 'step gate, Continue If, roboflow_core/continue_if@v1' },
      { id: 'input:1', class: 'node input', texts: [['title', 'openai_key'], ['detail', 'WorkflowParameter']], label: 'input openai_key' },
      { id: 'output:0', class: 'node output', texts: [['title', 'predictions'], ['detail', '$steps.det.predictions']], label: 'output predictions' },
      {
        id: 'step:2',
        class: 'node step',
        texts: [['title', 'OpenAI'], ['name', 'describe'], ['detail', 'roboflow_core/open_ai@v4'], ['markers', '🔑']],
        label: 'step describe, OpenAI, roboflow_core/open_ai@v4, takes a credential',
      },
      { id: 'output:1', class: 'node output', texts: [['title', 'text'], ['detail', '$steps.describe.output']], label: 'output text' },
      { id: 'output:2', class: 'node output has-errors', texts: [['title', 'missing'], ['detail', '$steps.nowhere.output'], ['counts', '✖ 1']], label: 'output missing, 1 error' },
    ]);
    for (const node of GRAPH.nodes) {
      const g = nodeElement(w, node.id);
      const at = placed(node.id);
      assert.equal(g.getAttribute('transform'), `translate(${at.x} ${at.y})`, `${node.id} is drawn where the layout put it`);
      const box = one(g, 'rect.box');
      assert.deepEqual([box.getAttribute('width'), box.getAttribute('height'), box.getAttribute('rx')], [String(at.width), String(at.height), node.kind === 'step' ? '6' : '18']);
      assert.deepEqual([g.getAttribute('tabindex'), g.getAttribute('role'), g.getAttribute('data-name'), textOf(g.querySelector('title'))], ['0', 'button', node.name, g.getAttribute('aria-label')]);
    }

    // One path per edge, from its layout points, with its kind's arrow and the properties as tooltip.
    const paths = Array.from(w.document.querySelectorAll('g.edges > path'));
    assert.deepEqual(
      paths.map((p) => [p.getAttribute('data-from'), p.getAttribute('data-to'), p.getAttribute('class'), p.getAttribute('marker-end'), textOf(p.querySelector('title'))]),
      GRAPH.edges.map((e) => [e.from, e.to, `edge ${e.kind}`, `url(#arrow-${e.kind})`, e.label]),
    );
    assert.deepEqual(
      paths.map((p) => p.getAttribute('d')),
      LAYOUT.edges.map((e) => e.points.map((p, i) => `${i ? 'L' : 'M'} ${p.x.toFixed(1)} ${p.y.toFixed(1)}`).join(' ')),
    );
    assert.deepEqual(
      GRAPH.edges.filter((e) => e.kind === 'flow').map((e) => [e.from, e.to]),
      [['step:1', 'step:2']],
      'the fixture has one flow edge (gate → describe)',
    );

    // The first drawing is fitted to the panel, and the view saved with the workflow.
    assert.equal(worldTransform(w), transformOf(FIT));
    assert.deepEqual(lastSaved(w), { workflowUri: URI, viewport: JSON.parse(JSON.stringify(FIT)) });
    assert.deepEqual(w.posted, [{ type: 'ready' }], 'drawing posts nothing');
  });

  it('clicking a node, or Enter or Space on it, posts reveal with its id', async () => {
    const w = await open();
    host(w, { type: 'graph', view: VIEW });
    let count = w.posted.length;
    w.click(nodeElement(w, 'step:0'));
    w.click(one(nodeElement(w, 'output:2'), 'text.detail'));
    assert.deepEqual(postedSince(w, count), [
      { type: 'reveal', node: 'step:0' },
      { type: 'reveal', node: 'output:2' },
    ]);
    count = w.posted.length;
    assert.equal(w.key(nodeElement(w, 'input:1'), 'Enter').defaultPrevented, true);
    assert.equal(w.key(nodeElement(w, 'step:2'), ' ').defaultPrevented, true, 'Space does not scroll the page');
    assert.equal(w.key(nodeElement(w, 'step:2'), 'a').defaultPrevented, false, 'other keys are left alone');
    assert.deepEqual(postedSince(w, count), [
      { type: 'reveal', node: 'input:1' },
      { type: 'reveal', node: 'step:2' },
    ]);
    // A click on the background is not a node.
    count = w.posted.length;
    w.click(one(w, 'svg.graph'));
    assert.deepEqual(postedSince(w, count), []);
  });

  it('arrow keys move the focus to the nearest node that way and pan just enough to show it; focus survives a redraw', async () => {
    // At 100 %, a 400×300 panel shows the top-left of the drawing only.
    const w = await open({ state: { workflowUri: URI, viewport: { x: 0, y: 0, scale: 1 } } });
    host(w, { type: 'graph', view: VIEW });
    assert.equal(worldTransform(w), 'translate(0.00 0.00) scale(1.0000)', 'the saved view is kept, not fitted again');
    const image = nodeElement(w, 'input:0');
    image.focus();
    assert.equal(image.getAttribute('class'), 'node input focused');

    // det sits right below image; its right edge (364 + 240 = 604) is past the panel's 400: pan by 604 − 400 + 16.
    assert.equal(w.key(image, 'ArrowDown').defaultPrevented, true);
    assert.equal(w.document.activeElement?.getAttribute('data-id'), 'step:0');
    assert.equal(image.getAttribute('class'), 'node input', 'the old node loses its focus ring');
    assert.equal(placed('step:0').x + placed('step:0').width, 604);
    assert.equal(worldTransform(w), 'translate(-220.00 0.00) scale(1.0000)');
    assert.deepEqual(lastSaved(w), { workflowUri: URI, viewport: { x: -220, y: 0, scale: 1 } });

    // predictions → gate, level with it on the right. Gate (486…726 × 238…302, shifted by −220) ends
    // past the panel on the right (506 > 400) and at the bottom (302 > 300): pan by 122 and by 18.
    nodeElement(w, 'output:0').focus();
    w.key(nodeElement(w, 'output:0'), 'ArrowRight');
    assert.equal(w.document.activeElement?.getAttribute('data-id'), 'step:1');
    assert.equal(worldTransform(w), 'translate(-342.00 -18.00) scale(1.0000)');
    // Nothing further right: the focus and the view stay.
    assert.equal(w.key(nodeElement(w, 'step:1'), 'ArrowRight').defaultPrevented, true);
    assert.equal(w.document.activeElement?.getAttribute('data-id'), 'step:1');
    assert.equal(worldTransform(w), 'translate(-342.00 -18.00) scale(1.0000)');
    // describe → text, below it. Text (134…334 × 478…524) starts left of the panel (−342 + 134 = −208):
    // pan right to 16 px from the edge; its bottom (−18 + 524 = 506) is past 300: pan up by 222.
    nodeElement(w, 'step:2').focus();
    w.key(nodeElement(w, 'step:2'), 'ArrowDown');
    assert.equal(w.document.activeElement?.getAttribute('data-id'), 'output:1');
    assert.equal(worldTransform(w), 'translate(-118.00 -240.00) scale(1.0000)');

    // A new graph (the workflow was edited) is drawn afresh, with the focus on the same node.
    host(w, { type: 'graph', view: VIEW });
    assert.equal(w.document.activeElement?.getAttribute('data-id'), 'output:1');
    assert.equal(w.document.activeElement, nodeElement(w, 'output:1'));
    assert.deepEqual(w.posted, [{ type: 'ready' }], 'moving around posts nothing');
  });

  it('the cursor message highlights that node alone, through redraws; null clears it', async () => {
    const w = await open();
    host(w, { type: 'graph', view: VIEW });
    host(w, { type: 'cursor', node: 'step:1' });
    const current = () => Array.from(w.document.querySelectorAll('g.node.current')).map((g) => g.getAttribute('data-id'));
    assert.deepEqual(current(), ['step:1']);
    host(w, { type: 'cursor', node: 'output:2' });
    assert.deepEqual(current(), ['output:2']);
    assert.equal(nodeElement(w, 'output:2').getAttribute('class'), 'node output has-errors current');
    host(w, { type: 'graph', view: VIEW });
    assert.deepEqual(current(), ['output:2'], 'still highlighted after a redraw');
    host(w, { type: 'cursor', node: 'step:99' });
    assert.deepEqual(current(), [], 'a node that is not drawn: none');
    host(w, { type: 'cursor', node: null });
    assert.deepEqual(current(), []);
  });

  it('a run message marks the failed step and the output counts, with the summary in the status line; null clears them', async () => {
    const w = await open();
    host(w, { type: 'graph', view: VIEW });
    const failed = graphRunView({
      status: 'failure',
      runId: 4,
      kind: 'http',
      message: 'The server could not run step `det`.',
      durationMs: 900,
      httpStatus: 500,
      blockErrors: [{ step: 'det', blockType: 'roboflow_core/roboflow_object_detection_model@v2', property: null, details: 'Model my-private-project/3 not found', inDefinition: true }],
      summary: 'As you',
    });
    host(w, { type: 'run', run: failed });
    const statusLine = one(w, '[data-testid="status"]');
    assert.deepEqual([textOf(statusLine), statusLine.getAttribute('class')], ['Preview run failed in `det`: The server could not run step `det`.', 'status failure']);
    const det = nodeElement(w, 'step:0');
    assert.equal(det.getAttribute('class'), 'node step failed');
    assert.deepEqual(Array.from(det.querySelectorAll('text.run-status')).map((t) => [t.textContent, t.getAttribute('y')]), [['failed', '36']]);
    assert.equal(det.getAttribute('aria-label'), 'step det, Object Detection Model, roboflow_core/roboflow_object_detection_model@v2, uses a private model, failed in the last run: Model my-private-project/3 not found');
    assert.deepEqual(
      Array.from(w.document.querySelectorAll('g.node.failed, g.node.ran')).map((g) => g.getAttribute('data-id')),
      ['step:0'],
      'only the step the server blamed',
    );

    const succeeded = graphRunView({
      status: 'success',
      runId: 5,
      durationMs: 1500,
      responseBytes: 900,
      outputs: [
        { predictions: { predictions: [{ class: 'person' }, { class: 'person' }, { class: 'dog' }] }, text: 'Two people and a dog.' },
        { predictions: { predictions: [{ class: 'person' }] }, text: 'One person.' },
      ],
      summary: 'As you',
    });
    host(w, { type: 'run', run: succeeded });
    assert.deepEqual([textOf(statusLine), statusLine.getAttribute('class')], ['Preview run succeeded in 1.5 s', 'status']);
    assert.deepEqual(classesOf(w), {
      'input:0': 'node input',
      'step:0': 'node step',
      'step:1': 'node step',
      'input:1': 'node input',
      'output:0': 'node output ran',
      'step:2': 'node step',
      'output:1': 'node output ran',
      'output:2': 'node output has-errors',
    });
    const runStatus = (id: string) => Array.from(nodeElement(w, id).querySelectorAll('text.run-status')).map(textOf);
    assert.deepEqual([runStatus('output:0'), runStatus('output:1'), runStatus('output:2')], [['4 items'], ['2 items'], []]);
    assert.equal(nodeElement(w, 'output:0').getAttribute('aria-label'), 'output predictions, 4 items in the last run');

    host(w, { type: 'run', run: null });
    assert.deepEqual([textOf(statusLine), statusLine.getAttribute('class')], ['', 'status']);
    assert.equal(w.document.querySelectorAll('text.run-status').length, 0);
  });

  it('a file that is not a workflow: its problem in the status line, nothing drawn', async () => {
    const w = await open();
    host(w, { type: 'graph', view: { workflowUri: 'file:///work/notes.json', fileName: 'notes.json', graph: { nodes: [], edges: [] }, problem: 'This file is not a Roboflow workflow.' } });
    assert.equal(textOf(one(w, 'h1')), 'Graph of notes.json');
    assert.equal(textOf(one(w, '[data-testid="status"]')), 'This file is not a Roboflow workflow.');
    assert.equal(w.document.querySelectorAll('g.node, path.edge').length, 0);
    host(w, { type: 'run', run: { runId: 1, status: 'not-sent', summary: 'Preview run not sent: no image.', failedSteps: [], outputCounts: [] } });
    assert.equal(textOf(one(w, '[data-testid="status"]')), 'This file is not a Roboflow workflow. · Preview run not sent: no image.');
  });

  it('Fit, + and −, the 0 / + / - keys, the wheel and dragging the background change the view and save it', async () => {
    const w = await open();
    host(w, { type: 'graph', view: VIEW });
    assert.equal(worldTransform(w), transformOf(FIT));
    const saved = () => (lastSaved(w) as { viewport: unknown }).viewport;

    w.click(buttonNamed(w, '+'));
    const inOnce = zoomed(FIT, 1.25);
    assert.equal(worldTransform(w), transformOf(inOnce));
    near(saved(), inOnce, 'after +');
    w.click(buttonNamed(w, '−'));
    near(saved(), zoomed(inOnce, 0.8), 'after −');
    w.click(buttonNamed(w, 'Fit'));
    near(saved(), FIT, 'after Fit');

    // Keys anywhere but on a toolbar button (there Enter/Space/+ belong to the button).
    const body = w.document.body;
    assert.equal(w.key(body, '+').defaultPrevented, true);
    near(saved(), zoomed(FIT, 1.25), 'after the + key');
    w.key(body, '-');
    near(saved(), zoomed(zoomed(FIT, 1.25), 0.8), 'after the - key');
    w.key(body, '0');
    near(saved(), FIT, 'after the 0 key');
    const savedCount = w.saved.length;
    assert.equal(w.key(buttonNamed(w, 'Fit'), '+').defaultPrevented, false);
    assert.equal(w.key(body, 'x').defaultPrevented, false);
    assert.equal(w.saved.length, savedCount, 'those keys change nothing');

    // The wheel zooms about the pointer: one notch towards you (deltaY −100) at (100, 50).
    const svg = one(w, 'svg.graph');
    const wheel = w.dispatch(svg, (window) => new window.WheelEvent('wheel', { deltaY: -100, clientX: 100, clientY: 50, cancelable: true, bubbles: true }));
    assert.equal(wheel.defaultPrevented, true, 'the page itself does not scroll');
    const wheeled = zoomed(FIT, Math.exp(0.15), 100, 50);
    near(saved(), wheeled, 'after the wheel');

    // Dragging the background pans by the pointer's move; dragging from a node does not.
    const pointer = (type: string, x: number, y: number, target: Element = svg) => w.dispatch(target, (window) => new window.PointerEvent(type, { clientX: x, clientY: y, button: 0, pointerId: 1, bubbles: true }));
    pointer('pointerdown', 10, 10);
    assert.equal(svg.getAttribute('class'), 'graph panning');
    pointer('pointermove', 40, 30);
    near(saved(), { ...wheeled, x: wheeled.x + 30, y: wheeled.y + 20 }, 'after dragging by (30, 20)');
    pointer('pointerup', 40, 30);
    assert.equal(svg.getAttribute('class'), 'graph');
    const afterDrag = w.saved.length;
    pointer('pointermove', 90, 90);
    pointer('pointerdown', 10, 10, nodeElement(w, 'step:0'));
    pointer('pointermove', 90, 90);
    assert.equal(w.saved.length, afterDrag, 'no pan after the button is up, nor from a node');
    assert.deepEqual(w.posted, [{ type: 'ready' }], 'the view is the webview’s own business');
  });

  it('Export SVG posts a standalone drawing: every node and its title, the theme’s colours written in (no var(--), no classes, at its own size', async () => {
    const css = fs.readFileSync(path.join(repoRoot(), 'src/webview/graph/graph.css'), 'utf8');
    const w = await open({ css, theme: THEME });
    host(w, { type: 'graph', view: VIEW });
    w.click(buttonNamed(w, '+'));
    const count = w.posted.length;
    w.click(buttonNamed(w, 'Export SVG…'));
    const posted = postedSince(w, count);
    assert.deepEqual(posted.map((m) => m.type), ['exportSvg']);
    const text = (posted[0] as { svg: string }).svg;

    assert.ok(!text.includes('var(--'), 'no theme variable is left: they do not exist outside VS Code');
    assert.doesNotMatch(text, / class="/);
    assert.doesNotMatch(text, / tabindex="/);
    const doc = new w.window.DOMParser().parseFromString(text, 'image/svg+xml');
    assert.equal(doc.querySelector('parsererror'), null, 'well-formed XML');
    const root = doc.documentElement;
    assert.deepEqual(
      [root.namespaceURI, root.getAttribute('width'), root.getAttribute('height'), root.getAttribute('viewBox')],
      ['http://www.w3.org/2000/svg', LAYOUT.width.toFixed(0), LAYOUT.height.toFixed(0), `0 0 ${LAYOUT.width.toFixed(0)} ${LAYOUT.height.toFixed(0)}`],
    );
    assert.deepEqual([LAYOUT.width, LAYOUT.height], [742, 634], 'the fixture’s drawing size');
    // The editor background behind the drawing, then the arrows, then the drawing at its own scale.
    const [background, defs, world] = Array.from(root.children);
    assert.deepEqual([background.tagName, background.getAttribute('width'), background.getAttribute('height'), background.getAttribute('fill')], ['rect', '742', '634', '#1e1e1e']);
    assert.equal(defs.tagName, 'defs');
    assert.deepEqual([world.tagName, world.hasAttribute('transform')], ['g', false]);
    assert.match(worldTransform(w) ?? '', /scale\(0\.5915\)$/, 'the panel keeps its zoom');

    // Every node, with its title and its kind's colours.
    const exported = (id: string) => one<SVGGElement>(doc, `g[data-id="${id}"]`);
    for (const node of GRAPH.nodes) {
      const texts = Array.from(exported(node.id).querySelectorAll('text')).map(textOf);
      assert.ok(texts.includes(node.title), `${node.id}: "${node.title}" among ${JSON.stringify(texts)}`);
    }
    const stroke = (id: string) => one(exported(id), 'rect').getAttribute('stroke');
    assert.deepEqual(
      ['input:0', 'step:0', 'output:0', 'output:2'].map((id) => [stroke(id), one(exported(id), 'rect').getAttribute('stroke-width'), one(exported(id), 'rect').getAttribute('fill')]),
      [
        ['#3794ff', '1.2', '#252526'],
        ['#b180d7', '1.2', '#252526'],
        ['#89d185', '1.2', '#252526'],
        ['#f48771', '2', '#252526'],
      ],
      'inputs blue, steps purple, outputs green, errors red; the widget background inside',
    );
    const title = one(exported('step:0'), 'title + rect + text');
    assert.deepEqual([title.textContent, title.getAttribute('fill'), title.getAttribute('font-weight'), title.getAttribute('font-size'), title.getAttribute('font-family')], ['Object Detection Model', '#cccccc', '600', '12px', 'system-ui, sans-serif']);
    const edge = (from: string, to: string) => one(doc, `path[data-from="${from}"][data-to="${to}"]`);
    const flow = edge('step:1', 'step:2');
    const data = edge('input:0', 'step:0');
    assert.deepEqual(
      [data, flow].map((e) => ['stroke', 'stroke-dasharray', 'opacity'].map((a) => e.getAttribute(a))),
      [
        ['#cccccc', 'none', '0.65'],
        ['#d18616', '6 4', '0.9'],
      ],
      'data edges solid in the foreground colour, flow edges dashed orange',
    );
    // Unfilled lines (jsdom computes `fill: none` as transparent black).
    for (const e of [data, flow]) assert.ok(['none', 'rgba(0, 0, 0, 0)'].includes(e.getAttribute('fill') ?? ''), `edge fill ${e.getAttribute('fill')}`);

    // The panel itself is untouched.
    assert.equal(nodeElement(w, 'step:0').getAttribute('class'), 'node step');
    assert.equal(nodeElement(w, 'step:0').getAttribute('tabindex'), '0');
  });

  it('restores the saved workflow and view at load; a malformed saved state is dropped', async () => {
    const view = { x: 5, y: 6, scale: 0.5 };
    let w = await open({ state: { workflowUri: URI, viewport: view } });
    assert.deepEqual(w.saved, [{ workflowUri: URI, viewport: view }]);
    w.close();
    w = await open({ state: { workflowUri: 42, viewport: { x: 1 } } });
    assert.deepEqual(w.saved, [{}]);
  });

  it('the page: status line, graph, arrow markers, toolbar buttons and legend, as assistive tech reads them', async () => {
    const w = await open();
    const attributes = (e: Element) => Object.fromEntries(Array.from(e.attributes).map((a) => [a.name, a.value]));
    assert.deepEqual(attributes(one(w, 'p.status')), { class: 'status', role: 'status', 'data-testid': 'status' });
    assert.deepEqual(attributes(one(w, 'svg')), { class: 'graph', role: 'group', 'aria-label': 'Workflow graph', 'data-testid': 'graph' });
    assert.deepEqual(
      Array.from(w.document.querySelectorAll('svg > defs > marker')).map((m) => [attributes(m), Array.from(m.children).map((c) => [c.tagName, attributes(c)])]),
      ['arrow-data', 'arrow-flow'].map((id) => [
        { id, viewBox: '0 0 10 10', refX: '10', refY: '5', markerWidth: '8', markerHeight: '8', orient: 'auto-start-reverse' },
        [['path', { d: 'M 0 0 L 10 5 L 0 10 z' }]],
      ]),
    );
    assert.deepEqual(attributes(one(w, 'svg > g')), { class: 'viewport' });
    const toolbar = one(w, '.toolbar');
    assert.deepEqual(attributes(toolbar), { class: 'toolbar', role: 'toolbar', 'aria-label': 'Graph' });
    assert.deepEqual(
      Array.from(toolbar.querySelectorAll('button')).map((b) => [b.textContent, b.getAttribute('data-key'), b.getAttribute('title')]),
      [
        ['Fit', 'fit', 'Show the whole graph (0)'],
        ['+', 'zoom-in', 'Zoom in (+)'],
        ['−', 'zoom-out', 'Zoom out (−)'],
        ['Export SVG…', 'export', 'Save the graph as an SVG file'],
      ],
    );
    const legend = one(toolbar, 'span.legend');
    assert.deepEqual(
      Array.from(legend.childNodes).map((n) => (n instanceof w.window.Element ? [n.tagName, n.getAttribute('class'), n.textContent] : ['#text', null, n.textContent])),
      [
        ['SPAN', 'legend-data', 'data'],
        ['SPAN', 'legend-flow', 'flow control'],
        ['#text', null, '🔒 private model'],
        ['#text', null, '🔑 credential'],
      ],
    );
  });

  it('Fit, the 0 key, = and _ restore or change the zoom; layout time is reported', async () => {
    const w = await open();
    const before = performance.now();
    host(w, { type: 'graph', view: VIEW });
    const took = performance.now() - before;
    const layoutMs = Number(one(w, 'svg.graph').getAttribute('data-layout-ms'));
    assert.ok(layoutMs >= 0 && layoutMs <= Math.ceil(took), `layout took ${layoutMs} ms of the ${took} ms the message took`);
    const saved = () => (lastSaved(w) as { viewport: unknown }).viewport;
    const body = w.document.body;
    assert.equal(w.key(body, '=').defaultPrevented, true);
    near(saved(), zoomed(FIT, 1.25), 'after =');
    w.click(buttonNamed(w, 'Fit'));
    near(saved(), FIT, 'after Fit');
    assert.equal(w.key(body, '_').defaultPrevented, true);
    near(saved(), zoomed(FIT, 0.8), 'after _');
    assert.equal(w.key(body, '0').defaultPrevented, true);
    near(saved(), FIT, 'after 0');
  });

  it('the wheel zooms about the pointer inside a panel that is not at the page’s corner; right-drags and cancelled drags do not pan', async () => {
    const w = await open({}, undefined);
    const svg = one(w, 'svg.graph');
    w.setBox(svg, { left: 30, top: 20, ...BOX });
    host(w, { type: 'graph', view: VIEW });
    const saved = () => (lastSaved(w) as { viewport: unknown }).viewport;
    w.dispatch(svg, (window) => new window.WheelEvent('wheel', { deltaY: -100, clientX: 130, clientY: 70, cancelable: true, bubbles: true }));
    const wheeled = zoomed(FIT, Math.exp(0.15), 100, 50);
    near(saved(), wheeled, 'after the wheel');
    const pointer = (type: string, x: number, y: number, button = 0) => w.dispatch(svg, (window) => new window.PointerEvent(type, { clientX: x, clientY: y, button, pointerId: 1, bubbles: true }));
    const count = w.saved.length;
    pointer('pointerdown', 10, 10, 2);
    pointer('pointermove', 40, 30, 2);
    assert.equal(w.saved.length, count, 'the right button does not pan');
    assert.equal(svg.getAttribute('class'), 'graph');
    pointer('pointerdown', 10, 10);
    assert.equal(svg.getAttribute('class'), 'graph panning');
    pointer('pointercancel', 10, 10);
    assert.equal(svg.getAttribute('class'), 'graph');
    pointer('pointermove', 40, 30);
    assert.equal(w.saved.length, count, 'a cancelled drag pans no more');
  });

  it('arrow keys at half size pan only when the node is not wholly in view, by the scaled distance', async () => {
    // At scale 0.5 the fixture (742 × 634) is 371 × 317: wider than nothing, taller than the 300 px panel.
    let w = await open({ state: { workflowUri: URI, viewport: { x: 37, y: 0, scale: 0.5 } } });
    host(w, { type: 'graph', view: VIEW });
    const move = (from: string, key: string, to: string) => {
      nodeElement(w, from).focus();
      assert.equal(w.key(nodeElement(w, from), key).defaultPrevented, true);
      assert.equal(w.document.activeElement?.getAttribute('data-id'), to);
    };
    // Gate at half size and moved by 37: 280…400 × 119…151, ending exactly at the panel's right edge: no pan, nothing saved.
    let count = w.saved.length;
    move('output:0', 'ArrowRight', 'step:1');
    assert.equal(worldTransform(w), 'translate(37.00 0.00) scale(0.5000)');
    assert.equal(w.saved.length, count);
    // Missing ends at 309, past 300: pan up by 9 + 16.
    move('output:1', 'ArrowDown', 'output:2');
    assert.equal(worldTransform(w), 'translate(37.00 -25.00) scale(0.5000)');
    w.close();

    // Missing ending exactly at the panel's bottom (−9 + 309 = 300) is in view.
    w = await open({ state: { workflowUri: URI, viewport: { x: 0, y: -9, scale: 0.5 } } });
    host(w, { type: 'graph', view: VIEW });
    count = w.saved.length;
    move('output:1', 'ArrowDown', 'output:2');
    assert.equal(worldTransform(w), 'translate(0.00 -9.00) scale(0.5000)');
    assert.equal(w.saved.length, count);
    w.close();

    // openai_key (16, 247) exactly at the panel's top-left corner is in view; image (315, 16) above it is not:
    // its top (8 − 123.5 = −115.5) comes down to 16 px from the edge.
    w = await open({ state: { workflowUri: URI, viewport: { x: -8, y: -123.5, scale: 0.5 } } });
    host(w, { type: 'graph', view: VIEW });
    count = w.saved.length;
    move('output:0', 'ArrowLeft', 'input:1');
    assert.equal(worldTransform(w), 'translate(-8.00 -123.50) scale(0.5000)');
    assert.equal(w.saved.length, count);
    move('input:1', 'ArrowUp', 'input:0');
    assert.equal(worldTransform(w), 'translate(-8.00 8.00) scale(0.5000)');
  });

  it('focus moved by the keyboard or kept through a redraw does not scroll the page', async () => {
    const w = await open();
    host(w, { type: 'graph', view: VIEW });
    const proto = w.window.SVGElement.prototype;
    const focus = proto.focus;
    const asked: (boolean | undefined)[] = [];
    proto.focus = function (this: SVGElement, options?: FocusOptions) {
      asked.push(options?.preventScroll);
      focus.call(this, options);
    };
    try {
      w.key(nodeElement(w, 'input:0'), 'ArrowDown');
      host(w, { type: 'graph', view: VIEW });
    } finally {
      proto.focus = focus;
    }
    assert.equal(w.document.activeElement?.getAttribute('data-id'), 'step:0');
    assert.deepEqual(asked, [true, true]);
  });

  it('Export SVG writes no colour for a theme variable VS Code did not set (none: the viewer’s default), not an empty one', async () => {
    const css = fs.readFileSync(path.join(repoRoot(), 'src/webview/graph/graph.css'), 'utf8');
    // No theme: --vscode-editor-background and --vscode-foreground, with no fallback in the stylesheet, are unset.
    const w = await open({ css });
    host(w, { type: 'graph', view: VIEW });
    const count = w.posted.length;
    w.click(buttonNamed(w, 'Export SVG…'));
    const text = (postedSince(w, count)[0] as { svg: string }).svg;
    const doc = new w.window.DOMParser().parseFromString(text, 'image/svg+xml');
    const properties = ['fill', 'stroke', 'stroke-width', 'stroke-dasharray', 'font-family', 'font-size', 'font-weight', 'opacity'];
    const empty = Array.from(doc.querySelectorAll('svg > g *')).flatMap((e) => properties.filter((p) => e.getAttribute(p) === '').map((p) => `${e.tagName} ${p}`));
    assert.deepEqual(empty, []);
    const box = one(doc, 'g[data-id="step:0"] > rect');
    assert.deepEqual([box.getAttribute('fill'), box.getAttribute('stroke')], [null, '#b180d7'], 'the node background is unset, the step colour falls back');
  });

  it('long titles, names and types are shortened to the box; unnamed nodes, counts and plurals are spelt out', async () => {
    const node = (id: string, kind: 'input' | 'step' | 'output', name: string, title: string, detail: string, more: Partial<GraphView['graph']['nodes'][number]> = {}) => ({ id, kind, name, title, detail, privateModel: false, credential: false, errors: 0, warnings: 0, ...more });
    // A step is 240 px wide: 29 title characters at 7.5 px (25 beside a marker), 32 name characters at 7, 34 type characters at 6.5.
    const graph: GraphView['graph'] = {
      nodes: [
        node('step:0', 'step', 'n'.repeat(32), 'T'.repeat(29), 'd'.repeat(34), { errors: 2, warnings: 1 }),
        node('step:1', 'step', '', 'U'.repeat(30), `${'a'.repeat(17)}${'b'.repeat(18)}`, { warnings: 2 }),
        node('step:2', 'step', 'out', 'V'.repeat(26), 'x/y@v1', { privateModel: true, errors: 1 }),
        node('input:0', 'input', 'image', 'image', 'WorkflowImage', { warnings: 1 }),
        node('output:0', 'output', 'out', 'out', '$steps.out.value'),
      ],
      edges: [],
    };
    const w = await open();
    host(w, { type: 'graph', view: { workflowUri: URI, fileName: 'long.workflow.json', graph } });
    const texts = (id: string) => Array.from(nodeElement(w, id).querySelectorAll('text')).map((t) => [t.getAttribute('class'), t.textContent, t.getAttribute('x'), t.getAttribute('y'), t.getAttribute('text-anchor')]);
    assert.deepEqual(texts('step:0'), [
      ['title', 'T'.repeat(29), '10', '19', null],
      ['name', 'n'.repeat(32), '10', '36', null],
      ['detail', 'd'.repeat(34), '10', '53', null],
      ['counts', '✖ 2 ⚠ 1', '232', '56', 'end'],
    ]);
    assert.deepEqual(texts('step:1'), [
      ['title', `${'U'.repeat(28)}…`, '10', '19', null],
      ['name', '(unnamed)', '10', '36', null],
      ['detail', `${'a'.repeat(16)}…${'b'.repeat(17)}`, '10', '53', null],
      ['counts', '⚠ 2', '232', '56', 'end'],
    ]);
    assert.deepEqual(texts('step:2'), [
      ['title', `${'V'.repeat(24)}…`, '10', '19', null],
      ['name', 'out', '10', '36', null],
      ['detail', 'x/y@v1', '10', '53', null],
      ['markers', '🔒', '232', '19', 'end'],
      ['counts', '✖ 1', '232', '56', 'end'],
    ]);
    assert.deepEqual(texts('input:0'), [
      ['title', 'image', '10', '19', null],
      ['detail', 'WorkflowImage', '10', '36', null],
      ['counts', '⚠ 1', '192', '38', 'end'],
    ]);
    assert.deepEqual(
      graph.nodes.map((n) => [nodeElement(w, n.id).getAttribute('class'), nodeElement(w, n.id).getAttribute('aria-label')]),
      [
        ['node step has-errors', `step ${'n'.repeat(32)}, ${'T'.repeat(29)}, ${'d'.repeat(34)}, 2 errors, 1 warning`],
        ['node step has-warnings', `step (unnamed), ${'U'.repeat(30)}, ${'a'.repeat(17)}${'b'.repeat(18)}, 2 warnings`],
        ['node step has-errors', `step out, ${'V'.repeat(26)}, x/y@v1, uses a private model, 1 error`],
        ['node input has-warnings', 'input image, 1 warning'],
        ['node output', 'output out'],
      ],
    );

    // A step and an output share the name "out": a failure marks the step only, a count the output only.
    host(w, { type: 'run', run: { runId: 1, status: 'failure', summary: 'Preview run failed.', failedSteps: [{ step: 'out', message: 'boom' }], outputCounts: [] } });
    assert.deepEqual(texts('step:2').slice(-1), [['run-status', 'failed', '232', '36', 'end']]);
    assert.deepEqual(
      Array.from(w.document.querySelectorAll('g.node.failed, g.node.ran')).map((g) => g.getAttribute('data-id')),
      ['step:2'],
    );
    host(w, { type: 'run', run: { runId: 2, status: 'success', summary: 'Preview run succeeded.', failedSteps: [], outputCounts: [{ output: 'out', count: 1 }] } });
    assert.deepEqual(texts('output:0').slice(-1), [['run-status', '1 item', '192', '38', 'end']]);
    assert.equal(nodeElement(w, 'output:0').getAttribute('aria-label'), 'output out, 1 item in the last run');
    assert.deepEqual(
      Array.from(w.document.querySelectorAll('g.node.failed, g.node.ran')).map((g) => g.getAttribute('data-id')),
      ['output:0'],
    );
  });

  it('Tab goes through level nodes left to right, whatever their order in the graph', async () => {
    const node = (id: string, kind: 'input' | 'step' | 'output', name: string) => ({ id, kind, name, title: name, detail: 'x', privateModel: false, credential: false, errors: 0, warnings: 0 });
    // Pieces in rows: input:0 → step:0, then input:1 alone beside it (both inputs on the top row), then three lone outputs.
    const graph: GraphView['graph'] = {
      nodes: [node('step:0', 'step', 'uses'), node('input:1', 'input', 'right'), node('input:0', 'input', 'left'), node('output:0', 'output', 'a'), node('output:1', 'output', 'b'), node('output:2', 'output', 'c')],
      edges: [{ from: 'input:0', to: 'step:0', kind: 'data', label: 'image' }],
    };
    const w = await open();
    host(w, { type: 'graph', view: { workflowUri: URI, fileName: 'pieces.workflow.json', graph } });
    const drawn = Array.from(w.document.querySelectorAll('g.nodes > g.node')).map((g) => [g.getAttribute('data-id'), g.getAttribute('transform')]);
    assert.deepEqual(drawn.slice(0, 3), [
      ['input:0', 'translate(36 16)'],
      ['input:1', 'translate(304 16)'],
      ['step:0', 'translate(16 118)'],
    ]);
  });

  it('malformed and unknown host messages are ignored with a warning: nothing changes, nothing is posted, nothing throws', async () => {
    const w = await open();
    host(w, { type: 'graph', view: VIEW });
    host(w, { type: 'cursor', node: 'step:1' });
    const html = one(w, '#app').innerHTML;
    const posted = w.posted.length;
    const saved = w.saved.length;
    const node = GRAPH.nodes[0];
    const bad: [unknown, string][] = [
      [null, 'unknown message null'],
      ['graph', 'unknown message string'],
      [[], 'unknown message an array'],
      [{ type: 'reveal', node: 'step:0' }, 'unknown message "reveal"'],
      [{ type: 'hasOwnProperty' }, 'unknown message "hasOwnProperty"'],
      [{ type: 'graph' }, 'malformed message "graph"'],
      [{ type: 'graph', view: { ...VIEW, graph: { nodes: [{ ...node, id: 'node:1' }], edges: [] } } }, 'malformed message "graph"'],
      [{ type: 'graph', view: { ...VIEW, graph: { nodes: [{ ...node, errors: -1 }], edges: [] } } }, 'malformed message "graph"'],
      [{ type: 'graph', view: { ...VIEW, graph: { nodes: [], edges: [{ from: 'step:0', to: 'step:1', kind: 'control', label: '' }] } } }, 'malformed message "graph"'],
      [{ type: 'cursor' }, 'malformed message "cursor"'],
      [{ type: 'cursor', node: 'det' }, 'malformed message "cursor"'],
      [{ type: 'run', run: { runId: 1, status: 'passed', summary: '', failedSteps: [], outputCounts: [] } }, 'malformed message "run"'],
      [{ type: 'run', run: { runId: 1, status: 'success', summary: '', failedSteps: [], outputCounts: [{ output: 'text', count: 1.5 }] } }, 'malformed message "run"'],
    ];
    for (const [message] of bad) w.send(message);
    assert.deepEqual(
      w.warnings,
      bad.map(([, why]) => `Graph: ignored a message from the host (${why}).`),
    );
    assert.equal(one(w, '#app').innerHTML, html, 'the drawing is unchanged');
    assert.equal(w.posted.length, posted);
    assert.equal(w.saved.length, saved);
    host(w, { type: 'cursor', node: 'step:2' });
    assert.equal(nodeElement(w, 'step:2').getAttribute('class'), 'node step current', 'still listening');
  });
});
