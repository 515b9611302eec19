// `npm run bench`: performance side by side with what a user would otherwise use. Not a CI gate.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { parseTree } from 'jsonc-parser';
import { bundledCatalog } from '../src/core/catalog/bundled';
import { validateWorkflow } from '../src/core/validate';
import { lintWorkflow } from '../src/core/lint';
import { loadCorpus, evaluate } from '../test/support/corpus';
import { repoRoot } from '../test/support/repoRoot';
import { assembleWorkflow } from './assemble';
import { measureActivation } from './activation';
import { contributedWorkflowSchemas, jsonLanguageServiceValidator, workflowLanguageOwnsFiles } from './jsonLanguageService';
import { interleaved, spreadRows, table } from './measure';
import { typingSpot, typist } from './typing';
import { LintSession } from '../src/core/incremental/lintSession';
import { foldingRegions } from '../src/core/language/jsonStructure';

const FULL = 'lintWorkflow (full lint; the CLI)';
const INCREMENTAL = 'LintSession (incremental; the editor)';

/**
 * Further benchmarks, run after these, one line each: a title and a function that prints its
 * results, e.g. `['Graph layout', () => import('./graph.bench').then((m) => m.run())],`.
 */
const EXTRA_BENCHES: [string, () => Promise<unknown>][] = [
  ['Redaction', () => import('./redaction.bench').then((m) => m.runRedactionBench())],
  ['Completion', () => import('./language.bench').then((m) => m.runLanguageBench())],
  ['Graph layout', () => import('./graph.bench').then((m) => m.runGraphBench())],
];

async function main(): Promise<void> {
  const root = repoRoot();
  const catalog = bundledCatalog();
  const clean = loadCorpus().filter((entry) => {
    const outcome = evaluate(entry, validateWorkflow(entry.text, catalog).findings);
    return outcome.verdict === 'agrees' && outcome.engine === 'accepts' && !validateWorkflow(entry.text, catalog).findings.some((f) => f.severity !== 'hint');
  });
  const contributed = contributedWorkflowSchemas(root);
  const schemaNote = contributed.length ? contributed.map((s) => `${s.url}, ${(s.bytes / 1024).toFixed(0)} KB`).join(' + ') : 'no schema contributed: parse and syntax only';

  const load = os.loadavg()[0].toFixed(2);
  console.log(`Machine: ${os.cpus().length} cores, load average ${load} (wall-clock times grow with other load; contenders run round-robin, so they share it)\n`);
  console.log(`One keystroke in an open workflow: a one-character edit in one step's literal field, each run typing the next character (documents assembled from ${clean.length} clean corpus definitions).`);
  const ownLanguage = workflowLanguageOwnsFiles(root);
  console.log(
    ownLanguage
      ? `*.workflow.json is the extension's own language, so VS Code's JSON server does not serve it; the extension folds it instead (VS Code asks after each edit). The JSON server row is a workflow kept as plain .json (found by a glob or its content): ${schemaNote}.`
      : `VS Code's JSON server validates *.workflow.json with the schemas package.json contributes: ${schemaNote}.`,
  );
  console.log('Targets at 1,000 steps: incremental ≤ 0.2× the full lint (≈ 5 ms); JSON server ≤ the full lint.\n');
  let big = '';
  for (const steps of [10, 100, 1000]) {
    const text = assembleWorkflow(clean, steps);
    if (steps === 1000) big = text;
    const problems = validateWorkflow(text, catalog).findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
    if (problems.length) throw new Error(`assembled ${steps}-step document is not clean: ${problems[0].code} ${problems[0].message}`);
    const spot = typingSpot(text, catalog);
    const fullTyping = typist(text, spot, 0);
    const sessionTyping = typist(text, spot, 1);
    const serverTyping = typist(text, spot, 2);
    const session = new LintSession();
    let paths = 0;
    const jsonServer = jsonLanguageServiceValidator(contributed);
    const results = await interleaved(
      [
        { name: FULL, run: () => lintWorkflow(fullTyping(), catalog) },
        {
          name: INCREMENTAL,
          run: () => {
            session.lint(sessionTyping(), catalog);
            if (session.lastPath === 'incremental') paths++;
          },
        },
        { name: `VS Code JSON server (${contributed.length ? 'contributed schemas' : 'no schema'}${ownLanguage ? '; plain .json only' : ''})`, run: () => jsonServer(serverTyping()) },
        ...(ownLanguage ? [{ name: 'folding ranges (the extension, per edit)', run: () => foldingRegions(text, 5000) }] : []),
        { name: 'jsonc-parser parse (floor)', run: () => parseTree(text) },
      ],
      steps === 1000 ? 31 : 101,
    );
    console.log(`${steps} steps, ${(text.length / 1024).toFixed(0)} KB; typing in ${spot.where}; incremental path taken on ${paths} of ${results[1].runs} timed edits (a full lint opened the session)`);
    console.log(table(['contender', 'median', 'p10 – p90', 'vs full lint'], spreadRows(results, FULL)) + '\n');
  }

  // For reference: what the 800 KB per-block schema costs VS Code's JSON server when contributed.
  const published = path.join(root, 'schemas/workflow.schema.json');
  if (!contributed.some((s) => path.resolve(root, s.url) === published) && fs.existsSync(published)) {
    const schema = JSON.parse(fs.readFileSync(published, 'utf8')) as object;
    const spot = typingSpot(big, catalog);
    const fullTyping = typist(big, spot, 3);
    const serverTyping = typist(big, spot, 4);
    const withSchema = jsonLanguageServiceValidator([{ url: 'schemas/workflow.schema.json', schema }]);
    const results = await interleaved(
      [
        { name: FULL, run: () => lintWorkflow(fullTyping(), catalog) },
        { name: `VS Code JSON server with schemas/workflow.schema.json (${(fs.statSync(published).size / 1024).toFixed(0)} KB, not contributed)`, run: () => withSchema(serverTyping()) },
      ],
      7,
    );
    console.log('Reference, 1,000 steps: the published per-block schema, were it contributed');
    console.log(table(['contender', 'median', 'p10 – p90', 'vs full lint'], spreadRows(results, FULL)) + '\n');
  }

  const activation = await measureActivation(root);
  console.log(`\nActivation: ${activation.activateMs.toFixed(2)} ms to load and activate dist/extension.js (target < 50 ms); schema compilations during activation: ${activation.schemaCompilations}`);
  console.log(`First workflow opened: ${activation.firstValidationMs.toFixed(1)} ms to load the core bundle and validate (once per session)`);

  console.log('\nBundle sizes');
  const sizes = ['dist/extension.js', 'dist/core.js', 'cli/dist/cli.js'].map((file) => {
    const bytes = fs.readFileSync(path.join(root, file));
    return [file, `${(bytes.length / 1024).toFixed(0)} KB`, `${(zlib.gzipSync(bytes).length / 1024).toFixed(0)} KB`];
  });
  console.log(table(['file', 'size', 'gzipped'], sizes));

  for (const [title, run] of EXTRA_BENCHES) {
    console.log(`\n${title}`);
    await run();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
