import assert from 'node:assert/strict';
import fc from 'fast-check';
import { bundledCatalog } from '../../src/core/catalog/bundled';
import { validateWorkflow } from '../../src/core/validate';
import { loadCorpus } from '../support/corpus';
import { propertyRuns } from '../support/propertyRuns';

const catalog = bundledCatalog();
const corpus = loadCorpus().map((entry) => entry.text);

/** Text mutations a person (or a bad merge) makes: deletions, insertions, swaps, truncation, duplication. */
const SNIPPETS = ['{', '}', '[', ']', ',', ':', '"', '\\', '$steps.', '$inputs.', '"$steps.x.y"', 'null', '-1e999', '//', '/*', '\u0000', '"type"', '"name"', '\n', '[[[[[[[[', '{"a":'];
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...SNIPPETS), fc.string({ maxLength: 12 })) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 200 }) }),
);

type Mutation = { kind: string; at: number; length?: number; text?: string };

function apply(text: string, m: Mutation): string {
  const at = text.length ? m.at % text.length : 0;
  switch (m.kind) {
    case 'delete':
      return text.slice(0, at) + text.slice(at + m.length!);
    case 'insert':
      return text.slice(0, at) + m.text! + text.slice(at);
    case 'truncate':
      return text.slice(0, at);
    default:
      return text.slice(0, at) + text.slice(at, at + m.length!) + text.slice(at);
  }
}

describe('validator: property-based fuzzing on real definitions', () => {
  it('never throws and stays fast on thousands of mutated corpus documents', function () {
    this.timeout(120_000);
    let slowest = 0;
    let slowestText = '';
    fc.assert(
      fc.property(fc.nat({ max: corpus.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 6 }), (index, mutations) => {
        const text = mutations.reduce((t, m) => apply(t, m), corpus[index]);
        const started = performance.now();
        const { findings } = validateWorkflow(text, catalog);
        const took = performance.now() - started;
        if (took > slowest) [slowest, slowestText] = [took, text];
        for (const f of findings) {
          assert.ok(f.range.offset >= 0 && f.range.offset + f.range.length <= text.length + 1, `range out of bounds for ${f.code}`);
          assert.ok(f.message.length > 0);
        }
      }),
      { numRuns: propertyRuns(4000), seed: 20261130 },
    );
    // A pathological input (backtracking, quadratic walk) is slow every time; a busy machine or a GC
    // pause only once. So the slowest document is timed again, and its best time must be small.
    const retimed = Array.from({ length: 3 }, () => {
      const started = performance.now();
      validateWorkflow(slowestText, catalog);
      return performance.now() - started;
    });
    assert.ok(Math.min(...retimed) < 1_000, `the slowest document takes ${Math.min(...retimed).toFixed(1)} ms at best (${slowest.toFixed(1)} ms first)`);
  });

  it('never throws on structurally valid JSON of the wrong shapes', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), fc.jsonValue({ maxDepth: 4 }), fc.jsonValue({ maxDepth: 4 }), (steps, inputs, outputs) => {
        const text = JSON.stringify({ version: '1.0', inputs, steps: Array.isArray(steps) ? steps : [steps], outputs });
        validateWorkflow(text, catalog);
      }),
      { numRuns: propertyRuns(2000), seed: 7 },
    );
  });
});
