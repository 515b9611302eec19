// `npm run corpus`: how the validator agrees with Roboflow's engine on the real definitions (the
// engine's recorded verdicts, test/fixtures/corpus-engine-verdicts.json; `npm run agreement` asks it live).
import { bundledCatalog } from '../src/core/catalog/bundled';
import { validateWorkflow } from '../src/core/validate';
import { evaluate, loadCorpus } from '../test/support/corpus';

const catalog = bundledCatalog();
const outcomes = loadCorpus().map((entry) => evaluate(entry, validateWorkflow(entry.text, catalog).findings));
const verbose = process.argv.includes('--all');
const width = Math.min(90, Math.max(...outcomes.map((o) => o.entry.file.length)));
const cut = (s: string, n: number) => (s.length > n ? s.slice(0, n - 1) + '…' : s.padEnd(n));
console.log(`${cut('definition', width)}  ${cut('engine', 48)}  ${cut('this validator (error codes)', 40)}  verdict`);
for (const o of outcomes) {
  if (!verbose && o.verdict === 'agrees' && o.engine === 'accepts') continue;
  console.log(`${cut(o.entry.file, width)}  ${cut(o.engine, 48)}  ${cut(o.ours, 40)}  ${o.verdict}`);
}
const count = (v: string) => outcomes.filter((o) => o.verdict === v).length;
const accepted = outcomes.filter((o) => o.engine === 'accepts');
const rejected = outcomes.filter((o) => o.engine.startsWith('rejects'));
console.log('');
console.log(`accepted by the engine: ${accepted.length}, with zero errors here: ${accepted.filter((o) => o.verdict === 'agrees').length}`);
console.log(`refused by the engine: ${rejected.length}, with an error naming the engine's class: ${rejected.filter((o) => o.verdict === 'agrees').length}`);
console.log(`not in test/fixtures/corpus-engine-verdicts.json: ${count('unrecorded')}`);
console.log(`${count('agrees')} agree, ${count('disagrees')} disagree${verbose ? '' : ' (run with --all to list every definition)'}`);
process.exitCode = count('disagrees') ? 1 : 0;
