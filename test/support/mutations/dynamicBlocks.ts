import { clone, entries, freshName, names, type Json, type JsonObject } from './definition';
import type { MutationContext, Mutated } from './types';

/**
 * Custom Python blocks (`dynamic_blocks_definitions`): a working one added to the definition, then
 * broken in one of the ways the engine checks when it compiles the block and the step using it.
 */

const RUN = 'def run(self, image, threshold) -> BlockResult:\n    return {"count": 1, "label": "ok"}\n';

function workingBlock(blockType: string): JsonObject {
  return {
    type: 'DynamicBlockDefinition',
    manifest: {
      type: 'ManifestDescription',
      block_type: blockType,
      inputs: {
        image: { type: 'DynamicInputDefinition', selector_types: ['input_image', 'step_output_image'] },
        threshold: { type: 'DynamicInputDefinition', selector_types: ['input_parameter'], value_types: ['float'], has_default_value: true, default_value: 0.5, is_optional: true },
      },
      outputs: {
        count: { type: 'DynamicOutputDefinition', kind: ['integer'] },
        label: { type: 'DynamicOutputDefinition', kind: [] },
      },
    },
    code: { type: 'PythonCode', run_function_code: RUN },
  };
}

type Breakage = [variant: string, apply: (block: JsonObject, step: JsonObject, definition: JsonObject) => Json | void];

const manifest = (block: JsonObject) => block.manifest as JsonObject;
const inputsOf = (block: JsonObject) => manifest(block).inputs as JsonObject;
const code = (block: JsonObject) => block.code as JsonObject;

