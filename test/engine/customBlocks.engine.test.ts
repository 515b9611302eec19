import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundledCatalog } from '../../src/core/catalog/bundled';
import type { Finding } from '../../src/core/findings';
import { lintWorkflow } from '../../src/core/lint';
import { loadExceptions, matchException } from '../support/agreement/exceptions';
import { errorCodes, judge, type Outcome } from '../support/agreement/judge';
import { codeOf, counterBlockWith, counterWorkflowText, inputsOf, manifestOf, referenceAfterCopy, verbatim, type Json } from '../support/counterBlock';
import { BRIDGE, ENGINE_PYTHON, engineInstalled, type EngineVerdict } from '../support/engine';
import { DETECTION_STEP } from '../support/workflowText';

/**
 * Custom Python block definitions (`dynamic_blocks_definitions`), each a variant of the Counter
 * block, compiled by Roboflow's real engine and linted by the validator: both accept, or both
 * refuse and the linter names the engine's error class (test/support/agreement/judge.ts). The
 * engine reads the very text the linter reads (bridge.py compile FILE), so values JSON.stringify
 * cannot write (`1.0`, a key twice) reach it as written. A row that disagrees names the exception
 * that explains it (engine/agreement-exceptions.json) or says why it is still open.
 */

const catalog = bundledCatalog();

interface Row {
  label: string;
  /** How the Counter definition differs from the base one. */
  change?: (block: Json) => void;
  /** Properties of the Counter step over the base ones (`image` from the workflow's image). */
  step?: Json;
  /** Properties of the workflow parameter `threshold` over the base ones. */
  parameter?: Json;
  /** Steps before the Counter step. */
  before?: Json[];
  /** Steps after the Counter step. */
  after?: Json[];
  /** Definitions after the Counter one. */
  also?: Json[];
  /** What the engine answers: `accepts`, or its error class. */
  engine: string;
  /** The linter's error codes. */
  linter: string[];
  /** A deliberate disagreement listed in engine/agreement-exceptions.json (its id). */
  exception?: string;
  /** A disagreement not fixed yet: the judge's outcome, and why. */
  open?: { outcome: Outcome; why: string };
}

/** An input taking step outputs of these kinds (none: `selector_data_kind` left out). */
const stepOutputInput = (kinds?: string[]) => ({ type: 'DynamicInputDefinition', selector_types: ['step_output'], ...(kinds ? { selector_data_kind: { step_output: kinds } } : {}) });
const withInput = (name: string, definition: unknown) => (b: Json) => (inputsOf(b)[name] = definition as Json);
const threshold = (key: string, value: unknown) => (b: Json) => (inputsOf(b).threshold[key] = value);
const outputs = (value: unknown) => (b: Json) => (manifestOf(b).outputs = value);
const code = (key: string, value: unknown) => (b: Json) => (codeOf(b)[key] = value);
/** `threshold` one level deeper than `image` (the reference) and `copy` (a second image). */
const deeperThreshold = (offset: unknown) => (b: Json) => {
  inputsOf(b).image.is_dimensionality_reference = true;
  inputsOf(b).copy = { type: 'DynamicInputDefinition', selector_types: ['input_image'] };
  inputsOf(b).threshold.dimensionality_offset = offset;
};
const CROP = { type: 'roboflow_core/dynamic_crop@v1', name: 'crop', images: '$inputs.image', predictions: '$steps.det.predictions' };
const CROP_DET = { ...DETECTION_STEP, name: 'crop_det', images: '$steps.crop.crops' };
const CROP2 = { ...CROP, name: 'crop2' };
const CROP2_DET = { ...DETECTION_STEP, name: 'crop2_det', images: '$steps.crop2.crops' };
/** `Const`: the Counter block with only its `threshold` parameter, so a step of it gets no batch. */
const CONST_BLOCK = counterBlockWith((b) => {
  manifestOf(b).block_type = 'Const';
  delete inputsOf(b).image;
  codeOf(b).run_function_code = 'def run(self, threshold):\n    return {"count": 1}\n';
});
const CONST_STEP = { type: 'Const', name: 'const', threshold: '$inputs.threshold' };
/** `Const` with a detections output: a single value of the detection kind. */
const CONST_DETECTIONS_BLOCK = counterBlockWith((b) => {
  manifestOf(b).block_type = 'Const';
  delete inputsOf(b).image;
  manifestOf(b).outputs = { count: { type: 'DynamicOutputDefinition', kind: ['object_detection_prediction'] } };
  codeOf(b).run_function_code = 'def run(self, threshold):\n    return {"count": None}\n';
});
/** A condition on `on` that decides whether step `const` runs. */
const gateOn = (name: string, on: string) => ({
  type: 'roboflow_core/continue_if@v1',
  name,
  condition_statement: {
    type: 'StatementGroup',
    statements: [{ type: 'BinaryStatement', left_operand: { type: 'DynamicOperand', operand_name: 'p', operations: [{ type: 'SequenceLength' }] }, comparator: { type: '(Number) >' }, right_operand: { type: 'StaticOperand', value: 0 } }],
  },
  evaluation_parameters: { p: on },
  next_steps: ['$steps.const'],
});
/** Boxes drawn on each input image from the Counter step's output: the engine refuses it unless that output is one item per input image. */
const BOXES_OF_COUNT = { type: 'roboflow_core/bounding_box_visualization@v1', name: 'boxes', image: '$inputs.image', predictions: '$steps.counter.count' };
const COUNT = '{"type": "DynamicOutputDefinition", "kind": ["integer"]}';
const COUNT_UNKNOWN_KIND = '{"type": "DynamicOutputDefinition", "kind": ["integr"]}';

