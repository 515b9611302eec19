// Run by `npm run bench` (bench/bench.ts, EXTRA_BENCHES): the workflow graph on assembled documents of 10, 100 and 1,000 steps:
// building the graph from the lint result (host) and laying it out with dagre (webview).
// Target: a 1,000-step workflow lays out in under a second.
import os from 'node:os';
import { bundledCatalog } from '../src/core/catalog/bundled';
import { buildWorkflowGraph } from '../src/core/graph/buildGraph';
import type { WorkflowGraph } from '../src/protocol/graph';
import { connectedComponents } from '../src/core/graph/components';
import { ComponentLayoutCache, layoutGraph } from '../src/core/graph/layout';
import { lintWorkflow } from '../src/core/lint';
import { validateWorkflow } from '../src/core/validate';
import { evaluate, loadCorpus } from '../test/support/corpus';
import { assembleWorkflow } from './assemble';
import { table } from './measure';

/** Wall (or CPU) times of `runs` calls after one warm-up: median, 10th and 90th percentiles. */
function spread(runs: number, fn: () => unknown, clock: 'wall' | 'cpu' = 'wall', prepared = false): { median: number; p10: number; p90: number } {
  // `prepared`: fn sets up untimed and returns the function to time.
  const timed = () => (prepared ? (fn() as () => unknown) : fn);
  timed()();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const run = timed();
    const start = performance.now();
    const cpu = process.cpuUsage();
    run();
    const used = process.cpuUsage(cpu);
    times.push(clock === 'wall' ? performance.now() - start : (used.user + used.system) / 1000);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  return { median: at(0.5), p10: at(0.1), p90: at(0.9) };
}

const ms = (s: { median: number; p10: number; p90: number }) => `${s.median.toFixed(1)} ms (${s.p10.toFixed(1)}–${s.p90.toFixed(1)})`;

export function runGraphBench(): void {
  const catalog = bundledCatalog();
  const clean = loadCorpus().filter((entry) => {
    const findings = validateWorkflow(entry.text, catalog).findings;
    const outcome = evaluate(entry, findings);
    return outcome.verdict === 'agrees' && outcome.engine === 'accepts' && !findings.some((f) => f.severity !== 'hint');
  });
  console.log(`Machine: ${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(2)}`);
  console.log('Workflow graph: median (p10–p90) of repeated runs; target at 1,000 steps: layout < 1,000 ms.\nShapes: distinct component shapes (the assembled document repeats corpus pipelines; each shape is laid out once)\n');
  const rows: string[][] = [];
  for (const steps of [10, 100, 1000]) {
    const result = lintWorkflow(assembleWorkflow(clean, steps), catalog);
    const graph = buildWorkflowGraph(result);
    const runs = steps === 1000 ? 15 : 41;
    const components = connectedComponents(graph);
    const shapes = new ComponentLayoutCache();
    layoutGraph(graph, shapes);
    const build = spread(runs, () => buildWorkflowGraph(result));
    // Opening the graph: nothing laid out yet (a fresh cache each time; repeated shapes still count once).
    const open = spread(runs, () => layoutGraph(graph));
    // CPU time of this process: what the layout costs when the machine is shared.
    const openCpu = spread(runs, () => layoutGraph(graph), 'cpu');
    // The worst case: a workflow whose pipelines all differ, every component laid out.
    const unique = spread(runs, () => layoutGraph(graph, new ComponentLayoutCache(0)));
    // A redraw after an edit that changes one component's shape: the webview's cache holds the rest.
    const edited = withOneMoreEdge(graph);
    const redraw = spread(runs, () => {
      const warm = new ComponentLayoutCache();
      layoutGraph(graph, warm);
      return () => layoutGraph(edited, warm);
    }, 'wall', true);
    rows.push([String(steps), String(graph.nodes.length), `${components.length} / ${shapes.misses}`, ms(build), ms(open), ms(openCpu), ms(unique), ms(redraw)]);
  }
  console.log(table(['steps', 'nodes', 'components / shapes', 'graph model (host)', 'open: dagre layout, wall', 'open, CPU', 'open, no shape repeated', 'redraw after an edit'], rows));
}

/** The graph with one extra flow edge inside its first multi-node component: a new shape there, the rest unchanged. */
function withOneMoreEdge(graph: WorkflowGraph): WorkflowGraph {
  const component = connectedComponents(graph).find((c) => c.nodes.length >= 3)!;
  const [from, , to] = component.nodes;
  return { nodes: graph.nodes, edges: [...graph.edges, { from: from.id, to: to.id, kind: 'flow', label: 'edit' }] };
}