const BREAKAGES: Breakage[] = [
  ['valid', () => undefined],
  ['valid/literal-threshold', (_b, step) => void (step.threshold = 0.7)],
  ['valid/wildcard-output-used', (b) => void ((manifest(b).outputs as JsonObject).count = { type: 'DynamicOutputDefinition' })],
  ['no-run-function', (b) => void (code(b).run_function_code = 'def execute(self, image, threshold):\n    return {}\n')],
  ['empty-code', (b) => void (code(b).run_function_code = '')],
  ['run-function-name-mismatch', (b) => void (code(b).run_function_name = 'process')],
  ['run-function-name-matches', (b) => void ((code(b).run_function_name = 'process'), (code(b).run_function_code = RUN.replace('def run', 'def process')))],
  ['python-syntax-error', (b) => void (code(b).run_function_code = 'def run(self, image, threshold) -> BlockResult\n    return {"count": 1}\n')],
  ['python-name-error-at-import', (b) => void (code(b).run_function_code = `${RUN}\nundefined_name + 1\n`)],
  ['init-function-missing', (b) => void (code(b).init_function_code = 'def setup():\n    return {}\n')],
  ['init-function-present', (b) => void (code(b).init_function_code = 'def init():\n    return {}\n')],
  ['unknown-output-kind', (b) => void ((manifest(b).outputs as JsonObject).count = { type: 'DynamicOutputDefinition', kind: ['integr'] })],
  ['unknown-selector-kind', (b) => void ((inputsOf(b).threshold as JsonObject).selector_data_kind = { input_parameter: ['flaot'] })],
  ['known-selector-kind', (b) => void ((inputsOf(b).threshold as JsonObject).selector_data_kind = { input_parameter: ['float'] })],
  ['bad-selector-type', (b) => void ((inputsOf(b).image as JsonObject).selector_types = ['image'])],
  ['bad-value-type', (b) => void ((inputsOf(b).threshold as JsonObject).value_types = ['double'])],
  ['input-without-types', (b) => void (inputsOf(b).threshold = { type: 'DynamicInputDefinition' })],
  ['offset-out-of-range', (b) => void ((inputsOf(b).image as JsonObject).dimensionality_offset = 2)],
  ['output-offset-out-of-range', (b) => void (manifest(b).output_dimensionality_offset = -2)],
  ['two-dimensionality-references', (b) => void (((inputsOf(b).image as JsonObject).is_dimensionality_reference = true), ((inputsOf(b).threshold as JsonObject).is_dimensionality_reference = true))],
  ['tensor-native', (b) => void (manifest(b).tensor_compatibility = 'tensor_native')],
  ['no-block-type', (b) => void delete manifest(b).block_type],
  ['no-manifest-inputs', (b) => void delete manifest(b).inputs],
  ['no-run-function-code', (b) => void delete code(b).run_function_code],
  ['wrong-definition-type', (b) => void (b.type = 'DynamicBlock')],
  ['wrong-manifest-type', (b) => void (manifest(b).type = 'Manifest')],
  ['input-definition-type-missing', (b) => void delete (inputsOf(b).image as JsonObject).type],
  ['step-missing-required-input', (_b, step) => void delete step.image],
  ['step-unknown-property', (_b, step) => void (step.extra_setting = 3)],
  ['step-wrong-literal', (_b, step) => void (step.threshold = 'high')],
  ['step-selector-for-literal-only', (b, step) => void (((inputsOf(b).threshold as JsonObject).selector_types = []), (step.threshold = '$inputs.image'))],
  ['step-image-from-parameter-selector', (b) => void ((inputsOf(b).image as JsonObject).selector_types = ['input_parameter'])],
  ['output-missing-dynamic-output', (_b, _s, d) => void (d.outputs as Json[]).push({ type: 'JsonField', name: 'dyn_missing', selector: `$steps.${_s.name}.score` })],
  ['output-wildcard', (_b, _s, d) => void (d.outputs as Json[]).push({ type: 'JsonField', name: 'dyn_all', selector: `$steps.${_s.name}.*` })],
  ['output-kind-clash-downstream', (_b, s, d) => void (d.steps as Json[]).push({ type: 'roboflow_core/roboflow_object_detection_model@v2', name: 'after_custom', images: '$inputs.image', model_id: `$steps.${s.name}.count` })],
  ['block-type-of-core-block', (b, step) => void ((manifest(b).block_type = 'roboflow_core/property_definition@v1'), (step.type = 'roboflow_core/property_definition@v1'))],
  ['two-definitions-same-type', (b, _s, d) => void (d.dynamic_blocks_definitions as Json[]).push(clone(b))],
  ['definitions-not-a-list', (b, _s, d) => void (d.dynamic_blocks_definitions = b)],
];

export function dynamicBlock(ctx: MutationContext): Mutated | undefined {
  const { rng, definition } = ctx;
  if (!Array.isArray(definition.inputs) || !Array.isArray(definition.steps) || !Array.isArray(definition.outputs)) return undefined;
  const image = rng.pick(entries(definition, 'inputs').filter((e) => ['WorkflowImage', 'InferenceImage'].includes(e.value.type as string)))?.value.name;
  let imageName = typeof image === 'string' ? image : undefined;
  if (!imageName) {
    imageName = freshName(names(definition, 'inputs'), 'image');
    definition.inputs.push({ type: 'WorkflowImage', name: imageName });
  }
  const blockType = rng.pick(['CustomCounter', 'MyBlock', 'custom/counter@v1'])!;
  const block = workingBlock(blockType);
  const stepName = freshName(names(definition, 'steps'), 'custom');
  const step: JsonObject = { type: blockType, name: stepName, image: `$inputs.${imageName}` };
  const existing = Array.isArray(definition.dynamic_blocks_definitions) ? definition.dynamic_blocks_definitions : [];
  definition.dynamic_blocks_definitions = [...existing, block];
  definition.steps.push(step);
  definition.outputs.push({ type: 'JsonField', name: freshName(names(definition, 'outputs'), 'custom_count'), selector: `$steps.${stepName}.count` });
  const [variant, apply] = rng.pick(BREAKAGES)!;
  apply(block, step, definition);
  return { variant, label: `custom Python block \`${blockType}\` (${variant}) used by step \`${stepName}\``, definition };
}
