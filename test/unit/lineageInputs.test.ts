import assert from 'node:assert/strict';
import { catalogWithFields } from '../support/catalogChanges';
import { counterBlockWith, counterWorkflowFindings, inputsOf, manifestOf, type Json } from '../support/counterBlock';
import { findingRows } from '../support/findingViews';
import { DETECTION_STEP, workflowText } from '../support/workflowText';
import { ALWAYS_TRUE } from '../support/conditions';

/**
 * The batch model as a user meets it through the inputs of steps: the words each kind of lineage is
 * described with, which properties take batches, which single values the engine casts to batches,
 * and which steps are judged at all (steps downstream of unknown ones, or in a cycle, are not).
 */

const seen = findingRows;
const IMAGE = { type: 'WorkflowImage', name: 'image' };
const CROP = { type: 'roboflow_core/dynamic_crop@v1', name: 'crop', images: '$inputs.image', predictions: '$steps.det.predictions' };
const CROP_DET = { ...DETECTION_STEP, name: 'crop_det', images: '$steps.crop.crops' };
const BOXES = { type: 'roboflow_core/bounding_box_visualization@v1', name: 'boxes', image: '$inputs.image', predictions: '$steps.crop_det.predictions' };
const BOXES_OUT = [{ type: 'JsonField', name: 'i', selector: '$steps.boxes.image' }];
const BOXES_DEPTH_ERROR = [
  'dimensionality-mismatch',
  'error',
  'Step `boxes` gets inputs at different batch depths: `image` is one item per input image, `predictions` is one item per output of `crop` (depth 2). Feed it data of one depth (use detections_stitch or dimension_collapse to go back up a level).',
  '"$steps.crop_det.predictions"',
];

/** A workflow whose detection step gets `levels`, a batch input of the given dimensionality, as its confidence. */
function nestedConfidence(dimensionality: number): string {
  return workflowText({ inputs: [IMAGE, { type: 'WorkflowBatchInput', name: 'levels', dimensionality }], steps: [{ ...DETECTION_STEP, confidence: '$inputs.levels' }] });
}

/** The Counter block with a `level` input of the given selector types, `manifest` merged into its manifest. */
const counterWithLevel = (selectorTypes: string[], manifest: Json = {}) =>
  counterBlockWith((b) => {
    inputsOf(b).level = { type: 'DynamicInputDefinition', selector_types: selectorTypes };
    Object.assign(manifestOf(b), manifest);
  });

