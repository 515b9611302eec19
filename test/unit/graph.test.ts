// The workflow graph (issue 9 §2): its model from the lint result, per-node finding counts and the
// cursor's node, the preview run's status, the layout, and the validators of its messages.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { bundledCatalog } from '../../src/core/catalog/bundled';
import type { Finding } from '../../src/core/findings';
import { buildWorkflowGraph } from '../../src/core/graph/buildGraph';
import { ComponentLayoutCache, layoutGraph } from '../../src/core/graph/layout';
import { countFindings, nodeAtOffset, nodeSpans } from '../../src/core/graph/nodeFindings';
import { graphRunView } from '../../src/core/graph/runStatus';
import { lintWorkflow } from '../../src/core/lint';
import { parseGraphHostMessage, parseGraphWebviewMessage, type GraphView, type WorkflowGraph } from '../../src/protocol/graph';
import { repoRoot } from '../support/repoRoot';

const catalog = bundledCatalog();
const GATED = fs.readFileSync(path.join(repoRoot(), 'test/fixtures/workspace/graph/gated.workflow.json'), 'utf8');

const node = (id: string, kind: 'input' | 'step' | 'output', name: string, title: string, detail: string, extra: Partial<{ privateModel: boolean; credential: boolean; errors: number; warnings: number }> = {}) => ({
  id,
  kind,
  name,
  title,
  detail,
  privateModel: false,
  credential: false,
  errors: 0,
  warnings: 0,
  ...extra,
});

describe('workflow graph model', () => {
  it('has every input, step and output, with block names, types, markers and error counts', () => {
    const graph = buildWorkflowGraph(lintWorkflow(GATED, catalog));
    assert.deepEqual(graph.nodes, [
      node('input:0', 'input', 'image', 'image', 'WorkflowImage'),
      node('input:1', 'input', 'openai_key', 'openai_key', 'WorkflowParameter'),
      node('step:0', 'step', 'det', 'Object Detection Model', 'roboflow_core/roboflow_object_detection_model@v2', { privateModel: true }),
      node('step:1', 'step', 'gate', 'Continue If', 'roboflow_core/continue_if@v1'),
      node('step:2', 'step', 'describe', 'OpenAI', 'roboflow_core/open_ai@v4', { credential: true }),
      node('output:0', 'output', 'predictions', 'predictions', '$steps.det.predictions'),
      node('output:1', 'output', 'text', 'text', '$steps.describe.output'),
      // `$steps.nowhere.output`: one error, and no edge (there is no such step).
      node('output:2', 'output', 'missing', 'missing', '$steps.nowhere.output', { errors: 1 }),
    ]);
  });

  it('draws data edges from what a selector reads, and a flow edge from a flow-control step to its next step', () => {
    const graph = buildWorkflowGraph(lintWorkflow(GATED, catalog));
    assert.deepEqual(graph.edges, [
      { from: 'input:0', to: 'step:0', kind: 'data', label: 'images' },
      { from: 'step:0', to: 'step:1', kind: 'data', label: 'evaluation_parameters' },
      { from: 'step:1', to: 'step:2', kind: 'flow', label: 'next_steps' },
      { from: 'input:0', to: 'step:2', kind: 'data', label: 'images' },
      { from: 'input:1', to: 'step:2', kind: 'data', label: 'api_key' },
      { from: 'step:0', to: 'output:0', kind: 'data', label: 'selector' },
      { from: 'step:2', to: 'output:1', kind: 'data', label: 'selector' },
    ]);
  });

  it('merges selectors between the same two nodes into one edge, and reads selectors of unknown blocks', () => {
    const text = JSON.stringify({
      version: '1.0',
      inputs: [{ type: 'WorkflowParameter', name: 'p' }],
      steps: [{ type: 'acme/unknown@v1', name: 'u', a: '$inputs.p', nested: { deep: ['$inputs.p', '$steps.u.x'] }, other: '$inputs.p' }],
      outputs: [{ type: 'JsonField', name: 'o', selector: '$steps.u.*' }],
    });
    const graph = buildWorkflowGraph(lintWorkflow(text, catalog));
    assert.deepEqual(graph.edges, [
      { from: 'input:0', to: 'step:0', kind: 'data', label: 'a, nested, other' },
      { from: 'step:0', to: 'output:0', kind: 'data', label: 'selector' },
    ]);
    assert.equal(graph.nodes[1].title, 'u', 'an unknown block: the step name stands in for the block name');
    assert.ok(graph.nodes[1].errors >= 1, 'the unknown type is counted on the step');
  });

  it('is empty when the text is not a workflow object', () => {
    assert.deepEqual(buildWorkflowGraph(lintWorkflow('[1, 2]', catalog)), { nodes: [], edges: [] });
    assert.deepEqual(buildWorkflowGraph(lintWorkflow('{ "steps": [', catalog)).edges, []);
  });

  it('counts errors and warnings on the node that holds them, ignoring hints', () => {
    const model = lintWorkflow(GATED, catalog).model!;
    const at = (id: string) => {
      const [kind, index] = id.split(':');
      const list = kind === 'input' ? model.inputs : kind === 'step' ? model.steps : model.outputs;
      return list[Number(index)].node.offset + 2;
    };
    const finding = (severity: Finding['severity'], offset: number): Finding => ({ code: 'x', severity, message: 'x', range: { offset, length: 1 } });
    const counts = countFindings(model, [finding('error', at('step:1')), finding('warning', at('step:1')), finding('warning', at('step:1')), finding('hint', at('input:0')), finding('error', 0)]);
    assert.deepEqual([...counts], [['step:1', { errors: 1, warnings: 2 }]]);
  });

  it('finds the node under the cursor', () => {
    const model = lintWorkflow(GATED, catalog).model!;
    const spans = nodeSpans(model);
    assert.equal(nodeAtOffset(spans, GATED.indexOf('"next_steps"')), 'step:1');
    assert.equal(nodeAtOffset(spans, GATED.indexOf('"openai_key"')), 'input:1');
    assert.equal(nodeAtOffset(spans, GATED.indexOf('$steps.describe.output')), 'output:1');
    assert.equal(nodeAtOffset(spans, GATED.indexOf('"version"')), undefined);
  });
});

