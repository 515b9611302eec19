import assert from 'node:assert/strict';
import type { Finding } from '../../src/core/findings';
import { validateWorkflow } from '../../src/core/validate';
import { counterBlockWith, manifestOf, inputsOf, type Json } from '../support/counterBlock';
import { underlined } from '../support/workflowText';
import { freshCatalog } from '../support/freshCatalog';

/**
 * Custom Python blocks (`dynamic_blocks_definitions`) as the engine compiles them: the definition
 * against its Pydantic models and assembly rules, then every step of the block against the
 * manifest the definition builds.
 */

const validate = (text: string) => validateWorkflow(text, freshCatalog()).findings;
const errors = (findings: Finding[]) => findings.filter((f) => f.severity === 'error');


const definition = counterBlockWith;
const manifest = manifestOf;
const inputs = inputsOf;

function workflow(options: { block?: Json; step?: Json; steps?: Json[]; outputs?: Json[]; definitions?: unknown } = {}): string {
  const step = { type: 'Counter', name: 'counter', image: '$inputs.image', ...options.step };
  return JSON.stringify(
    {
      version: '1.0',
      inputs: [{ type: 'WorkflowImage', name: 'image' }],
      dynamic_blocks_definitions: options.definitions ?? [options.block ?? definition()],
      steps: [step, ...(options.steps ?? [])],
      outputs: options.outputs ?? [{ type: 'JsonField', name: 'count', selector: '$steps.counter.count' }],
    },
    null,
    2,
  );
}

describe('engine agreement: custom Python blocks', () => {
  it('accepts a working block and its step', () => {
    assert.deepEqual(errors(validate(workflow())), []);
    // The engine takes one definition that is not in a list, too.
    assert.deepEqual(errors(validate(workflow({ definitions: definition() }))), []);
  });

  it('checks the step against the manifest: required inputs, value types, outputs and their kinds', () => {
    const missing = errors(validate(workflow({ step: { image: undefined } })));
    assert.deepEqual(missing.map((f) => f.code), ['missing-required-field']);
    assert.match(missing[0].message, /`image`/);

    const text = workflow({ step: { threshold: 'high' } });
    const [literal] = errors(validate(text));
    assert.equal(literal.code, 'invalid-value');
    assert.equal(underlined(text, literal), '"high"');
    assert.match(literal.message, /takes a number/);

    const converted = validate(workflow({ step: { threshold: '0.7' } }));
    assert.deepEqual(errors(converted), []);
    assert.equal(converted.find((f) => f.code === 'value-converted')?.severity, 'warning');

    const output = errors(validate(workflow({ outputs: [{ type: 'JsonField', name: 'c', selector: '$steps.counter.score' }] })));
    assert.deepEqual(output.map((f) => f.code), ['unknown-step-output']);
    assert.match(output[0].message, /`count`/);

    const downstream = { type: 'roboflow_core/roboflow_object_detection_model@v2', name: 'det', images: '$inputs.image', model_id: '$steps.counter.count' };
    assert.deepEqual(errors(validate(workflow({ steps: [downstream] }))).map((f) => f.code), ['kind-mismatch']);
  });

  it('reports what the engine refuses in a definition where it is written, and not again at the steps', () => {
    const cases: [string, (block: Json) => void, string, RegExp][] = [
      ['unknown output kind', (b) => ((manifest(b).outputs as Json).count = { type: 'DynamicOutputDefinition', kind: ['integr'] }), '"integr"', /does not know/],
      ['unknown selector kind', (b) => (inputs(b).threshold.selector_data_kind = { input_parameter: ['flaot'] }), '"flaot"', /does not know/],
      ['bad selector type', (b) => (inputs(b).image.selector_types = ['image']), '"image"', /must be one of/],
      ['input without types', (b) => (inputs(b).threshold = { type: 'DynamicInputDefinition' }), '"threshold"', /takes nothing/],
      ['offset out of range', (b) => (inputs(b).image.dimensionality_offset = 2), '2', /from -1 to 1/],
      ['tensor native', (b) => (manifest(b).tensor_compatibility = 'tensor_native'), '"tensor_native"', /ENABLE_TENSOR_DATA_REPRESENTATION/],
      ['no run function', (b) => ((b.code as Json).run_function_name = 'process'), '"def run(self, image, threshold):\\n    return {\\"count\\": 1}\\n"', /no top-level function `process`/],
      ['init function missing', (b) => ((b.code as Json).init_function_code = 'def setup():\n    return {}\n'), '"def setup():\\n    return {}\\n"', /no top-level function `init`/],
      ['wrong definition type', (b) => (b.type = 'DynamicBlock'), '"DynamicBlock"', /"DynamicBlockDefinition"/],
    ];
    for (const [label, change, written, meaning] of cases) {
      const text = workflow({ block: definition(change) });
      const found = errors(validate(text));
      assert.deepEqual(found.map((f) => f.code), ['dynamic-block-invalid'], label);
      assert.equal(underlined(text, found[0]), written, label);
      assert.match(found[0].message, meaning, label);
      assert.match(found[0].message, /Custom Python block `Counter`/, label);
    }
  });

  it('refuses two dimensionality references, and a block type a built-in block already has', () => {
    const twoReferences = definition((b) => {
      inputs(b).image.is_dimensionality_reference = true;
      inputs(b).threshold.is_dimensionality_reference = true;
    });
    assert.match(errors(validate(workflow({ block: twoReferences })))[0].message, /at most one/);
    const clash = definition((b) => (manifest(b).block_type = 'roboflow_core/property_definition@v1'));
    const text = workflow({ block: clash, step: { type: 'roboflow_core/property_definition@v1' } });
    const found = errors(validate(text)).filter((f) => f.code === 'dynamic-block-invalid');
    assert.equal(found.length, 1);
    assert.match(found[0].message, /already the type of a built-in block/);
  });

  it('skips a second definition of the same type, as the engine does', () => {
    const broken = definition((b) => (b.type = 'DynamicBlock'));
    assert.deepEqual(errors(validate(workflow({ definitions: [definition(), broken] }))), []);
  });
});
