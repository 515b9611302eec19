import assert from 'node:assert/strict';
import { parseJson } from '../../src/core/parse/parseJson';
import { validateWorkflow } from '../../src/core/validate';
import { compileCustomBlocks } from '../../src/core/validate/customBlocks';
import { counterBlockWith, manifestOf, inputsOf, codeOf, type Json } from '../support/counterBlock';
import { findingRow } from '../support/findingViews';
import { freshCatalog } from '../support/freshCatalog';

/**
 * Steps of custom Python blocks against the block their definition builds: the fields, kinds and
 * outputs the assembly derives, and the values each declared value type takes.
 */



const definition = counterBlockWith;
const manifest = manifestOf;
const inputs = inputsOf;
const code = codeOf;

function workflow(block: Json, step: Json = {}, outputs?: Json[]): string {
  return JSON.stringify(
    {
      version: '1.0',
      inputs: [{ type: 'WorkflowImage', name: 'image' }],
      dynamic_blocks_definitions: [block],
      steps: [{ type: 'Counter', name: 'counter', image: '$inputs.image', ...step }],
      outputs: outputs ?? [{ type: 'JsonField', name: 'count', selector: '$steps.counter.count' }],
    },
    null,
    2,
  );
}

/** What the user sees of each finding: code, severity, message and the text underlined. */
const seen = (text: string) => validateWorkflow(text, freshCatalog()).findings.map((f) => findingRow(text, f));

/** The block the definition builds, as completions and hovers describe it. */
function assembled(block: Json) {
  const text = workflow(block);
  return compileCustomBlocks(parseJson(text).root!, freshCatalog(), text).catalog.block('Counter');
}

/** The Counter block with one more input, `value`, declared as given. */
function withValueInput(input: Json): Json {
  return definition((b) => (inputs(b).value = { type: 'DynamicInputDefinition', ...input }));
}