describe('workflow graph run status', () => {
  it('names the failed step with the server’s message', () => {
    const run = graphRunView({
      status: 'failure',
      runId: 3,
      kind: 'http',
      message: 'The server could not run step `describe`.',
      durationMs: 10,
      blockErrors: [
        { step: 'describe', blockType: 'roboflow_core/open_ai@v4', property: null, details: 'Incorrect API key', inDefinition: true },
        { step: 'ghost', blockType: null, property: null, details: 'gone', inDefinition: false },
      ],
      summary: '',
    });
    assert.deepEqual(run, {
      runId: 3,
      status: 'failure',
      summary: 'Preview run failed in `describe`: The server could not run step `describe`.',
      failedSteps: [{ step: 'describe', message: 'Incorrect API key' }],
      outputCounts: [],
    });
  });

  it('counts each output’s items over the batch: list lengths, predictions, one for anything else', () => {
    const run = graphRunView({
      status: 'success',
      runId: 1,
      durationMs: 1234,
      responseBytes: 10,
      outputs: [
        { predictions: { image: { width: 1, height: 1 }, predictions: [{}, {}] }, text: 'hi', list: [1, 2, 3], none: null },
        { predictions: { predictions: [{}] }, text: 'there', list: [], none: null },
      ],
      summary: '',
    });
    assert.deepEqual(run, {
      runId: 1,
      status: 'success',
      summary: 'Preview run succeeded in 1.2 s',
      failedSteps: [],
      outputCounts: [
        { output: 'predictions', count: 3 },
        { output: 'text', count: 2 },
        { output: 'list', count: 3 },
        { output: 'none', count: 0 },
      ],
    });
  });
});

