// `npm run agreement`: differential test of the linter against Roboflow's real Execution Engine.
// Every stored definition (corpus, examples) and every seeded mutation of them is judged by both;
// prints the agreement table by mutation kind and writes every disagreement to .test-run/agreement.json.
//   node dist/agreement.js [--seed N] [--count N] [--kinds a,b,...] [--record-corpus]
// --record-corpus also rewrites test/fixtures/corpus-engine-verdicts.json (what the engine answers
// for each corpus definition as stored), which the unit tests judge the corpus by.
import fs from 'node:fs';
import path from 'node:path';
import { bundledCatalog } from '../src/core/catalog/bundled';
import { loadExceptions } from '../test/support/agreement/exceptions';
import { agreementAfterExceptions, describeDisagreement, formatSpeed, formatTable, openDisagreements, summarizeOpen, tally } from '../test/support/agreement/report';
import { runAgreement, type AgreementResult } from '../test/support/agreement/run';
import { mutationSubjects, storedSubjects, type Subject } from '../test/support/agreement/subjects';
import { ENGINE_VERDICTS_FILE } from '../test/support/corpus';
import { bridgeJson, EngineCompiler, engineInstalled, ENGINE_PYTHON } from '../test/support/engine';
import { MUTATION_KINDS, type MutationKind } from '../test/support/mutations';
import { repoRoot } from '../test/support/repoRoot';

function option(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

function parseKinds(text: string | undefined): MutationKind[] | undefined {
  if (!text) return undefined;
  const kinds = text.split(',').map((k) => k.trim());
  const unknown = kinds.filter((k) => !(MUTATION_KINDS as string[]).includes(k));
  if (unknown.length) throw new Error(`unknown mutation kinds ${unknown.join(', ')}; kinds are ${MUTATION_KINDS.join(', ')}`);
  return kinds as MutationKind[];
}

async function main(): Promise<number> {
  if (!engineInstalled()) {
    console.error(`The engine is not installed (${ENGINE_PYTHON}); run scripts/setup-engine.sh first.`);
    return 2;
  }
  const seed = Number(option('seed') ?? 1);
  const count = Number(option('count') ?? 12_000);
  const kinds = parseKinds(option('kinds'));
  const catalog = bundledCatalog();
  const exceptions = loadExceptions();

  function* subjects(): Generator<Subject> {
    if (!kinds) yield* storedSubjects();
    yield* mutationSubjects(catalog.data.blocks, { seed, count, kinds });
  }

  const engine = new EngineCompiler();
  const started = performance.now();
  let done = 0;
  const run = await runAgreement(subjects(), catalog, engine, exceptions, () => {
    if (++done % 1000 === 0) process.stderr.write(`  ${done} judged (${((performance.now() - started) / 1000).toFixed(0)} s)\n`);
  });
  await engine.close();

  const all = tally(run.results);
  const open = openDisagreements(run.results);
  console.log(`Agreement with roboflow-workflows (engine bridge) — seed ${seed}, ${count} mutations${kinds ? ` of ${kinds.join(', ')}` : ''}, catalog ${catalog.data.source}`);
  console.log('');
  console.log(formatTable(run.results));
  console.log('');
  console.log(`${(100 * agreementAfterExceptions(all)).toFixed(2)}% agreement after exceptions; ${open.length} open disagreements, ${all.excepted} covered by engine/agreement-exceptions.json`);
  console.log(formatSpeed(run));
  const patterns = summarizeOpen(run.results);
  if (patterns.length) {
    console.log('');
    console.log('Open disagreements by pattern (outcome | kind/variant | engine class | linter codes):');
    for (const p of patterns.slice(0, 40)) console.log(`  ${String(p.count).padStart(5)}  ${p.pattern}  (e.g. ${p.example})`);
  }
  const byException = new Map<string, number>();
  for (const r of run.results) if (r.exception) byException.set(r.exception.id, (byException.get(r.exception.id) ?? 0) + 1);
  if (byException.size) {
    console.log('');
    console.log('Covered by exceptions:');
    for (const [id, n] of [...byException.entries()].sort((a, b) => b[1] - a[1])) console.log(`  ${String(n).padStart(5)}  ${id}`);
  }

  if (process.argv.includes('--record-corpus')) recordCorpusVerdicts(run.results);

  const out = path.join(repoRoot(), '.test-run/agreement.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const disagreements = run.results.filter((r) => r.outcome !== 'agree').map(describeDisagreement);
  fs.writeFileSync(
    out,
    JSON.stringify({ seed, count, kinds: kinds ?? MUTATION_KINDS, catalog: catalog.data.source, tally: all, lintMs: run.lintMs, engineMs: run.engineMs, patterns, disagreements }, null, 1),
  );
  console.log('');
  console.log(`Every disagreement (open and excepted): ${path.relative(process.cwd(), out)}`);
  return open.length ? 1 : 0;
}

function recordCorpusVerdicts(results: AgreementResult[]): void {
  const corpus = results.filter((r) => r.subject.kind === 'corpus');
  if (!corpus.length) throw new Error('--record-corpus needs the stored definitions (leave out --kinds)');
  const version = bridgeJson<{ roboflow_workflows: string; execution_engine_versions: string[] }>('version');
  const verdicts = Object.fromEntries(corpus.map((r) => [r.subject.base, r.verdict.ok ? 'accepts' : r.verdict.error_type]).sort(([a], [b]) => a.localeCompare(b)));
  const engine = `roboflow-workflows ${version.roboflow_workflows} (Execution Engine ${version.execution_engine_versions.join(', ')})`;
  fs.writeFileSync(ENGINE_VERDICTS_FILE, `${JSON.stringify({ engine, verdicts }, null, 1)}\n`);
  console.log(`Recorded the engine's verdict on ${corpus.length} corpus definitions in ${path.relative(process.cwd(), ENGINE_VERDICTS_FILE)}`);
}

main().then(
  (code) => (process.exitCode = code),
  (error) => {
    console.error(error);
    process.exitCode = 2;
  },
);
