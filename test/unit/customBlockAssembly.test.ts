import assert from 'node:assert/strict';
import { parseJson } from '../../src/core/parse/parseJson';
import { validateWorkflow } from '../../src/core/validate';
import { compileCustomBlocks } from '../../src/core/validate/customBlocks';
import { codeOf, counterBlockWith, counterWorkflowText, inputsOf, manifestOf, type Json } from '../support/counterBlock';
import { freshCatalog } from '../support/freshCatalog';

/**
 * The block a custom Python block's manifest assembles into: what its steps are checked against,
 * what hover shows of it, and how the dimensionality checks treat it.
 */

function assembled(block: Json) {
  const text = counterWorkflowText({ block });
  return compileCustomBlocks(parseJson(text).root!, freshCatalog(), text).catalog.block('Counter')!;
}

const fieldOf = (block: Json, name: string) => assembled(block).fields.find((f) => f.name === name);

/** The messages of the findings about the custom block's definition. */
function definitionMessages(block: Json): string[] {
  return validateWorkflow(counterWorkflowText({ block }), freshCatalog())
    .findings.filter((f) => f.code === 'dynamic-block-invalid')
    .map((f) => f.message);
}

describe('custom block assembly', () => {
  it('builds the whole block of a plain manifest: generic description, no aliases, model ids or request API key', () => {
    assert.deepEqual(assembled(counterBlockWith()), {
      type: 'Counter',
      aliases: [],
      humanName: 'Custom block `Counter`',
      description: 'Custom Python block declared in this workflow.',
      blockType: 'custom_python',
      fields: [
        { name: 'image', required: true, selectorKinds: ['image'], selectorTargets: ['workflow_image'], containers: ['single'], literalTypes: [], nullable: false },
        { name: 'threshold', required: false, selectorKinds: ['*'], selectorTargets: ['workflow_parameter'], containers: ['single'], literalTypes: ['number'], nullable: false, default: 0.5 },
      ],
      outputs: [{ name: 'count', kinds: ['integer'] }],
      dynamicOutputs: false,
      modelIdFields: [],
      credentialFields: [],
      usesRequestApiKey: false,
      dimensionality: { outputOffset: 0, acceptsBatchInput: false, batchParameters: [], batchOrScalarParameters: [], autoBatchCasting: [] },
    });
  });

  it('takes the description the manifest declares', () => {
    const block = counterBlockWith((b) => (manifestOf(b).description = 'Counts the things in the image.'));
    assert.equal(assembled(block).description, 'Counts the things in the image.');
  });

  it('reads flags written as JSON booleans or as the words Pydantic converts', () => {
    const block = counterBlockWith((b) => {
      inputsOf(b).image.is_optional = true;
      inputsOf(b).threshold.is_optional = 'yes';
      inputsOf(b).flagged = { type: 'DynamicInputDefinition', value_types: ['boolean'], is_optional: 'no', has_default_value: 'on', default_value: false };
    });
    assert.deepEqual(
      assembled(block).fields.map((f) => [f.name, f.required, f.nullable]),
      [
        ['image', true, true],
        ['threshold', false, true],
        ['flagged', false, false],
      ],
    );
  });

  it('gives step output images the image kind, whatever kinds the manifest lists', () => {
    const block = counterBlockWith((b) => {
      inputsOf(b).image.selector_types = ['step_output_image'];
      inputsOf(b).image.selector_data_kind = { step_output_image: ['string'] };
    });
    assert.deepEqual(fieldOf(block, 'image'), { name: 'image', required: true, selectorKinds: ['image'], selectorTargets: ['step_output'], containers: ['single'], literalTypes: [], nullable: false });
  });

  it('takes the output offset, batch input flag and auto batch casting the manifest declares', () => {
    const block = counterBlockWith((b) => {
      manifestOf(b).output_dimensionality_offset = '-1';
      manifestOf(b).accepts_batch_input = true;
      manifestOf(b).get_parameters_enforcing_auto_batch_casting = ['image'];
    });
    assert.deepEqual(assembled(block).dimensionality, { outputOffset: -1, acceptsBatchInput: true, batchParameters: [], batchOrScalarParameters: [], autoBatchCasting: ['image'] });
    const plain = counterBlockWith((b) => (manifestOf(b).output_dimensionality_offset = 1));
    assert.equal(assembled(plain).dimensionality?.outputOffset, 1);
  });

  it('accepts batch input when some parameter is batch oriented, or takes scalars and batches', () => {
    const batch = counterBlockWith((b) => (manifestOf(b).batch_oriented_parameters = ['image']));
    assert.deepEqual(assembled(batch).dimensionality, { outputOffset: 0, acceptsBatchInput: true, batchParameters: ['image'], batchOrScalarParameters: [], autoBatchCasting: [] });
    const mixed = counterBlockWith((b) => (manifestOf(b).parameters_with_scalars_and_batches = ['threshold']));
    assert.deepEqual(assembled(mixed).dimensionality, { outputOffset: 0, acceptsBatchInput: true, batchParameters: [], batchOrScalarParameters: ['threshold'], autoBatchCasting: [] });
  });

  it('runs each import on a line of its own, so an imported function serves as the run function', () => {
    const withImports = (imports: string[]) =>
      counterBlockWith((b) => {
        codeOf(b).imports = imports;
        codeOf(b).run_function_code = 'def count(self, image, threshold):\n    return {"count": 1}\n';
      });
    assert.deepEqual(definitionMessages(withImports(['import os', 'from helpers import count as run'])), []);
    assert.deepEqual(definitionMessages(withImports(['import os'])), [
      'Custom Python block `Counter`: There is no top-level function `run` in the code: define `def run(self, …)` there, or set `run_function_name` to the function you wrote. The server refuses the workflow.',
    ]);
  });

  it('looks for `init` in the init code when no init function name is given', () => {
    const withInit = (initCode: string) => counterBlockWith((b) => (codeOf(b).init_function_code = initCode));
    assert.deepEqual(definitionMessages(withInit('def init():\n    return {}\n')), []);
    assert.deepEqual(definitionMessages(withInit('def setup():\n    return {}\n')), [
      'Custom Python block `Counter`: `init_function_code` has no top-level function `init`: define `def init()`, or set `init_function_name`. The server refuses the workflow.',
    ]);
  });
});