describe('custom Python block steps', () => {
  it('builds the block from the manifest: kinds, string values of string kinds, offsets, reference and batch parameters', () => {
    const block = definition((b) => {
      inputs(b).image.dimensionality_offset = 1;
      inputs(b).image.is_dimensionality_reference = true;
      inputs(b).color = {
        type: 'DynamicInputDefinition',
        selector_types: ['input_parameter', 'step_output'],
        selector_data_kind: { input_parameter: ['rgb_color'] },
        value_types: ['integer'],
      };
      manifest(b).batch_oriented_parameters = ['image'];
      manifest(b).parameters_with_scalars_and_batches = ['color'];
      (manifest(b).outputs as Json).total = { type: 'DynamicOutputDefinition' };
    });
    // The engine refuses this step (verify_output_offset): one batched property and one declared offset
    // leave it no level-0 input. The assembled block is what this test is about.
    assert.deepEqual(seen(workflow(block, { color: 7 })), [
      ['dimensionality-mismatch', 'error', 'Step `counter` cannot run: its block declares input offsets (`image` 1), and the server then wants more properties fed with batches than offsets declared, so that one is at level 0; here 1 property gets a batch and 1 offset is declared. Feed a batch to one more property, or set the offsets to 0.', '"Counter"'],
    ]);
    const spec = assembled(block)!;
    assert.deepEqual(spec.fields, [
      { name: 'image', required: true, selectorKinds: ['image'], selectorTargets: ['workflow_image'], containers: ['single'], literalTypes: [], nullable: false },
      { name: 'threshold', required: false, selectorKinds: ['*'], selectorTargets: ['workflow_parameter'], containers: ['single'], literalTypes: ['number'], nullable: false, default: 0.5 },
      { name: 'color', required: true, selectorKinds: ['rgb_color', '*'], selectorTargets: ['workflow_parameter', 'step_output'], containers: ['single'], literalTypes: ['integer', 'string'], nullable: false },
    ]);
    assert.deepEqual(spec.outputs, [
      { name: 'count', kinds: ['integer'] },
      { name: 'total', kinds: ['*'] },
    ]);
    assert.deepEqual(spec.dimensionality, {
      outputOffset: 0,
      acceptsBatchInput: true,
      batchParameters: ['image'],
      batchOrScalarParameters: ['color'],
      autoBatchCasting: [],
      inputOffsets: { image: 1 },
      referenceProperty: 'image',
    });
  });

  it('leaves out input offsets and the reference when the manifest declares none', () => {
    const spec = assembled(definition())!;
    assert.deepEqual(spec.dimensionality, { outputOffset: 0, acceptsBatchInput: false, batchParameters: [], batchOrScalarParameters: [], autoBatchCasting: [] });
  });

  it('names every input marked as the dimensionality reference when there are several', () => {
    const block = definition((b) => {
      inputs(b).image.is_dimensionality_reference = true;
      inputs(b).threshold.is_dimensionality_reference = true;
    });
    const text = workflow(block);
    const found = seen(text).filter(([c]) => c === 'dynamic-block-invalid');
    assert.deepEqual(found.map(([c, s, m]) => [c, s, m]), [
      ['dynamic-block-invalid', 'error', 'Custom Python block `Counter`: Inputs `image`, `threshold` are all marked `is_dimensionality_reference`; at most one may be. The server refuses the workflow.'],
    ]);
    // The whole `inputs` object is underlined, as written (nested four levels deep).
    assert.equal(found[0][3], JSON.stringify(inputs(block), null, 2).replace(/\n/g, '\n        '));
  });

  it('accepts kinds the engine knows', () => {
    const block = definition((b) => (inputs(b).threshold.selector_data_kind = { input_parameter: ['float'] }));
    assert.deepEqual(seen(workflow(block)), []);
  });

  it('finds the run and init functions by their names, default or declared', () => {
    const withInit = definition((b) => (code(b).init_function_code = 'def init():\n    return {}\n'));
    assert.deepEqual(seen(workflow(withInit)), []);
    // Not a Python identifier: looked up literally, not as a pattern.
    const oddName = definition((b) => (code(b).run_function_name = 'ru-n'));
    const text = workflow(oddName);
    assert.deepEqual(seen(text).map(([c, s, m]) => [c, s, m]), [
      ['dynamic-block-invalid', 'error', 'Custom Python block `Counter`: There is no top-level function `ru-n` in the code: define `def ru-n(self, …)` there, or set `run_function_name` to the function you wrote. The server refuses the workflow.'],
    ]);
  });

  it('reports a definition without a block type without naming it', () => {
    const block = definition((b) => delete manifest(b).block_type);
    const found = seen(workflow(block)).filter(([c]) => c === 'dynamic-block-invalid');
    assert.deepEqual(found.map(([c, s, m, u]) => [c, s, m, u]), [['dynamic-block-invalid', 'error', 'Custom Python block: `manifest` has no `block_type`. The server refuses the workflow.', '{']]);
  });

  it('checks step values against each declared value type', () => {
    const cases: [Json, unknown, [string, string, string, string][]][] = [
      [{ value_types: ['any'] }, { a: 1 }, []],
      [{ value_types: ['any'] }, null, []],
      [{ value_types: ['string'] }, 'abc', []],
      [{ value_types: ['string'] }, 5, [['invalid-value', 'error', '`value` of Custom block `Counter` step `counter` takes a string, not number 5.', '5']]],
      [{ value_types: ['integer'] }, 3, []],
      [{ value_types: ['integer'] }, 2.5, [['invalid-value', 'error', '`value` of Custom block `Counter` step `counter` takes an integer, not number 2.5.', '2.5']]],
      [{ value_types: ['boolean'] }, true, []],
      [{ value_types: ['boolean'] }, 'maybe', [['invalid-value', 'error', '`value` of Custom block `Counter` step `counter` takes `true` or `false`, not the string "maybe".', '"maybe"']]],
      [{ value_types: ['list'] }, [1], []],
      [{ value_types: ['list'] }, 'x', [['invalid-value', 'error', '`value` of Custom block `Counter` step `counter` takes a list, not the string "x".', '"x"']]],
      [{ value_types: ['dict'] }, { a: 1 }, []],
      [{ value_types: ['dict'] }, 'x', [['invalid-value', 'error', '`value` of Custom block `Counter` step `counter` takes an object, not the string "x".', '"x"']]],
      [{ value_types: ['dict'] }, [1], [['invalid-value', 'error', '`value` of Custom block `Counter` step `counter` takes an object, not a list.', '[\n        1\n      ]']]],
      [{ value_types: ['dict'] }, null, [['invalid-value', 'error', '`value` of Custom block `Counter` step `counter` takes an object, not `null`.', 'null']]],
      [{ value_types: ['dict'], is_optional: true }, null, []],
      [{ value_types: ['integer', 'string'] }, 'abc', []],
    ];
    for (const [input, value, expected] of cases) {
      const text = workflow(withValueInput(input), { value });
      assert.deepEqual(seen(text), expected, JSON.stringify([input, value]));
    }
  });

  it('names a step without a name as `?` in value findings', () => {
    const text = JSON.stringify({
      version: '1.0',
      inputs: [{ type: 'WorkflowImage', name: 'image' }],
      dynamic_blocks_definitions: [definition()],
      steps: [{ type: 'Counter', image: '$inputs.image', threshold: 'high' }],
      outputs: [],
    });
    assert.deepEqual(seen(text).filter(([c]) => c === 'invalid-value'), [['invalid-value', 'error', '`threshold` of Custom block `Counter` step `?` takes a number, or a selector `$inputs.<name>` (kind *), not the string "high".', '"high"']]);
  });

  it('keeps the bundled catalog when no custom block compiles, and reuses the extended one while the definitions are unchanged', () => {
    const catalog = freshCatalog();
    const refused = workflow(definition((b) => (code(b).run_function_name = 'process')));
    assert.equal(compileCustomBlocks(parseJson(refused).root!, catalog, refused).catalog, catalog);
    const first = workflow(definition());
    const second = workflow(definition(), { threshold: 0.9 });
    const compile = (text: string) => compileCustomBlocks(parseJson(text).root!, catalog, text).catalog;
    assert.equal(compile(first), compile(second));
  });

  it('skips an input still being typed, with no value yet', () => {
    const text = workflow(definition((b) => (inputs(b).pending = {}))).replace('"pending": {}', '"pending": ');
    // Only the syntax error: the block is built without the input, so the step is not missing it.
    assert.deepEqual(seen(text), [['json-syntax', 'error', 'Expected a value (a trailing comma is not allowed in strict JSON).', '}']]);
  });

  it('checks steps against the edited definition after a change', () => {
    const renamed = definition((b) => (manifest(b).outputs = { total: { type: 'DynamicOutputDefinition', kind: ['integer'] } }));
    assert.deepEqual(seen(workflow(definition())), []);
    assert.deepEqual(seen(workflow(renamed, {}, [{ type: 'JsonField', name: 'total', selector: '$steps.counter.total' }])), []);
  });
});