describe('lineage: how batches are described, which properties take them, and which steps are judged', () => {
  describe('the words for each kind of batch', () => {
    it('describes a batch input of dimensionality 1 as one item per input image', () => {
      const text = workflowText({ inputs: [IMAGE, { type: 'WorkflowBatchInput', name: 'levels' }], steps: [{ ...DETECTION_STEP, confidence: '$inputs.levels' }] });
      assert.deepEqual(seen(text), [
        ['batch-not-accepted', 'error', '`confidence` of step `det` takes a single value, but `$inputs.levels` is a batch (one item per input image). Use a workflow parameter or a literal here.', '"$inputs.levels"'],
      ]);
    });

    for (const depth of [2, 3, 11]) {
      it(`describes a batch input of dimensionality ${depth} as the nested batch input at depth ${depth}`, () => {
        const text = nestedConfidence(depth);
        assert.deepEqual(seen(text), [
          ['batch-not-accepted', 'error', `\`confidence\` of step \`det\` takes a single value, but \`$inputs.levels\` is a batch (the nested batch input \`levels\` (depth ${depth})). Use a workflow parameter or a literal here.`, '"$inputs.levels"'],
          [
            'dimensionality-mismatch',
            'error',
            `Step \`det\` gets inputs at different batch depths: \`images\` is one item per input image, \`confidence\` is the nested batch input \`levels\` (depth ${depth}). Feed it data of one depth (use detections_stitch or dimension_collapse to go back up a level).`,
            '"$inputs.levels"',
          ],
        ]);
      });
    }

    it('describes the outputs of a crop step as one item per output of that step', () => {
      const text = workflowText({ steps: [DETECTION_STEP, CROP, CROP_DET, BOXES], outputs: BOXES_OUT });
      assert.deepEqual(seen(text), [BOXES_DEPTH_ERROR]);
    });
  });

  describe('which properties take batches', () => {
    it('lets a custom block that accepts batches take the workflow image in an image input', () => {
      assert.deepEqual(counterWorkflowFindings({ block: counterBlockWith((b) => (manifestOf(b).accepts_batch_input = true)) }), []);
    });

    it('lets a custom block that accepts batches take a step output in a step-output input', () => {
      const block = counterWithLevel(['step_output'], { accepts_batch_input: true });
      assert.deepEqual(counterWorkflowFindings({ block, before: [DETECTION_STEP], step: { level: '$steps.det.predictions' } }), []);
    });

    it('refuses a batch in a workflow-parameter input, even one the block lists as batch-oriented', () => {
      const block = counterBlockWith((b) => (manifestOf(b).batch_oriented_parameters = ['threshold']));
      assert.deepEqual(counterWorkflowFindings({ block, step: { threshold: '$inputs.image' } }), [
        ['batch-not-accepted', 'error', '`threshold` of step `counter` takes a single value, but `$inputs.image` is a batch (one item per input image). Use a workflow parameter or a literal here.', '"$inputs.image"'],
      ]);
    });

    it('lets an input listed as taking scalars and batches take a batch', () => {
      const block = counterWithLevel(['generic'], { parameters_with_scalars_and_batches: ['level'] });
      assert.deepEqual(counterWorkflowFindings({ block, step: { level: '$inputs.image' } }), []);
    });

    it('lets an input of video metadata take the video metadata batch', () => {
      const catalog = catalogWithFields('roboflow_core/roboflow_object_detection_model@v2', { confidence: { selectorTargets: ['workflow_video_metadata'], selectorKinds: ['video_metadata'] } });
      const text = workflowText({ inputs: [IMAGE, { type: 'WorkflowVideoMetadata', name: 'video' }], steps: [{ ...DETECTION_STEP, confidence: '$inputs.video' }] });
      assert.deepEqual(seen(text, catalog), []);
    });

    it('accepts a plain detection workflow: its images take the workflow image', () => {
      assert.deepEqual(seen(workflowText()), []);
    });
  });

  describe('single values the engine casts to batches', () => {
    const COLLAPSED = [{ type: 'JsonField', name: 'o', selector: '$steps.collapse.output' }];
    const collapse = (data: string) => ({ type: 'roboflow_core/dimension_collapse@v1', name: 'collapse', data });
    const PARAMETER = { type: 'WorkflowParameter', name: 'value' };

    it('lets dimension_collapse take a single value: the engine casts it to a batch', () => {
      const text = workflowText({ inputs: [IMAGE, PARAMETER], steps: [DETECTION_STEP, collapse('$inputs.value')], outputs: COLLAPSED });
      assert.deepEqual(seen(text), []);
    });

    it('refuses a single value to dimension_collapse when its input may also point at steps (no cast then)', () => {
      const catalog = catalogWithFields('roboflow_core/dimension_collapse@v1', { data: { selectorTargets: ['step', 'any_data'] } });
      const text = workflowText({ inputs: [IMAGE, PARAMETER], steps: [DETECTION_STEP, collapse('$inputs.value')], outputs: COLLAPSED });
      assert.deepEqual(seen(text, catalog), [
        ['dimensionality-mismatch', 'error', 'Step `collapse` collapses a level of batches, but gets no batch at all: there is nothing to collapse. Feed it a step output or a batch input.', '"roboflow_core/dimension_collapse@v1"'],
      ]);
    });

    /** A collapsing custom block whose only data is `image`, a generic input listed as taking scalars and batches. */
    const collapsing = (manifest: Json) =>
      counterBlockWith((b) => {
        inputsOf(b).image = { type: 'DynamicInputDefinition', selector_types: ['generic'] };
        Object.assign(manifestOf(b), { output_dimensionality_offset: -1, parameters_with_scalars_and_batches: ['image'], ...manifest });
      });

    it('casts a single value given to a custom input that enforces auto batch casting', () => {
      const block = collapsing({ get_parameters_enforcing_auto_batch_casting: ['image'] });
      assert.deepEqual(counterWorkflowFindings({ block, step: { image: '$inputs.threshold' } }), []);
    });

    it('does not cast a single value given to a custom input that takes scalars and batches without auto casting', () => {
      assert.deepEqual(counterWorkflowFindings({ block: collapsing({}), step: { image: '$inputs.threshold' } }), [
        ['dimensionality-mismatch', 'error', 'Step `counter` collapses a level of batches, but gets no batch at all: there is nothing to collapse. Feed it a step output or a batch input.', '"Counter"'],
      ]);
    });

    it('hands on the batch in a list that mixes it with a single value the engine casts', () => {
      // Engine-checked (customBlocks.engine.test.ts): the consensus runs once per crop, so boxes on each input image meet two depths.
      const text = workflowText({
        inputs: [IMAGE, PARAMETER],
        steps: [DETECTION_STEP, CROP, CROP_DET, { type: 'roboflow_core/detections_consensus@v1', name: 'cons', predictions_batches: ['$inputs.value', '$steps.crop_det.predictions'], required_votes: 1 }, { ...BOXES, predictions: '$steps.cons.predictions' }],
        outputs: BOXES_OUT,
      });
      assert.deepEqual(seen(text), [
        [
          'dimensionality-mismatch',
          'error',
          'Step `boxes` gets inputs at different batch depths: `image` is one item per input image, `predictions` is one item per output of `crop` (depth 2). Feed it data of one depth (use detections_stitch or dimension_collapse to go back up a level).',
          '"$steps.cons.predictions"',
        ],
      ]);
    });
  });

  describe('more than one finding on a step', () => {
    it('reports a batch given to a single-value input and nothing about the output depth after it', () => {
      const block = counterWithLevel(['generic'], { accepts_batch_input: true });
      inputsOf(block).level.is_dimensionality_reference = true;
      assert.deepEqual(counterWorkflowFindings({ block, step: { threshold: '$inputs.image', level: '$inputs.threshold' } }), [
        ['batch-not-accepted', 'error', '`threshold` of step `counter` takes a single value, but `$inputs.image` is a batch (one item per input image). Use a workflow parameter or a literal here.', '"$inputs.image"'],
      ]);
    });

    it('names the property whose dictionary mixes batches of different origins', () => {
      const gate = { type: 'roboflow_core/continue_if@v1', name: 'gate', condition_statement: ALWAYS_TRUE, evaluation_parameters: { a: '$steps.crop_det.predictions', b: '$steps.crop2.crops' }, next_steps: ['$steps.later'] };
      const text = workflowText({ steps: [DETECTION_STEP, CROP, { ...CROP, name: 'crop2' }, CROP_DET, gate, { ...DETECTION_STEP, name: 'later' }], outputs: [{ type: 'JsonField', name: 'p', selector: '$steps.later.predictions' }] });
      assert.deepEqual(seen(text), [
        [
          'lineage-mismatch',
          'error',
          '`evaluation_parameters` of step `gate` mixes batches of different origins: `$steps.crop_det.predictions` is one item per output of `crop` (depth 2), `$steps.crop2.crops` is one item per output of `crop2` (depth 2). Take every value from the same batch.',
          '"$steps.crop2.crops"',
        ],
      ]);
    });
  });

  describe('which steps are judged', () => {
    it('judges steps in the order of their data, whatever order the document lists them in', () => {
      const text = workflowText({ steps: [BOXES, CROP_DET, CROP, DETECTION_STEP], outputs: BOXES_OUT });
      assert.deepEqual(seen(text), [BOXES_DEPTH_ERROR]);
    });

    it('judges no batches at all in a workflow with a cycle, only the cycle is reported', () => {
      const text = workflowText({
        inputs: [IMAGE, { type: 'WorkflowBatchInput', name: 'levels' }],
        steps: [DETECTION_STEP, { ...CROP, predictions: '$steps.crop_det.predictions' }, CROP_DET, { ...DETECTION_STEP, name: 'other', confidence: '$inputs.levels' }],
        outputs: [{ type: 'JsonField', name: 'p', selector: '$steps.other.predictions' }],
      });
      assert.deepEqual(seen(text), [
        ['cycle', 'error', 'Steps `crop` → `crop_det` depend on each other in a cycle, so none of them can run first. Remove one of the references that close the loop.', '"$steps.crop_det.predictions"'],
      ]);
    });

    it('does not judge a step fed by a step of unknown type', () => {
      const text = workflowText({
        steps: [{ type: 'acme/unknown@v1', name: 'mystery', image: '$inputs.image' }, DETECTION_STEP, CROP, CROP_DET, { ...BOXES, color_palette: '$steps.mystery.palette' }],
        outputs: BOXES_OUT,
      });
      assert.deepEqual(seen(text).map(([code]) => code), ['unknown-block-type']);
    });
  });
});
