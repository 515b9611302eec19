// `npm run bench`: performance side by side with what a user would otherwise use. Not a CI gate.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import { bundledCatalog } from '../src/core/catalog/bundled';
import { validateWorkflow } from '../src/core/validate';
import { lintWorkflow } from '../src/core/lint';
import { loadCorpus, evaluate } from '../test/support/corpus';
import { repoRoot } from '../test/support/repoRoot';
import { assembleWorkflow } from './assemble';
import { measureActivation } from './activation';
import { jsonLanguageServiceValidator } from './jsonLanguageService';
import { median, table } from './measure';

async function main(): Promise<void> {
  const root = repoRoot();
  const catalog = bundledCatalog();
  const clean = loadCorpus().filter((entry) => {
    const outcome = evaluate(entry, validateWorkflow(entry.text, catalog).findings);
    return outcome.verdict === 'agrees' && outcome.engine === 'accepts' && !validateWorkflow(entry.text, catalog).findings.some((f) => f.severity !== 'hint');
  });
  const schema = JSON.parse(fs.readFileSync(path.join(root, 'schemas/workflow.schema.json'), 'utf8'));
  const languageService = jsonLanguageServiceValidator(schema);

  const load = os.loadavg()[0].toFixed(2);
  console.log(`Machine: ${os.cpus().length} cores, load average ${load} (wall-clock medians grow with other load)\n`);
  console.log(`Validation, median of repeated runs; documents assembled from ${clean.length} clean corpus definitions (targets at 1,000 steps: ≤ 30 ms, ≥ 10× the language service, ≤ 3× the parse floor)\n`);
  const rows: string[][] = [];
  let big = '';
  for (const steps of [10, 100, 1000]) {
    const text = assembleWorkflow(clean, steps);
    if (steps === 1000) big = text;
    const problems = validateWorkflow(text, catalog).findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
    if (problems.length) throw new Error(`assembled ${steps}-step document is not clean: ${problems[0].code} ${problems[0].message}`);
    const runs = steps === 1000 ? 31 : 61;
    // Full validation from cold: no verdicts reused from the previous run.
    const ours = median(runs, () => validateWorkflow(text, catalog, { cache: false }));
    // What the editor runs per change: validation plus the model and credential analysis.
    const editor = median(runs, () => lintWorkflow(text, catalog, { cache: false }));
    const floor = median(runs, () => parseTree(text));
    const theirs = await languageService.median(text, steps === 1000 ? 5 : 15);
    rows.push([
      String(steps),
      `${(text.length / 1024).toFixed(0)} KB`,
      `${ours.toFixed(2)} ms`,
      `${editor.toFixed(2)} ms`,
      `${theirs.toFixed(2)} ms`,
      `${floor.toFixed(2)} ms`,
      `${(theirs / ours).toFixed(1)}×`,
      `${(ours / floor).toFixed(1)}×`,
    ]);
  }
  console.log(table(['steps', 'size', 'this validator (schema + semantic)', '+ model & credential analysis', 'vscode-json-languageservice (schema only)', 'jsonc-parser parse (floor)', 'validator vs language service', 'validator vs floor'], rows));

  // One-character edit in the 1,000-step document: what a keystroke costs after the debounce.
  // Inside the middle step, just after its opening brace.
  const at = findNodeAtLocation(parseTree(big)!, ['steps', 500])!.offset + 1;
  // Each run types one more space inside one step, so that step's text is new every time.
  let typed = 0;
  const edit = (fn: (text: string) => unknown) =>
    median(31, () => {
      typed++;
      fn(big.slice(0, at) + ' '.repeat(typed) + big.slice(at));
    });
  const edited = edit((text) => validateWorkflow(text, catalog));
  const editedEditor = edit((text) => lintWorkflow(text, catalog));
  console.log(`\nRe-validation after a one-character edit in the 1,000-step document (unchanged steps reuse their schema verdicts): ${edited.toFixed(2)} ms; with the model and credential analysis: ${editedEditor.toFixed(2)} ms (target ≤ 30 ms)`);

  const activation = await measureActivation(root);
  console.log(`\nActivation: ${activation.activateMs.toFixed(2)} ms to load and activate dist/extension.js (target < 50 ms); schema compilations during activation: ${activation.schemaCompilations}`);
  console.log(`First workflow opened: ${activation.firstValidationMs.toFixed(1)} ms to load the core bundle and validate (once per session)`);

  console.log('\nBundle sizes');
  const sizes = ['dist/extension.js', 'dist/core.js', 'cli/dist/cli.js'].map((file) => {
    const bytes = fs.readFileSync(path.join(root, file));
    return [file, `${(bytes.length / 1024).toFixed(0)} KB`, `${(zlib.gzipSync(bytes).length / 1024).toFixed(0)} KB`];
  });
  console.log(table(['file', 'size', 'gzipped'], sizes));

  const redaction = path.join(root, 'bench/redaction.bench.ts');
  if (fs.existsSync(redaction)) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { runRedactionBench } = require('./redaction.bench') as { runRedactionBench: () => Promise<unknown> };
    console.log('\nRedaction');
    await runRedactionBench();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
