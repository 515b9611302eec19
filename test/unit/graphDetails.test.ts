// The workflow graph's details that a drawing depends on: placeholders for what is missing,
// which strings are read as selectors, the layout's exact geometry and packing, the reuse of
// component layouts, the run status of each kind of run, and the cursor's node at the edges of a
// definition. (Mutation testing found each of these untested.)
import assert from 'node:assert/strict';
import { bundledCatalog } from '../../src/core/catalog/bundled';
import { buildWorkflowGraph } from '../../src/core/graph/buildGraph';
import { connectedComponents } from '../../src/core/graph/components';
import { ComponentLayoutCache, layoutGraph, usesFastLayout } from '../../src/core/graph/layout';
import { nodeAtOffset, nodeSpans } from '../../src/core/graph/nodeFindings';
import { graphRunView } from '../../src/core/graph/runStatus';
import { lintWorkflow } from '../../src/core/lint';
import type { GraphEdge, GraphNode, GraphNodeKind, WorkflowGraph } from '../../src/protocol/graph';

const catalog = bundledCatalog();
const graphOf = (definition: unknown) => buildWorkflowGraph(lintWorkflow(typeof definition === 'string' ? definition : JSON.stringify(definition), catalog));

const node = (id: string, kind: GraphNodeKind): GraphNode => ({ id, kind, name: id, title: id, detail: 't', privateModel: false, credential: false, errors: 0, warnings: 0 });
const edge = (from: string, to: string, kind: GraphEdge['kind'] = 'data'): GraphEdge => ({ from, to, kind, label: 'x' });

describe('workflow graph model: what is missing or unusual', () => {
  it('names what has no name, type or selector, so every node still reads', () => {
    const graph = graphOf({ version: '1.0', inputs: [{ type: 'WorkflowImage' }, { name: 'p' }], steps: [{}], outputs: [{ type: 'JsonField' }] });
    assert.deepEqual(
      graph.nodes.map((n) => [n.id, n.name, n.title, n.detail]),
      [
        ['input:0', '', '(unnamed input)', 'WorkflowImage'],
        ['input:1', 'p', 'p', '(no type)'],
        ['step:0', '', '(unnamed step)', '(no type)'],
        ['output:0', '', '(unnamed output)', '(no selector)'],
      ],
    );
  });

  it('counts an input’s own errors on the input', () => {
    const graph = graphOf({ version: '1.0', inputs: [{ type: 'WorkflowImag', name: 'image' }], steps: [], outputs: [] });
    assert.deepEqual([graph.nodes[0].id, graph.nodes[0].errors], ['input:0', 1]);
  });

  it('reads selectors in every field but the step’s own type and name', () => {
    const graph = graphOf({
      version: '1.0',
      inputs: [{ type: 'WorkflowParameter', name: 'p' }],
      steps: [{ type: '$inputs.p', name: '$inputs.p', a: [['$inputs.p']] }],
      outputs: [],
    });
    assert.deepEqual(graph.edges, [{ from: 'input:0', to: 'step:0', kind: 'data', label: 'a' }]);
  });

  it('reads selectors among a dict’s values, never its keys', () => {
    const graph = graphOf({
      version: '1.0',
      inputs: [{ type: 'WorkflowParameter', name: 'p' }, { type: 'WorkflowParameter', name: 'q' }],
      steps: [{ type: 'acme/unknown@v1', name: 'u', mapping: { '$inputs.q': '$inputs.p', plain: { deeper: '$inputs.p' } } }],
      outputs: [],
    });
    assert.deepEqual(graph.edges, [{ from: 'input:0', to: 'step:0', kind: 'data', label: 'mapping' }]);
  });

  it('joins an output to the input it reads, and to no step when it names a step without an output', () => {
    const graph = graphOf({
      version: '1.0',
      inputs: [{ type: 'WorkflowParameter', name: 'p' }],
      steps: [{ type: 'acme/unknown@v1', name: 'u', a: '$inputs.p' }],
      outputs: [
        { type: 'JsonField', name: 'echo', selector: '$inputs.p' },
        { type: 'JsonField', name: 'whole', selector: '$steps.u' },
        { type: 'JsonField', name: 'none' },
      ],
    });
    assert.deepEqual(graph.edges, [
      { from: 'input:0', to: 'step:0', kind: 'data', label: 'a' },
      { from: 'input:0', to: 'output:0', kind: 'data', label: 'selector' },
    ]);
  });

  it('keeps drawing a step whose JSON is broken half-way, even inside a dict', () => {
    const graph = graphOf('{"version": "1.0", "inputs": [{"type": "WorkflowParameter", "name": "p"}], "steps": [{"type": "acme/x@v1", "name": "s", "a": "$inputs.p", "c": {"d": }, "b": }], "outputs": []}');
    assert.deepEqual(graph.edges, [{ from: 'input:0', to: 'step:0', kind: 'data', label: 'a' }]);
  });

  it('reads a step’s deeper selector as the compiler does (step from the second part, output from the last), and skips strings that only start with `$`', () => {
    const graph = graphOf({
      version: '1.0',
      inputs: [],
      steps: [
        { type: 'acme/unknown@v1', name: 'u' },
        { type: 'acme/unknown@v1', name: 'v', a: '$steps.u.deep.output', b: '$ not a selector', c: '$inputs', d: '$inputs.missing', e: '$steps.gone' },
      ],
      outputs: [],
    });
    assert.deepEqual(graph.edges, [{ from: 'step:0', to: 'step:1', kind: 'data', label: 'a' }]);
  });
});