const ROWS: Row[] = [
  { label: 'the Counter block as it is', engine: 'accepts', linter: [] },

  // Pydantic's lax mode converts a boolean written as a word or 0/1; has_default_value false makes
  // `threshold` required, and the step does not give it.
  { label: 'has_default_value "true"', change: threshold('has_default_value', 'true'), engine: 'accepts', linter: [] },
  { label: 'has_default_value "false"', change: threshold('has_default_value', 'false'), engine: 'WorkflowSyntaxError', linter: ['missing-required-field'] },
  { label: 'has_default_value 1', change: threshold('has_default_value', 1), engine: 'accepts', linter: [] },
  { label: 'has_default_value 0', change: threshold('has_default_value', 0), engine: 'WorkflowSyntaxError', linter: ['missing-required-field'] },
  { label: 'has_default_value "yes"', change: threshold('has_default_value', 'yes'), engine: 'accepts', linter: [] },
  { label: 'has_default_value "TRUE"', change: threshold('has_default_value', 'TRUE'), engine: 'accepts', linter: [] },
  { label: 'has_default_value " yes " (no trimming)', change: threshold('has_default_value', ' yes '), engine: 'DynamicBlockError', linter: ['dynamic-block-invalid'] },
  { label: 'has_default_value 1.0', change: threshold('has_default_value', verbatim('1.0')), engine: 'accepts', linter: [] },
  { label: 'has_default_value 2', change: threshold('has_default_value', 2), engine: 'DynamicBlockError', linter: ['dynamic-block-invalid'] },
  { label: 'has_default_value "maybe"', change: threshold('has_default_value', 'maybe'), engine: 'DynamicBlockError', linter: ['dynamic-block-invalid'] },

  // An integer from a string of digits, a whole float or a boolean; never from a fraction. An input
  // one level deeper than the others needs a batch at level 0 beside it and a dimensionality reference.
  { label: 'dimensionality_offset "1"', change: deeperThreshold('1'), step: { copy: '$inputs.image' }, engine: 'accepts', linter: [] },
  { label: 'dimensionality_offset 1.0', change: deeperThreshold(verbatim('1.0')), step: { copy: '$inputs.image' }, engine: 'accepts', linter: [] },
  { label: 'dimensionality_offset true', change: deeperThreshold(true), step: { copy: '$inputs.image' }, engine: 'accepts', linter: [] },
  { label: 'dimensionality_offset "+1"', change: deeperThreshold('+1'), step: { copy: '$inputs.image' }, engine: 'accepts', linter: [] },
  { label: 'dimensionality_offset " 1 "', change: deeperThreshold(' 1 '), step: { copy: '$inputs.image' }, engine: 'accepts', linter: [] },
  { label: 'dimensionality_offset "1.0"', change: deeperThreshold('1.0'), step: { copy: '$inputs.image' }, engine: 'accepts', linter: [] },
  { label: 'dimensionality_offset 1e0', change: deeperThreshold(verbatim('1e0')), step: { copy: '$inputs.image' }, engine: 'accepts', linter: [] },
  { label: 'dimensionality_offset "1e0"', change: deeperThreshold('1e0'), step: { copy: '$inputs.image' }, engine: 'DynamicBlockError', linter: ['dynamic-block-invalid'] },
  { label: 'dimensionality_offset "1.5"', change: deeperThreshold('1.5'), step: { copy: '$inputs.image' }, engine: 'DynamicBlockError', linter: ['dynamic-block-invalid'] },
  { label: 'dimensionality_offset 1.5', change: deeperThreshold(1.5), step: { copy: '$inputs.image' }, engine: 'DynamicBlockError', linter: ['dynamic-block-invalid'] },
  { label: 'dimensionality_offset 1 with no other batch at level 0', change: threshold('dimensionality_offset', 1), engine: 'BlockInterfaceError', linter: ['dimensionality-mismatch'] },
  {
    label: 'dimensionality_offset 1 without a dimensionality reference',
    change: (b) => (deeperThreshold(1)(b), (inputsOf(b).image.is_dimensionality_reference = false)),
    step: { copy: '$inputs.image' },
    engine: 'BlockInterfaceError',
    linter: ['dimensionality-mismatch'],
  },
  // verify_output_offset compares how many properties get batches with how many offsets are declared.
  { label: 'dimensionality_offset 1 on the only batched input', change: (b) => (inputsOf(b).image.dimensionality_offset = 1), engine: 'BlockInterfaceError', linter: ['dimensionality-mismatch'] },
  {
    label: 'dimensionality_offset 1 on image and threshold, with no reference',
    change: (b) => ((inputsOf(b).image.dimensionality_offset = 1), (inputsOf(b).threshold.dimensionality_offset = 1)),
    engine: 'BlockInterfaceError',
    linter: ['dimensionality-mismatch'],
  },
  {
    label: 'dimensionality_offset 1 with output_dimensionality_offset 1',
    change: (b) => (deeperThreshold(1)(b), (manifestOf(b).output_dimensionality_offset = 1)),
    step: { copy: '$inputs.image' },
    engine: 'BlockInterfaceError',
    linter: ['dimensionality-mismatch'],
  },
  {
    label: 'dimensionality_offset 1 with output_dimensionality_offset -1',
    change: (b) => (deeperThreshold(1)(b), (manifestOf(b).output_dimensionality_offset = -1)),
    step: { copy: '$inputs.image' },
    engine: 'BlockInterfaceError',
    linter: ['dimensionality-mismatch'],
  },
  { label: 'dimensionality_offset -1', change: threshold('dimensionality_offset', -1), engine: 'BlockInterfaceError', linter: ['dimensionality-mismatch'] },
  // A step fed only scalars runs at the depth of its deepest condition; two different conditions of that depth leave the engine no depth to choose.
  {
    label: 'a scalar-fed step gated once per crop and once per image',
    also: [CONST_BLOCK],
    before: [DETECTION_STEP, CROP, CROP_DET, gateOn('gate_crop', '$steps.crop_det.predictions'), gateOn('gate_image', '$steps.det.predictions'), CONST_STEP],
    engine: 'accepts',
    linter: [],
  },
  {
    label: 'a scalar-fed step gated once per crop of two different crop steps',
    also: [CONST_BLOCK],
    before: [DETECTION_STEP, CROP, CROP_DET, CROP2, CROP2_DET, gateOn('gate_crop', '$steps.crop_det.predictions'), gateOn('gate_crop2', '$steps.crop2_det.predictions'), CONST_STEP],
    engine: 'AssumptionError',
    linter: ['control-flow-lineage'],
  },
  // A list on a field that casts single values to batches: the batch in it still sets the step's depth.
  {
    label: 'a consensus of a single value and image-level detections, drawn on crops',
    also: [CONST_DETECTIONS_BLOCK],
    before: [DETECTION_STEP, CROP, CONST_STEP, { type: 'roboflow_core/detections_consensus@v1', name: 'vote', predictions_batches: ['$steps.const.count', '$steps.det.predictions'], required_votes: 1 }, { type: 'roboflow_core/bounding_box_visualization@v1', name: 'boxes', image: '$steps.crop.crops', predictions: '$steps.vote.predictions' }],
    engine: 'StepInputDimensionalityError',
    linter: ['dimensionality-mismatch'],
  },
  {
    label: 'a consensus of a single value and image-level detections, drawn on the image',
    also: [CONST_DETECTIONS_BLOCK],
    before: [DETECTION_STEP, CONST_STEP, { type: 'roboflow_core/detections_consensus@v1', name: 'vote', predictions_batches: ['$steps.const.count', '$steps.det.predictions'], required_votes: 1 }, { type: 'roboflow_core/bounding_box_visualization@v1', name: 'boxes', image: '$inputs.image', predictions: '$steps.vote.predictions' }],
    engine: 'accepts',
    linter: [],
  },
  // A step the schema refuses is refused for that alone: the engine never looks at its batches.
  {
    label: 'a collapse without its required data',
    before: [DETECTION_STEP, { type: 'roboflow_core/dimension_collapse@v1', name: 'collapse' }],
    engine: 'WorkflowSyntaxError',
    linter: ['missing-required-field'],
  },
  {
    label: 'a collapse of the number 5',
    before: [DETECTION_STEP, { type: 'roboflow_core/dimension_collapse@v1', name: 'collapse', data: 5 }],
    engine: 'WorkflowSyntaxError',
    linter: ['invalid-value'],
  },
  // The output takes its depth from the dimensionality reference, even when an input listed before it has the same lineage.
  {
    label: 'output depth from the reference image, after another image of the same lineage, with deeper crops beside them',
    change: referenceAfterCopy('image'),
    before: [DETECTION_STEP, CROP],
    step: { copy: '$inputs.image', crops: '$steps.crop.crops' },
    after: [BOXES_OF_COUNT],
    engine: 'accepts',
    linter: [],
  },
  {
    label: 'output depth from the reference crops, after two images',
    change: referenceAfterCopy('crops'),
    before: [DETECTION_STEP, CROP],
    step: { copy: '$inputs.image', crops: '$steps.crop.crops' },
    after: [BOXES_OF_COUNT],
    engine: 'StepInputDimensionalityError',
    linter: ['dimensionality-mismatch'],
  },

  // Kinds of an input: none declared is the wildcard (`*`), any output fits; an empty list takes only wildcard values.
  { label: 'step_output input without selector_data_kind, given detections', change: withInput('data', stepOutputInput()), before: [DETECTION_STEP], step: { data: '$steps.det.predictions' }, engine: 'accepts', linter: [] },
  { label: 'step_output input without selector_data_kind, given an inference id', change: withInput('data', stepOutputInput()), before: [DETECTION_STEP], step: { data: '$steps.det.inference_id' }, engine: 'accepts', linter: [] },
  { label: 'step_output input with an empty kind list, given detections', change: withInput('data', stepOutputInput([])), before: [DETECTION_STEP], step: { data: '$steps.det.predictions' }, engine: 'ReferenceTypeError', linter: ['kind-mismatch'] },
  {
    label: 'input_parameter input with an empty kind list, given a float workflow parameter',
    change: threshold('selector_data_kind', { input_parameter: [] }),
    parameter: { kind: ['float'] },
    step: { threshold: '$inputs.threshold' },
    engine: 'ReferenceTypeError',
    linter: ['kind-mismatch'],
  },
  { label: 'step_output input of kind integer, given detections', change: withInput('data', stepOutputInput(['integer'])), before: [DETECTION_STEP], step: { data: '$steps.det.predictions' }, engine: 'ReferenceTypeError', linter: ['kind-mismatch'] },
  { label: 'input_parameter input without selector_data_kind, given a workflow parameter', step: { threshold: '$inputs.threshold' }, engine: 'accepts', linter: [] },
  { label: 'input_parameter input with an empty kind list, given a workflow parameter', change: threshold('selector_data_kind', { input_parameter: [] }), step: { threshold: '$inputs.threshold' }, engine: 'accepts', linter: [] },
  {
    label: 'a workflow parameter given to an input with an empty kind list and to one of kind float',
    change: (b) => {
      inputsOf(b).threshold.selector_data_kind = { input_parameter: [] };
      inputsOf(b).limit = { type: 'DynamicInputDefinition', selector_types: ['input_parameter'], selector_data_kind: { input_parameter: ['float'] } };
    },
    step: { threshold: '$inputs.threshold', limit: '$inputs.threshold' },
    engine: 'accepts',
    linter: [],
  },
  { label: 'an unknown kind declared for a selector type the input does not take', change: threshold('selector_data_kind', { step_output: ['flaot'] }), engine: 'accepts', linter: [] },
  { label: 'an unknown kind declared for a selector type the input takes', change: threshold('selector_data_kind', { input_parameter: ['flaot'] }), engine: 'DynamicBlockError', linter: ['dynamic-block-invalid'] },
  { label: 'an input whose definition is null', change: withInput('data', null), engine: 'DynamicBlockError', linter: ['dynamic-block-invalid'] },
  { label: 'an input whose definition is empty', change: withInput('data', {}), engine: 'DynamicBlockError', linter: ['dynamic-block-invalid'] },
  { label: 'an input whose definition is missing (`"data": }`)', change: withInput('data', verbatim('')), engine: 'JSONDecodeError', linter: ['json-syntax'] },

  // Outputs.
  { label: 'an output without kind', change: outputs({ count: { type: 'DynamicOutputDefinition' } }), engine: 'accepts', linter: [] },
  { label: 'an output of an unknown kind', change: outputs({ count: { type: 'DynamicOutputDefinition', kind: ['integr'] } }), engine: 'DynamicBlockError', linter: ['dynamic-block-invalid'] },
  { label: 'an output name written twice, the same both times', change: outputs(verbatim(`{"count": ${COUNT}, "count": ${COUNT}}`)), engine: 'accepts', linter: [] },
  { label: 'an output name written twice, the first of an unknown kind', change: outputs(verbatim(`{"count": ${COUNT_UNKNOWN_KIND}, "count": ${COUNT}}`)), engine: 'accepts', linter: [] },
  {
    label: 'an input name written twice, the first malformed',
    change: (b) => (manifestOf(b).inputs = verbatim(`{"image": {"type": "DynamicInputDefinition", "selector_types": ["image"]}, "image": {"type": "DynamicInputDefinition", "selector_types": ["input_image"]}}`)),
    engine: 'accepts',
    linter: [],
  },
  { label: 'an output name written twice, the last of an unknown kind', change: outputs(verbatim(`{"count": ${COUNT}, "count": ${COUNT_UNKNOWN_KIND}}`)), engine: 'DynamicBlockError', linter: ['dynamic-block-invalid'] },

  // The block's type: a type defined twice is compiled once, from its first definition.
  {
    label: 'block_type of a built-in block',
    change: (b) => (manifestOf(b).block_type = 'roboflow_core/property_definition@v1'),
    step: { type: 'roboflow_core/property_definition@v1' },
    engine: 'TypeError',
    // The step is checked as the built-in block, too.
    linter: ['dynamic-block-invalid', 'missing-required-field', 'unknown-step-output'],
    exception: 'engine-crash-core-type-redefined',
  },

  { label: 'a second, malformed definition of the same block_type', also: [counterBlockWith((b) => (b.type = 'DynamicBlock'))], engine: 'accepts', linter: [] },
  { label: 'a second definition of another block_type, malformed', also: [counterBlockWith((b) => Object.assign(manifestOf(b), { block_type: 'Other', outputs: 3 }))], engine: 'DynamicBlockError', linter: ['dynamic-block-invalid'] },

  {
    label: 'block_type of a built-in block\'s alias',
    change: (b) => (manifestOf(b).block_type = 'PropertyDefinition'),
    step: { type: 'PropertyDefinition' },
    engine: 'TypeError',
    linter: ['dynamic-block-invalid', 'missing-required-field', 'unknown-step-output'],
    exception: 'engine-crash-core-type-redefined',
  },
  { label: 'block_type of a built-in block, no step using it', change: (b) => (manifestOf(b).block_type = 'roboflow_core/property_definition@v1'), also: [counterBlockWith()], engine: 'TypeError', linter: ['dynamic-block-invalid'], exception: 'engine-crash-core-type-redefined' },
  { label: 'batch_oriented_parameters naming the image', change: (b) => (manifestOf(b).batch_oriented_parameters = ['image']), engine: 'accepts', linter: [] },
  { label: 'batch_oriented_parameters naming an input the block lacks', change: (b) => (manifestOf(b).batch_oriented_parameters = ['nothing']), engine: 'accepts', linter: [] },
  { label: 'output_dimensionality_offset -1 over a batch', change: (b) => (manifestOf(b).output_dimensionality_offset = -1), engine: 'accepts', linter: [] },
  { label: 'output_dimensionality_offset 1', change: (b) => (manifestOf(b).output_dimensionality_offset = 1), engine: 'accepts', linter: [] },

  // The code.
  { label: 'code that does not define run', change: code('run_function_code', 'def process(self, image, threshold):\n    return {"count": 1}\n'), engine: 'DynamicBlockError', linter: ['dynamic-block-invalid'] },
  { label: 'run_function_name naming a function the code lacks', change: code('run_function_name', 'process'), engine: 'DynamicBlockError', linter: ['dynamic-block-invalid'] },
  { label: 'run_function_name naming the function the code defines', change: (b) => Object.assign(codeOf(b), { run_function_name: 'process', run_function_code: 'def process(self, image, threshold):\n    return {"count": 1}\n' }), engine: 'accepts', linter: [] },
  { label: 'code with a syntax error', change: code('run_function_code', 'def run(self, image, threshold)\n    return {"count": 1}\n'), engine: 'DynamicBlockCodeError', linter: [], exception: 'python-code' },
  { label: 'run bound after the colon of a top-level if', change: code('run_function_code', 'def count(self, image, threshold):\n    return {"count": 1}\n\nif True: run = count\n'), engine: 'accepts', linter: [] },
  { label: 'run bound only as a caught exception', change: code('run_function_code', 'def count(self, image, threshold):\n    return {"count": 1}\n\ntry:\n    pass\nexcept Exception as run:\n    pass\n'), engine: 'DynamicBlockError', linter: ['dynamic-block-invalid'] },
  { label: 'run defined between two comments holding triple quotes', change: code('run_function_code', '# a """ in a comment\ndef run(self, image, threshold):\n    return {"count": 1}\n# another """\n'), engine: 'accepts', linter: [] },
  { label: 'run bound by an assignment', change: code('run_function_code', 'def count(self, image, threshold):\n    return {"count": 1}\n\nrun = count\n'), engine: 'accepts', linter: [] },
  { label: 'run defined inside a top-level if', change: code('run_function_code', 'if True:\n    def run(self, image, threshold):\n        return {"count": 1}\n'), engine: 'accepts', linter: [] },
  { label: 'run defined only inside another function', change: code('run_function_code', 'def outer():\n    def run(self, image, threshold):\n        return {"count": 1}\n'), engine: 'DynamicBlockError', linter: ['dynamic-block-invalid'] },
  { label: 'run only in a string', change: code('run_function_code', 'NOTE = """\ndef run(self, image, threshold):\n"""\n'), engine: 'DynamicBlockError', linter: ['dynamic-block-invalid'] },
  { label: 'run imported under that name', change: (b) => Object.assign(codeOf(b), { imports: ['from math import floor as run'], run_function_code: 'def count(self, image, threshold):\n    return {"count": 1}\n' }), engine: 'accepts', linter: [] },
  { label: 'run_function_name naming a module the engine imports for the code', change: code('run_function_name', 'json'), engine: 'accepts', linter: [] },
  { label: 'an import of a module the server lacks', change: code('imports', ['import no_such_module_here']), engine: 'DynamicBlockCodeError', linter: [], exception: 'python-code' },
  { label: 'async def run', change: code('run_function_code', 'async def run(self, image, threshold):\n    return {"count": 1}\n'), engine: 'accepts', linter: [] },
  { label: 'run bound by an annotated assignment', change: code('run_function_code', 'def count(self, image, threshold):\n    return {"count": 1}\n\nrun: object = count\n'), engine: 'accepts', linter: [] },
  { label: 'run bound by a tuple assignment', change: code('run_function_code', 'def count(self, image, threshold):\n    return {"count": 1}\n\nrun, other = count, count\n'), engine: 'accepts', linter: [] },
  { label: 'run bound after a semicolon', change: code('run_function_code', 'def count(self, image, threshold):\n    return {"count": 1}\n\nx = 1; run = count\n'), engine: 'accepts', linter: [] },
  { label: 'run bound by a star import', change: (b) => Object.assign(codeOf(b), { imports: ['from subprocess import *'], run_function_code: 'def count(self, image, threshold):\n    return {"count": 1}\n' }), engine: 'accepts', linter: [] },
  { label: 'run defined only inside a class', change: code('run_function_code', 'class Block:\n    def run(self, image, threshold):\n        return {"count": 1}\n'), engine: 'DynamicBlockError', linter: ['dynamic-block-invalid'] },
  { label: 'run only in a comment', change: code('run_function_code', '# def run(self, image, threshold):\nx = 1\n'), engine: 'DynamicBlockError', linter: ['dynamic-block-invalid'] },
  { label: 'init bound by an assignment', change: code('init_function_code', 'def make():\n    return {}\n\ninit = make\n'), engine: 'accepts', linter: [] },
  { label: 'empty init code, init defined in the run code', change: (b) => Object.assign(codeOf(b), { init_function_code: '', run_function_code: 'def run(self, image, threshold):\n    return {"count": 1}\n\ndef init():\n    return {}\n' }), engine: 'accepts', linter: [] },
  { label: 'empty init code and no init', change: code('init_function_code', ''), engine: 'DynamicBlockError', linter: ['dynamic-block-invalid'] },
  { label: 'init defined only inside a class', change: code('init_function_code', 'class Setup:\n    def init(self):\n        return {}\n'), engine: 'DynamicBlockError', linter: ['dynamic-block-invalid'] },
  { label: 'init code defining init', change: code('init_function_code', 'def init():\n    return {"calls": 0}\n'), engine: 'accepts', linter: [] },
  { label: 'init code without init', change: code('init_function_code', 'def setup():\n    return {}\n'), engine: 'DynamicBlockError', linter: ['dynamic-block-invalid'] },
  { label: 'init code defining the function init_function_name names', change: (b) => Object.assign(codeOf(b), { init_function_name: 'setup', init_function_code: 'def setup():\n    return {}\n' }), engine: 'accepts', linter: [] },
  { label: 'init code null', change: code('init_function_code', null), engine: 'accepts', linter: [] },

  // A step's values against the declared value types.
  { label: 'a step giving a word where threshold takes a float', step: { threshold: 'high' }, engine: 'WorkflowSyntaxError', linter: ['invalid-value'] },
  { label: 'a step giving "0.7" where threshold takes a float', step: { threshold: '0.7' }, engine: 'accepts', linter: [] },
  { label: 'a step giving a list where threshold takes a float', step: { threshold: [0.5] }, engine: 'WorkflowSyntaxError', linter: ['invalid-value'] },
  { label: 'a step giving 3 where an input takes a string', change: withInput('label', { type: 'DynamicInputDefinition', value_types: ['string'] }), step: { label: 3 }, engine: 'WorkflowSyntaxError', linter: ['invalid-value'] },
  { label: 'a step giving true where threshold takes a float', step: { threshold: true }, engine: 'accepts', linter: [] },
  { label: 'a step giving "3" where an input takes an integer', change: withInput('limit', { type: 'DynamicInputDefinition', value_types: ['integer'] }), step: { limit: '3' }, engine: 'accepts', linter: [] },
  { label: 'a step giving 2.5 where an input takes an integer', change: withInput('limit', { type: 'DynamicInputDefinition', value_types: ['integer'] }), step: { limit: 2.5 }, engine: 'WorkflowSyntaxError', linter: ['invalid-value'] },
  { label: 'a step giving "yes" where an input takes a boolean', change: withInput('flag', { type: 'DynamicInputDefinition', value_types: ['boolean'] }), step: { flag: 'yes' }, engine: 'accepts', linter: [] },
  { label: 'a step giving a list where an input takes a dict', change: withInput('options', { type: 'DynamicInputDefinition', value_types: ['dict'] }), step: { options: [] }, engine: 'WorkflowSyntaxError', linter: ['invalid-value'] },
  { label: 'a step giving a selector where an input takes only strings', change: withInput('label', { type: 'DynamicInputDefinition', value_types: ['string'] }), step: { label: '$inputs.threshold' }, engine: 'accepts', linter: [] },
  { label: 'a step giving a selector where an input takes only floats', change: withInput('limit', { type: 'DynamicInputDefinition', value_types: ['float'] }), step: { limit: '$inputs.threshold' }, engine: 'WorkflowSyntaxError', linter: ['invalid-value'] },
  { label: 'a step giving a step output where an input takes only workflow parameters', before: [DETECTION_STEP], step: { threshold: '$steps.det.predictions' }, engine: 'WorkflowSyntaxError', linter: ['invalid-selector'] },
  { label: 'a step leaving out an input with no default', change: withInput('limit', { type: 'DynamicInputDefinition', value_types: ['integer'] }), engine: 'WorkflowSyntaxError', linter: ['missing-required-field'] },
  { label: 'a step giving an input the block does not declare', step: { extra: 1 }, engine: 'accepts', linter: [] },
  { label: 'a step giving null where an input is not optional', step: { threshold: null }, engine: 'WorkflowSyntaxError', linter: ['invalid-value'] },
  { label: 'a step giving null where an input is optional', change: threshold('is_optional', true), step: { threshold: null }, engine: 'accepts', linter: [] },
];

