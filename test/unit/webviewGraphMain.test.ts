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