describe('workflow graph components', () => {
  it('leaves out edges to nodes that do not exist, and keeps each node in its own component', () => {
    const graph: WorkflowGraph = { nodes: [node('input:0', 'input'), node('step:0', 'step'), node('step:1', 'step')], edges: [edge('input:0', 'step:0'), edge('step:1', 'step:9'), edge('step:8', 'step:1')] };
    assert.deepEqual(
      connectedComponents(graph).map((c) => [c.nodes.map((n) => n.id), c.edges.map((e) => `${e.from}>${e.to}`)]),
      [
        [['input:0', 'step:0'], ['input:0>step:0']],
        [['step:1'], []],
      ],
    );
  });
});

describe('workflow graph layout geometry', () => {
  it('places two inputs side by side above the step they feed, with dagre’s spacing, and routes edges from box to box', () => {
    const layout = layoutGraph({ nodes: [node('input:0', 'input'), node('input:1', 'input'), node('step:0', 'step')], edges: [edge('input:0', 'step:0'), edge('input:1', 'step:0')] });
    const box = (id: string) => {
      const { x, y, width, height } = layout.nodes.find((n) => n.id === id)!;
      return [x, y, width, height];
    };
    // 24 px between neighbours, 56 px between ranks, a 16 px margin.
    assert.deepEqual([box('input:1'), box('input:0'), box('step:0')], [
      [16, 16, 200, 46],
      [240, 16, 200, 46],
      [108, 118, 240, 64],
    ]);
    assert.deepEqual([layout.width, layout.height], [456, 198]);
    for (const e of layout.edges) {
      const from = layout.nodes.find((n) => n.id === e.from)!;
      const to = layout.nodes.find((n) => n.id === e.to)!;
      const [first, last] = [e.points[0], e.points[e.points.length - 1]];
      assert.equal(first.y, from.y + from.height, `${e.from} → ${e.to} leaves from the bottom of its source`);
      assert.ok(first.x >= from.x && first.x <= from.x + from.width);
      assert.equal(last.y, to.y, `${e.from} → ${e.to} arrives at the top of its target`);
      assert.ok(last.x >= to.x && last.x <= to.x + to.width);
    }
  });

  it('packs six lone steps in three rows of two, edges moved with their component', () => {
    const nodes = [0, 1, 2, 3, 4, 5].map((i) => node(`step:${i}`, 'step'));
    const layout = layoutGraph({ nodes, edges: [] });
    assert.deepEqual(
      layout.nodes.map((n) => [n.x, n.y]),
      [
        [16, 16],
        [304, 16],
        [16, 128],
        [304, 128],
        [16, 240],
        [304, 240],
      ],
    );
    assert.deepEqual([layout.width, layout.height], [560, 320]);

    // A pipeline placed after another part: its route moves with its boxes.
    const pair = layoutGraph({ nodes: [node('step:a', 'step'), node('input:0', 'input'), node('step:0', 'step')], edges: [edge('input:0', 'step:0')] });
    const [route] = pair.edges;
    const target = pair.nodes[2];
    const source = pair.nodes[1];
    assert.deepEqual([route.points[0].x, route.points[route.points.length - 1].x], [source.x + source.width / 2, target.x + target.width / 2], 'straight down, centre to centre');
    const input = pair.nodes[1];
    assert.ok(input.x > 16 || input.y > 16, `the pipeline is not the first part: input at ${input.x}, ${input.y}`);
    assert.equal(route.points[route.points.length - 1].y, target.y);
    assert.ok(route.points.every((p) => p.x >= target.x && p.x <= target.x + target.width), JSON.stringify(route.points));
  });

  it('switches to the fast layout above 300 nodes', () => {
    assert.deepEqual([usesFastLayout(300), usesFastLayout(301)], [false, true]);
  });

  it('ranks by network simplex normally: a side branch sits right below what it reads; the fast ranking pushes it to the bottom', () => {
    const graph = {
      nodes: [node('input:0', 'input'), node('step:a', 'step'), node('step:b', 'step'), node('step:c', 'step'), node('step:x', 'step')],
      edges: [edge('input:0', 'step:a'), edge('step:a', 'step:b'), edge('step:b', 'step:c'), edge('input:0', 'step:x')],
    };
    const cache = new ComponentLayoutCache(0);
    assert.deepEqual(cache.layout(graph, false).centres.map((p) => p.y), [23, 134, 254, 374, 134]);
    assert.deepEqual(cache.layout(graph, true).centres.map((p) => p.y), [23, 134, 254, 374, 374]);
  });

  it('weighs data edges above flow edges: a step between two is drawn nearer the data it reads', () => {
    const between = (first: GraphEdge['kind'], second: GraphEdge['kind']) => ({
      nodes: [node('input:0', 'input'), node('step:a', 'step'), node('step:b', 'step'), node('step:c', 'step'), node('step:x', 'step')],
      edges: [edge('input:0', 'step:a'), edge('step:a', 'step:b'), edge('step:b', 'step:c'), edge('input:0', 'step:x', first), edge('step:x', 'step:c', second)],
    });
    const cache = new ComponentLayoutCache(0);
    assert.equal(cache.layout(between('data', 'flow'), false).centres[4].y, 134, 'read as data from the input: just below it');
    assert.equal(cache.layout(between('flow', 'data'), false).centres[4].y, 254, 'read as data by step c: just above it');
  });
});

