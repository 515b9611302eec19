import assert from 'node:assert/strict';
import { counterBlockWith, counterWorkflowFindings, inputsOf, manifestOf, type Json } from '../support/counterBlock';

/**
 * The engine's verify_output_offset, as a custom block meets it: a block declaring input offsets
 * must leave the step an input at level 0 (the engine decides this by counting batched properties
 * against declared offsets), must name a dimensionality reference when its inputs sit at different
 * depths, and must then keep its outputs at depth 0. Each verdict here is the real engine's
 * (test/engine/customBlocks.engine.test.ts compiles the same definitions).
 */

const offsets = (values: Record<string, number>) => (b: Json) => {
  for (const [name, offset] of Object.entries(values)) inputsOf(b)[name].dimensionality_offset = offset;
};
/** `copy`, a second image input, and `image` as the dimensionality reference. */
const withCopyAndReference = (b: Json) => {
  inputsOf(b).copy = { type: 'DynamicInputDefinition', selector_types: ['input_image'] };
  inputsOf(b).image.is_dimensionality_reference = true;
};
const TYPE = '"Counter"';

describe('custom blocks: input offsets judged against the batches a step gets', () => {
  it('refuses one offset on the only batched property: the engine then sees no level-0 input', () => {
    assert.deepEqual(counterWorkflowFindings({ block: counterBlockWith(offsets({ image: 1 })) }), [
      ['dimensionality-mismatch', 'error', 'Step `counter` cannot run: its block declares input offsets (`image` 1), and the server then wants more properties fed with batches than offsets declared, so that one is at level 0; here 1 property gets a batch and 1 offset is declared. Feed a batch to one more property, or set the offsets to 0.', TYPE],
    ]);
  });

  it('counts, as the engine does: two batched properties and two offsets leave no level 0 either', () => {
    const block = counterBlockWith((b) => (withCopyAndReference(b), offsets({ image: 1, copy: 1 })(b)));
    assert.deepEqual(counterWorkflowFindings({ block, step: { copy: '$inputs.image' } }), [
      ['dimensionality-mismatch', 'error', 'Step `counter` cannot run: its block declares input offsets (`image` 1, `copy` 1), and the server then wants more properties fed with batches than offsets declared, so that one is at level 0; here 2 properties get a batch and 2 offsets are declared. Feed a batch to one more property, or set the offsets to 0.', TYPE],
    ]);
  });

  it('refuses inputs at different depths when no input is the dimensionality reference', () => {
    assert.deepEqual(counterWorkflowFindings({ block: counterBlockWith(offsets({ image: 1, threshold: 1 })) }), [
      ['dimensionality-mismatch', 'error', 'Step `counter` cannot run: its block takes inputs at different depths (offsets `image` 1, `threshold` 1) but names no dimensionality reference. Mark one input of the block `is_dimensionality_reference`.', TYPE],
    ]);
  });

  for (const output of [1, -1]) {
    it(`refuses output_dimensionality_offset ${output} when the inputs sit at different depths`, () => {
      const block = counterBlockWith((b) => (withCopyAndReference(b), offsets({ threshold: 1 })(b), (manifestOf(b).output_dimensionality_offset = output)));
      assert.deepEqual(counterWorkflowFindings({ block, step: { copy: '$inputs.image' } }), [
        ['dimensionality-mismatch', 'error', `Step \`counter\` cannot run: its block takes inputs at different depths (offsets \`threshold\` 1), so its \`output_dimensionality_offset\` must be 0, not ${output}.`, TYPE],
      ]);
    });
  }

  it('accepts an offset when more properties get batches than offsets are declared, with a reference and outputs at depth 0', () => {
    const block = counterBlockWith((b) => (withCopyAndReference(b), offsets({ threshold: 1 })(b)));
    assert.deepEqual(counterWorkflowFindings({ block, step: { copy: '$inputs.image' } }), []);
  });
});
