import assert from 'node:assert/strict';
import { bundledCatalog } from '../../src/core/catalog/bundled';
import { validateWorkflow } from '../../src/core/validate';
import { evaluate, loadCorpus, recordedEngineVerdicts } from '../support/corpus';

const corpus = loadCorpus();
const recorded = recordedEngineVerdicts().verdicts;
/** Validated inside each test, not when the file loads: mutation testing attributes what a test runs
 * to that test, and it reloads the whole suite for every mutant that code run at load time reaches. */
const outcomesOf = (engine: (answer: string) => boolean) =>
  corpus.filter((entry) => recorded[entry.file] !== undefined && engine(recorded[entry.file])).map((entry) => evaluate(entry, validateWorkflow(entry.text, bundledCatalog()).findings, recorded));

/**
 * Agreement with the engine on the real definitions (test/fixtures/corpus), judged by what the real
 * engine answers for each (test/fixtures/corpus-engine-verdicts.json, which the engine test keeps
 * true), not by what the tests that hold them seem to expect.
 */
describe('agreement with the engine on real definitions (test/fixtures/corpus)', () => {
  it('has the corpus, and the engine\'s verdict on every definition in it', () => {
    assert.ok(corpus.length > 200, `only ${corpus.length} definitions`);
    assert.deepEqual(corpus.filter((entry) => recorded[entry.file] === undefined).map((entry) => entry.file), []);
    assert.equal(Object.keys(recorded).length, corpus.length);
  });

  it('gives zero errors to every definition the engine accepts', () => {
    const accepted = outcomesOf((answer) => answer === 'accepts');
    assert.ok(accepted.length >= 120);
    assert.deepEqual(accepted.filter((o) => o.verdict !== 'agrees').map((o) => `${o.entry.file}: ${o.ours}`), []);
  });

  it('names the engine\'s error class for every definition it refuses', () => {
    const rejected = outcomesOf((answer) => answer !== 'accepts');
    assert.ok(rejected.length >= 16);
    assert.deepEqual(rejected.filter((o) => o.verdict !== 'agrees').map((o) => `${o.entry.file}: engine ${o.engine}, ours ${o.ours}`), []);
  });
});