describe('component layout cache', () => {
  const pipeline = (kinds: GraphNodeKind[], edges: [number, number, GraphEdge['kind']][]) => ({
    nodes: kinds.map((kind, i) => node(`${kind}:${i}`, kind)),
    edges: edges.map(([from, to, kind]) => edge(`${kinds[from]}:${from}`, `${kinds[to]}:${to}`, kind)),
  });

  it('tells shapes apart by node kinds, edge ends, edge kinds and the fast mode', () => {
    const cache = new ComponentLayoutCache();
    cache.layout(pipeline(['input', 'step'], [[0, 1, 'data']]), false);
    cache.layout(pipeline(['step', 'step'], [[0, 1, 'data']]), false);
    cache.layout(pipeline(['step', 'step'], [[1, 0, 'data']]), false);
    cache.layout(pipeline(['step', 'step'], [[0, 1, 'flow']]), false);
    cache.layout(pipeline(['input', 'step'], [[0, 1, 'data']]), true);
    assert.deepEqual([cache.misses, cache.hits], [5, 0]);
    // The same shape under other names is the same layout.
    const again = cache.layout({ nodes: [node('input:7', 'input'), node('step:9', 'step')], edges: [edge('input:7', 'step:9')] }, false);
    assert.deepEqual([cache.misses, cache.hits], [5, 1]);
    assert.deepEqual(again.sizes, [{ width: 200, height: 46 }, { width: 240, height: 64 }]);
  });

  it('reuses nothing with a capacity of 0', () => {
    const cache = new ComponentLayoutCache(0);
    const shape = pipeline(['input', 'step'], [[0, 1, 'data']]);
    cache.layout(shape, false);
    cache.layout(shape, false);
    assert.deepEqual([cache.misses, cache.hits], [2, 0]);
  });

  it('drops the least recently used shape when full', () => {
    const cache = new ComponentLayoutCache(2);
    const a = pipeline(['input'], []);
    const b = pipeline(['step'], []);
    const c = pipeline(['output'], []);
    cache.layout(a, false);
    cache.layout(b, false);
    cache.layout(a, false); // a is now the most recent
    cache.layout(c, false); // evicts b
    assert.deepEqual([cache.misses, cache.hits], [3, 1]);
    cache.layout(a, false);
    assert.deepEqual([cache.misses, cache.hits], [3, 2], 'a was kept');
    cache.layout(b, false);
    assert.deepEqual([cache.misses, cache.hits], [4, 2], 'b was dropped');
  });
});

