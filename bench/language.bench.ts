/**
 * Completion latency on the 1,000-step workflow: what one request costs the extension host after
 * the document's analysis is cached (the editor's case), at the places people complete most.
 * Run by `npm run bench` (bench/bench.ts, EXTRA_BENCHES).
 */
import { findNodeAtLocation } from 'jsonc-parser';
import { bundledCatalog } from '../src/core/catalog/bundled';
import { workflowCompletions } from '../src/core/language/completions';
import { lintWorkflow } from '../src/core/lint';
import { validateWorkflow } from '../src/core/validate';
import { loadCorpus } from '../test/support/corpus';
import { assembleWorkflow } from './assemble';
import { table } from './measure';

function spread(runs: number, fn: () => unknown): { median: number; p10: number; p90: number } {
  fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  return { median: at(0.5), p10: at(0.1), p90: at(0.9) };
}

export function runLanguageBench(): void {
  const catalog = bundledCatalog();
  // The same clean corpus definitions the main benchmark assembles from.
  const clean = loadCorpus().filter((e) => !e.expected.length && !validateWorkflow(e.text, catalog).findings.some((f) => f.severity !== 'hint'));
  const text = assembleWorkflow(clean, 1000);
  const model = lintWorkflow(text, catalog).model!;
  const step = findNodeAtLocation(model.root, ['steps', 500])!;
  const typeValue = findNodeAtLocation(step, ['type'])!;
  const sites: [string, number][] = [
    ['block type (inside `type`)', typeValue.offset + 1],
    ['property name (start of step 500)', step.offset + 1],
    ['selector (output 500)', findNodeAtLocation(model.root, ['outputs', 500, 'selector'])!.offset + 2],
  ];
  const rows = sites.map(([name, offset]) => {
    const count = workflowCompletions(text, offset, catalog, model).length;
    const { median, p10, p90 } = spread(101, () => workflowCompletions(text, offset, catalog, model));
    return [name, String(count), `${median.toFixed(2)} ms`, `${p10.toFixed(2)}–${p90.toFixed(2)} ms`];
  });
  console.log(`Completion on the 1,000-step workflow (${(text.length / 1024).toFixed(0)} KB), 101 runs each, analysis cached as in the editor`);
  console.log(table(['where', 'items', 'median', 'p10–p90'], rows));
}

