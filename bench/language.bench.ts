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
import { interleaved, ms, table } from './measure';

export async function runLanguageBench(): Promise<void> {
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
  // The three places take turns in one process, so load from elsewhere falls on all of them alike.
  const spreads = await interleaved(sites.map(([name, offset]) => ({ name, run: () => workflowCompletions(text, offset, catalog, model) })), 101);
  const rows = sites.map(([name, offset], i) => [name, String(workflowCompletions(text, offset, catalog, model).length), ms(spreads[i].median), `${ms(spreads[i].p10)}–${ms(spreads[i].p90)}`]);
  console.log(`Completion on the 1,000-step workflow (${(text.length / 1024).toFixed(0)} KB), 101 runs each, interleaved, analysis cached as in the editor`);
  console.log(table(['where', 'items', 'median', 'p10–p90'], rows));
}