describe('workflow graph run status: every kind of run', () => {
  it('a failure that blames no step says only the message', () => {
    const run = graphRunView({ status: 'failure', runId: 2, kind: 'network', message: 'Nothing is listening there.', durationMs: 3, blockErrors: [], summary: '' });
    assert.deepEqual(run, { runId: 2, status: 'failure', summary: 'Preview run failed: Nothing is listening there.', failedSteps: [], outputCounts: [] });
  });

  it('a failure in several steps names each once', () => {
    const error = (step: string) => ({ step, blockType: null, property: null, details: 'x', inDefinition: true });
    const run = graphRunView({ status: 'failure', runId: 7, kind: 'http', message: 'Failed.', durationMs: 3, blockErrors: [error('a'), error('b'), error('a')], summary: '' });
    assert.equal(run.summary, 'Preview run failed in `a`, `b`: Failed.');
  });

  it('a block error without a step is not pinned on a node', () => {
    const run = graphRunView({
      status: 'failure',
      runId: 4,
      kind: 'http',
      message: 'Failed.',
      durationMs: 3,
      blockErrors: [{ step: null, blockType: null, property: null, details: 'somewhere', inDefinition: true }],
      summary: '',
    });
    assert.deepEqual([run.summary, run.failedSteps], ['Preview run failed: Failed.', []]);
  });

  it('a run that was not sent says why', () => {
    const run = graphRunView({ status: 'not-sent', runId: 5, reason: 'Choose an image for `image` first.', summary: '' } as Parameters<typeof graphRunView>[0]);
    assert.deepEqual(run, { runId: 5, status: 'not-sent', summary: 'Preview run not sent: Choose an image for `image` first.', failedSteps: [], outputCounts: [] });
  });

  it('counts text and numbers as one item, and predictions only when they are a list', () => {
    const run = graphRunView({ status: 'success', runId: 6, durationMs: 50, responseBytes: 1, outputs: [{ n: 0, s: '', p: { predictions: 'none' }, e: {} }], summary: '' });
    assert.deepEqual(run.outputCounts, [
      { output: 'n', count: 1 },
      { output: 's', count: 1 },
      { output: 'p', count: 1 },
      { output: 'e', count: 1 },
    ]);
    assert.equal(run.summary, 'Preview run succeeded in 0.1 s');
  });
});

describe('the node under the cursor', () => {
  it('is found at the first and last character of a definition, in whatever order the sections come', () => {
    const text = '{"outputs": [{"type": "JsonField", "name": "o", "selector": "$inputs.p"}], "steps": [], "inputs": [{"type": "WorkflowParameter", "name": "p"}], "version": "1.0"}';
    const model = lintWorkflow(text, catalog).model!;
    const spans = nodeSpans(model);
    const output = text.indexOf('{"type": "JsonField"');
    const input = text.indexOf('{"type": "WorkflowParameter"');
    const inputEnd = text.indexOf('}', input) + 1;
    assert.deepEqual(
      [nodeAtOffset(spans, output), nodeAtOffset(spans, input), nodeAtOffset(spans, inputEnd), nodeAtOffset(spans, input - 1), nodeAtOffset(spans, inputEnd + 1)],
      ['output:0', 'input:0', 'input:0', undefined, undefined],
    );
  });
});
