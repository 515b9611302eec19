import assert from 'node:assert/strict';
import { bundledCatalog } from '../../src/core/catalog/bundled';
import { validateWorkflow } from '../../src/core/validate';
import { evaluate, loadCorpus, recordedEngineVerdicts } from '../support/corpus';

const catalog = bundledCatalog();
const outcomes = loadCorpus().map((entry) => evaluate(entry, validateWorkflow(entry.text, catalog).findings));

/**
 * Agreement with the engine on the real definitions (test/fixtures/corpus), judged by what the real
 * engine answers for each (test/fixtures/corpus-engine-verdicts.json, which the engine test keeps
 * true), not by what the tests that hold them seem to expect.
 */
describe('agreement with the engine on real definitions (test/fixtures/corpus)', () => {
  it('has the corpus, and the engine\'s verdict on every definition in it', () => {
    assert.ok(outcomes.length > 200, `only ${outcomes.length} definitions`);
    assert.deepEqual(outcomes.filter((o) => o.verdict === 'unrecorded').map((o) => o.entry.file), []);
    assert.equal(Object.keys(recordedEngineVerdicts().verdicts).length, outcomes.length);
  });

  it('gives zero errors to every definition the engine accepts', () => {
    const accepted = outcomes.filter((o) => o.engine === 'accepts');
    assert.ok(accepted.length >= 120);
    assert.deepEqual(accepted.filter((o) => o.verdict !== 'agrees').map((o) => `${o.entry.file}: ${o.ours}`), []);
  });

  it('names the engine\'s error class for every definition it refuses', () => {
    const rejected = outcomes.filter((o) => o.engine.startsWith('rejects'));
    assert.ok(rejected.length >= 16);
    assert.deepEqual(rejected.filter((o) => o.verdict !== 'agrees').map((o) => `${o.entry.file}: engine ${o.engine}, ours ${o.ours}`), []);
  });
});
