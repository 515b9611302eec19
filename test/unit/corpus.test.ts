import assert from 'node:assert/strict';
import { bundledCatalog } from '../../src/core/catalog/bundled';
import { validateWorkflow } from '../../src/core/validate';
import { EXPLAINED, evaluate, loadCorpus } from '../support/corpus';

const catalog = bundledCatalog();
const outcomes = loadCorpus().map((entry) => evaluate(entry, validateWorkflow(entry.text, catalog).findings));

describe('agreement with the engine on real definitions (test/fixtures/corpus)', () => {
  it('has the corpus', () => assert.ok(outcomes.length > 200, `only ${outcomes.length} definitions`));

  it('gives zero errors to every definition the engine accepts', () => {
    const accepted = outcomes.filter((o) => o.engine.startsWith('accepts'));
    assert.ok(accepted.length >= 120);
    const wrong = accepted.filter((o) => o.verdict !== 'agrees' && o.verdict !== 'explained').map((o) => `${o.entry.file}: ${o.ours}`);
    assert.deepEqual(wrong, []);
    assert.equal(accepted.filter((o) => o.verdict === 'explained').length, Object.keys(EXPLAINED).length);
  });

  it('names what the engine names for every definition it rejects at compile time', () => {
    const rejected = outcomes.filter((o) => o.engine.startsWith('rejects'));
    assert.ok(rejected.length >= 16);
    assert.deepEqual(rejected.filter((o) => o.verdict !== 'agrees').map((o) => `${o.entry.file}: engine ${o.engine}, ours ${o.ours}`), []);
  });
});