describe('workflow graph layout', () => {
  it('places every node without overlaps and routes every edge', () => {
    const graph = buildWorkflowGraph(lintWorkflow(GATED, catalog));
    const layout = layoutGraph(graph);
    assert.equal(layout.nodes.length, graph.nodes.length);
    assert.deepEqual(layout.nodes.map((n) => n.id), graph.nodes.map((n) => n.id));
    for (const [i, a] of layout.nodes.entries()) {
      assert.ok(a.x >= 0 && a.y >= 0 && a.x + a.width <= layout.width && a.y + a.height <= layout.height, `${a.id} inside the drawing`);
      for (const b of layout.nodes.slice(i + 1)) {
        const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
        assert.ok(apart, `${a.id} and ${b.id} overlap`);
      }
    }
    for (const edge of layout.edges) assert.ok(edge.points.length >= 2, `${edge.from} → ${edge.to} has a route`);
    // Top to bottom: what a step reads sits above it.
    const y = (id: string) => layout.nodes.find((n) => n.id === id)!.y;
    assert.ok(y('input:0') < y('step:0') && y('step:0') < y('step:1') && y('step:1') < y('step:2') && y('step:2') < y('output:1'));
  });

  it('lays out independent pipelines apart, packed in rows', () => {
    const pipeline = (i: number): WorkflowGraph => ({
      nodes: [
        { id: `input:${i}`, kind: 'input', name: `in${i}`, title: `in${i}`, detail: 'WorkflowImage', privateModel: false, credential: false, errors: 0, warnings: 0 },
        { id: `step:${i}`, kind: 'step', name: `s${i}`, title: 'Step', detail: 't', privateModel: false, credential: false, errors: 0, warnings: 0 },
      ],
      edges: [{ from: `input:${i}`, to: `step:${i}`, kind: 'data', label: 'images' }],
    });
    const parts = [0, 1, 2, 3].map(pipeline);
    const layout = layoutGraph({ nodes: parts.flatMap((p) => p.nodes), edges: parts.flatMap((p) => p.edges) });
    const box = (i: number) => {
      const [a, b] = [layout.nodes[2 * i], layout.nodes[2 * i + 1]];
      return { left: Math.min(a.x, b.x), right: Math.max(a.x + a.width, b.x + b.width), top: Math.min(a.y, b.y), bottom: Math.max(a.y + a.height, b.y + b.height) };
    };
    // Four equal pipelines: two rows of two.
    assert.deepEqual([0, 1, 2, 3].map((i) => box(i).top), [16, 16, box(2).top, box(2).top]);
    assert.ok(box(2).top > box(0).bottom, 'the second row is below the first');
    assert.ok(box(1).left > box(0).right && box(3).left > box(2).right, 'side by side within a row');
  });

  it('lays out a repeated pipeline once, and a redraw after an edit only the component that changed, with the same drawing as without reuse', () => {
    const pipeline = (i: number, extraStep: boolean): WorkflowGraph => {
      const node = (id: string, kind: 'input' | 'step' | 'output') => ({ id, kind, name: id, title: id, detail: 't', privateModel: false, credential: false, errors: 0, warnings: 0 });
      const nodes = [node(`input:${i}`, 'input'), node(`step:${i}a`, 'step'), node(`output:${i}`, 'output')];
      const edges: WorkflowGraph['edges'] = [
        { from: `input:${i}`, to: `step:${i}a`, kind: 'data', label: 'images' },
        { from: `step:${i}a`, to: `output:${i}`, kind: 'data', label: 'predictions' },
      ];
      if (extraStep) {
        nodes.push(node(`step:${i}b`, 'step'));
        edges.push({ from: `step:${i}a`, to: `step:${i}b`, kind: 'flow', label: 'next' });
      }
      return { nodes, edges };
    };
    const workflow = (edited: number): WorkflowGraph => {
      const parts = [0, 1, 2, 3, 4, 5].map((i) => pipeline(i, i === edited));
      return { nodes: parts.flatMap((p) => p.nodes), edges: parts.flatMap((p) => p.edges) };
    };
    const cache = new ComponentLayoutCache();
    const first = layoutGraph(workflow(-1), cache);
    assert.deepEqual([cache.misses, cache.hits], [1, 5], 'six copies of one pipeline: one layout');
    assert.deepEqual(first, layoutGraph(workflow(-1)), 'the same drawing as laid out afresh');
    const edited = layoutGraph(workflow(3), cache);
    assert.deepEqual([cache.misses, cache.hits], [2, 10], 'the edit adds one shape; the other five are reused');
    assert.deepEqual(edited, layoutGraph(workflow(3)));
    const step3b = edited.nodes.find((n) => n.id === 'step:3b')!;
    const step3a = edited.nodes.find((n) => n.id === 'step:3a')!;
    assert.ok(step3b.y > step3a.y, 'the new step is drawn below the one it follows');
  });
});

