// Run by `npm run bench` (bench/bench.ts, EXTRA_BENCHES): the workflow graph on assembled documents of 10, 100 and 1,000 steps:
// building the graph from the lint result (host) and laying it out with dagre (webview).
// Target: a 1,000-step workflow lays out in under a second.
import os from 'node:os';
import { bundledCatalog } from '../src/core/catalog/bundled';
import { buildWorkflowGraph } from '../src/core/graph/buildGraph';
import { layoutGraph } from '../src/core/graph/layout';
import { lintWorkflow } from '../src/core/lint';
import { validateWorkflow } from '../src/core/validate';
import { evaluate, loadCorpus } from '../test/support/corpus';
import { assembleWorkflow } from './assemble';
import { table } from './measure';

/** Wall times of `runs` calls after one warm-up: median, 10th and 90th percentiles. */
function spread(runs: number, fn: () => unknown, clock: 'wall' | 'cpu' = 'wall'): { median: number; p10: number; p90: number } {
  fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const cpu = process.cpuUsage();
    fn();
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
  console.log('Workflow graph: median (p10–p90) of repeated runs; target at 1,000 steps: layout < 1,000 ms\n');
  const rows: string[][] = [];
  for (const steps of [10, 100, 1000]) {
    const result = lintWorkflow(assembleWorkflow(clean, steps), catalog);
    const graph = buildWorkflowGraph(result);
    const runs = steps === 1000 ? 15 : 41;
    const build = spread(runs, () => buildWorkflowGraph(result));
    const layout = spread(runs, () => layoutGraph(graph));
    // CPU time of this process: what the layout costs when the machine is shared.
    const layoutCpu = spread(runs, () => layoutGraph(graph), 'cpu');
    rows.push([String(steps), String(graph.nodes.length), String(graph.edges.length), ms(build), ms(layout), ms(layoutCpu)]);
  }
  console.log(table(['steps', 'nodes', 'edges', 'graph model (host)', 'dagre layout (webview), wall', 'dagre layout, CPU'], rows));
}