/** The workflow of one row, as the text the linter reads and the engine parses. */
const workflowText = (row: Row) => counterWorkflowText({ definitions: [counterBlockWith(row.change), ...(row.also ?? [])], step: row.step, before: row.before, after: row.after, parameter: row.parameter });

/** The engine's verdict on each text, in order: one bridge process compiles them all. */
function engineVerdicts(texts: string[]): EngineVerdict[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custom-blocks-'));
  try {
    const files = texts.map((text, i) => {
      const file = path.join(dir, `${i}.json`);
      fs.writeFileSync(file, text);
      return file;
    });
    const run = spawnSync(ENGINE_PYTHON, [BRIDGE, 'compile', ...files], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, PYTHONHASHSEED: '0' } });
    assert.equal(run.status, 0, run.stderr.slice(-2000));
    const byFile = new Map(
      run.stdout
        .trim()
        .split('\n')
        .map((line) => {
          const { id, ...verdict } = JSON.parse(line) as EngineVerdict & { id: string };
          return [id, verdict as EngineVerdict] as const;
        }),
    );
    return files.map((file) => byFile.get(file)!);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const engineAnswer = (verdict: EngineVerdict) => (verdict.ok ? 'accepts' : verdict.error_type);

describe('custom Python block definitions: the real engine and the linter agree', function () {
  this.timeout(600_000);
  const exceptions = loadExceptions();
  const texts = ROWS.map(workflowText);
  let verdicts: EngineVerdict[];

  before(() => {
    assert.ok(engineInstalled(), `no engine at ${ENGINE_PYTHON}: run scripts/setup-engine.sh`);
    verdicts = engineVerdicts(texts);
  });

  ROWS.forEach((row, i) => {
    it(`${row.label}: the engine ${row.engine === 'accepts' ? 'accepts' : `refuses (${row.engine})`}, the linter ${row.linter.length ? `reports ${row.linter.join(', ')}` : 'reports no error'}`, () => {
      const verdict = verdicts[i];
      const findings: Finding[] = lintWorkflow(texts[i], catalog).findings;
      const seen = {
        engine: engineAnswer(verdict),
        linter: errorCodes(findings),
        detail: verdict.ok ? undefined : `${verdict.message} ${String(verdict.body?.inner_error_message ?? '')}`.slice(0, 600),
        errors: findings.filter((f) => f.severity === 'error').map((f) => f.message),
      };
      assert.deepEqual({ engine: seen.engine, linter: seen.linter }, { engine: row.engine, linter: row.linter }, JSON.stringify(seen, null, 2));
      const judgement = judge(findings, verdict);
      if (row.open) {
        assert.equal(judgement.outcome, row.open.outcome, row.open.why);
      } else if (row.exception) {
        assert.equal(matchException(exceptions, { id: row.label, kind: 'custom-block', variant: row.label, base: 'counter', label: row.label, text: texts[i], definition: null }, judgement)?.id, row.exception);
      } else if (!verdict.ok && verdict.error_type === 'JSONDecodeError') {
        // Text that is not JSON never reaches the engine's compiler; the agreement support, whose
        // definitions are values, never meets it. The linter's json-syntax is the same refusal.
        assert.deepEqual(seen.linter, ['json-syntax']);
      } else {
        assert.equal(judgement.outcome, 'agree');
      }
    });
  });
});