describe('workflow graph messages', () => {
  let view: GraphView;
  beforeEach(() => {
    view = { workflowUri: 'file:///w.workflow.json', fileName: 'w.workflow.json', graph: buildWorkflowGraph(lintWorkflow(GATED, catalog)) };
  });

  it('accept what the host and the webview send', () => {
    assert.ok(parseGraphHostMessage({ type: 'graph', view }).ok);
    assert.ok(parseGraphHostMessage({ type: 'cursor', node: 'step:1' }).ok);
    assert.ok(parseGraphHostMessage({ type: 'cursor', node: null }).ok);
    assert.ok(parseGraphHostMessage({ type: 'run', run: { runId: 1, status: 'success', summary: 's', failedSteps: [], outputCounts: [{ output: 'o', count: 2 }] } }).ok);
    assert.ok(parseGraphWebviewMessage({ type: 'ready' }).ok);
    assert.ok(parseGraphWebviewMessage({ type: 'reveal', node: 'output:12' }).ok);
    assert.ok(parseGraphWebviewMessage({ type: 'exportSvg', svg: '<svg xmlns="http://www.w3.org/2000/svg"></svg>' }).ok);
  });

  it('reject unknown types and prototype keys, as a type or as an extra field', () => {
    for (const key of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
      assert.equal(parseGraphWebviewMessage({ type: key }).ok, false, key);
      assert.equal(parseGraphHostMessage({ type: key }).ok, false, key);
      assert.equal(parseGraphWebviewMessage(JSON.parse(`{"type": "reveal", "node": "step:1", ${JSON.stringify(key)}: 1}`)).ok, false, `reveal + ${key}`);
    }
    assert.equal(parseGraphWebviewMessage(Object.create({ type: 'ready' })).ok, false, 'a type inherited from the prototype');
    assert.equal(parseGraphWebviewMessage({ type: 'run' }).ok, false, 'a preview message is not a graph message');
  });

  it('reject wrong types and shapes', () => {
    assert.deepEqual(parseGraphWebviewMessage({ type: 'reveal', node: 3 }), { ok: false, error: 'malformed message "reveal"' });
    assert.equal(parseGraphWebviewMessage({ type: 'reveal', node: 'step' }).ok, false, 'not a node id');
    assert.equal(parseGraphWebviewMessage({ type: 'reveal', node: '__proto__:1' }).ok, false);
    assert.equal(parseGraphWebviewMessage({ type: 'exportSvg', svg: '<script>alert(1)</script>' }).ok, false, 'not an SVG document');
    assert.equal(parseGraphWebviewMessage({ type: 'exportSvg', svg: `<svg>${'x'.repeat(20_000_001)}` }).ok, false, 'too large');
    assert.equal(parseGraphHostMessage({ type: 'cursor', node: undefined }).ok, false);
    assert.equal(parseGraphHostMessage({ type: 'graph', view: { ...view, graph: { nodes: [{ ...view.graph.nodes[0], errors: -1 }], edges: [] } } }).ok, false, 'a negative count');
    assert.equal(parseGraphHostMessage({ type: 'graph', view: { ...view, graph: { nodes: view.graph.nodes, edges: [{ from: 'step:0', to: 'step:1', kind: 'magic', label: '' }] } } }).ok, false, 'an unknown edge kind');
    assert.equal(parseGraphHostMessage(null).ok, false);
    assert.equal(parseGraphHostMessage([{ type: 'graph' }]).ok, false);
  });
});
