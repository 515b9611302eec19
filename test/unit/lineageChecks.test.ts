import assert from 'node:assert/strict';
import { Catalog } from '../../src/core/catalog/catalog';
import { catalogWithFields } from '../support/catalogChanges';
import { counterBlockWith, counterWorkflowText, inputsOf, manifestOf, referenceAfterCopy, type CounterWorkflow, type Json } from '../support/counterBlock';
import { findingRow, relatedRows, visibleFindings } from '../support/findingViews';
import { freshCatalog } from '../support/freshCatalog';
import { DETECTION_STEP, workflowText } from '../support/workflowText';
import { ALWAYS_TRUE } from '../support/conditions';

/**
 * The batch model's verdicts as the user reads them: every error's code, severity, message, the
 * text it underlines and its related locations. A valid workflow is checked down to its last step,
 * whose inputs take their depth and origin from the steps before (the output lineage of each step).
 */

const seen = (text: string, catalog = freshCatalog()) => visibleFindings(text, catalog).map((f) => [...findingRow(text, f), ...(f.related ? [relatedRows(text, f)] : [])]);
const customSeen = (options: CounterWorkflow) => seen(counterWorkflowText(options));

const CROP = { type: 'roboflow_core/dynamic_crop@v1', name: 'crop', images: '$inputs.image', predictions: '$steps.det.predictions' };
const CROP_DET = { ...DETECTION_STEP, name: 'crop_det', images: '$steps.crop.crops' };
const CROP2 = { ...CROP, name: 'crop2' };
const CROP2_DET = { ...DETECTION_STEP, name: 'crop2_det', images: '$steps.crop2.crops' };
/** Crops of crops: depth 3, under `crop` and under `crop2`. */
const CROP_OF_CROP = { type: 'roboflow_core/dynamic_crop@v1', name: 'crop_b', images: '$steps.crop.crops', predictions: '$steps.crop_det.predictions' };
const CROP2_OF_CROP2 = { type: 'roboflow_core/dynamic_crop@v1', name: 'crop2_b', images: '$steps.crop2.crops', predictions: '$steps.crop2_det.predictions' };
const boxes = (image: string, predictions: string) => ({ type: 'roboflow_core/bounding_box_visualization@v1', name: 'boxes', image, predictions });
const BOXES_OUT = [{ type: 'JsonField', name: 'i', selector: '$steps.boxes.image' }];
const gate = (name: string, on: string, next: string[]) => ({
  type: 'roboflow_core/continue_if@v1',
  name,
  condition_statement: ALWAYS_TRUE,
  evaluation_parameters: { p: on },
  next_steps: next,
});

/** A custom block input taking a workflow image or any step output. */
const ANY_BATCH = { type: 'DynamicInputDefinition', selector_types: ['input_image', 'step_output_image', 'step_output'] };
/** `Counter` with `image` also taking step images, `copy` (any batch) added, then `change` applied. */
const counterWithCopy = (change: (b: Json) => void = () => undefined) =>
  counterBlockWith((b) => {
    inputsOf(b).image.selector_types = ['input_image', 'step_output_image'];
    inputsOf(b).copy = { ...ANY_BATCH };
    change(b);
  });
/** `Counter`'s definition renamed to `type`, changed by `change`. */
const blockNamed = (type: string, change: (b: Json) => void) =>
  counterBlockWith((b) => {
    manifestOf(b).block_type = type;
    change(b);
  });
/** `image` one level below `copy`, the dimensionality reference; inputs in the order given. */
const deepBlock = (order: string[], type = 'Deep') =>
  blockNamed(type, (b) => {
    const inputs = inputsOf(b);
    const all: Record<string, Json> = {
      image: { ...inputs.image, selector_types: ['input_image', 'step_output_image'], dimensionality_offset: 1 },
      threshold: inputs.threshold,
      copy: { ...ANY_BATCH, is_dimensionality_reference: true },
    };
    manifestOf(b).inputs = Object.fromEntries(order.map((name) => [name, all[name]]));
  });
/** `Const`: only the `threshold` parameter, so only scalars in. */
const constBlock = (change: (b: Json) => void = () => undefined) =>
  blockNamed('Const', (b) => {
    delete inputsOf(b).image;
    change(b);
  });

describe('batch model: what the user reads on each lineage and depth error', () => {
  it('names the first value of a list that mixes batches, when two earlier values share a batch', () => {
    const vote = { type: 'roboflow_core/detections_consensus@v1', name: 'vote', predictions_batches: ['$steps.crop_det.predictions', '$steps.crop_det_b.predictions', '$steps.crop2_det.predictions'], required_votes: 1 };
    const text = workflowText({
      steps: [DETECTION_STEP, CROP, CROP2, CROP_DET, { ...CROP_DET, name: 'crop_det_b' }, CROP2_DET, vote],
      outputs: [{ type: 'JsonField', name: 'v', selector: '$steps.vote.predictions' }],
    });
    assert.deepEqual(seen(text), [
      [
        'lineage-mismatch',
        'error',
        '`predictions_batches` of step `vote` mixes batches of different origins: `$steps.crop_det.predictions` is one item per output of `crop` (depth 2), `$steps.crop2_det.predictions` is one item per output of `crop2` (depth 2). Take every value from the same batch.',
        '"$steps.crop2_det.predictions"',
        [['one item per output of `crop` (depth 2)', '"$steps.crop_det.predictions"']],
      ],
    ]);
  });

  it('reports inputs at different depths once, even when a condition from elsewhere also gates the step', () => {
    const text = workflowText({
      steps: [DETECTION_STEP, CROP, CROP2, CROP_DET, CROP2_DET, gate('gate', '$steps.crop2_det.predictions', ['$steps.boxes']), boxes('$inputs.image', '$steps.crop_det.predictions')],
      outputs: BOXES_OUT,
    });
    assert.deepEqual(seen(text), [
      [
        'dimensionality-mismatch',
        'error',
        'Step `boxes` gets inputs at different batch depths: `image` is one item per input image, `predictions` is one item per output of `crop` (depth 2). Feed it data of one depth (use detections_stitch or dimension_collapse to go back up a level).',
        '"$steps.crop_det.predictions"',
        [['`image` is one item per input image', '"$inputs.image"']],
      ],
    ]);
  });

  it('says which two properties of a step carry batches of different origins at one depth', () => {
    const text = workflowText({ steps: [DETECTION_STEP, CROP, CROP2, CROP_DET, boxes('$steps.crop2.crops', '$steps.crop_det.predictions')], outputs: BOXES_OUT });
    assert.deepEqual(seen(text), [
      [
        'lineage-mismatch',
        'error',
        'Step `boxes` mixes batches of different origins: `$steps.crop2.crops` (image) is one item per output of `crop2` (depth 2), `$steps.crop_det.predictions` (predictions) is one item per output of `crop` (depth 2). All batch inputs of a step must come from the same batch.',
        '"$steps.crop_det.predictions"',
        [['`image` is one item per output of `crop2` (depth 2)', '"$steps.crop2.crops"']],
      ],
    ]);
  });

  it('refuses a condition on crops gating an image-level step, pointing at the step', () => {
    const text = workflowText({ steps: [DETECTION_STEP, CROP, CROP_DET, gate('gate', '$steps.crop_det.predictions', ['$steps.boxes']), boxes('$inputs.image', '$steps.det.predictions')], outputs: BOXES_OUT });
    assert.deepEqual(seen(text), [
      [
        'control-flow-lineage',
        'error',
        '`gate` decides once per output of `crop` (depth 2), but step `boxes` runs on one item per input image: the decision can never apply to it, so the engine refuses it. Gate `boxes` with a condition on the data it consumes.',
        '"$steps.boxes"',
        [['Step `boxes`', '"boxes"']],
      ],
    ]);
  });

  it('accepts an image-level condition gating a step on crops, and the steps after it', () => {
    const stitch = { type: 'roboflow_core/detections_stitch@v1', name: 'stitch', reference_image: '$inputs.image', predictions: '$steps.crop_det.predictions', overlap_filtering_strategy: 'none' };
    const text = workflowText({
      steps: [DETECTION_STEP, CROP, gate('gate', '$steps.det.predictions', ['$steps.crop_det']), CROP_DET, stitch, boxes('$inputs.image', '$steps.stitch.predictions')],
      outputs: BOXES_OUT,
    });
    assert.deepEqual(seen(text), []);
  });
});

describe('batch model: the dimensionality reference', () => {
  const stitch = (extra: object) => ({ type: 'roboflow_core/detections_stitch@v1', name: 'stitch', overlap_filtering_strategy: 'none', ...extra });

  it('judges no depth against a reference property given a single value: only that value is reported', () => {
    const text = workflowText({
      inputs: [{ type: 'WorkflowImage', name: 'image' }, { type: 'WorkflowParameter', name: 'ref' }],
      steps: [DETECTION_STEP, CROP, CROP_DET, stitch({ reference_image: '$inputs.ref', predictions: '$steps.crop_det.predictions' })],
      outputs: [{ type: 'JsonField', name: 'p', selector: '$steps.stitch.predictions' }],
    });
    assert.deepEqual(seen(text), [
      ['dimensionality-mismatch', 'error', "`reference_image` of step `stitch` sets how deep the step's outputs are, so it must be a batch (a step output or a batch input), not the single value `$inputs.ref`.", '"$inputs.ref"'],
    ]);
  });

  it('accepts a workflow parameter next to the reference property, and the steps after it', () => {
    const text = workflowText({
      inputs: [{ type: 'WorkflowImage', name: 'image' }, { type: 'WorkflowParameter', name: 'iou' }],
      steps: [DETECTION_STEP, CROP, CROP_DET, stitch({ reference_image: '$inputs.image', predictions: '$steps.crop_det.predictions', iou_threshold: '$inputs.iou' }), boxes('$inputs.image', '$steps.stitch.predictions')],
      outputs: BOXES_OUT,
    });
    assert.deepEqual(seen(text), []);
  });

  it('takes the reference property by name, not by place, and gives the step its depth', () => {
    // `Deep` lists `image` (one level deeper) before `copy`, its reference; `counter` takes the output as its own reference, which must be a batch at image level.
    const text = counterWorkflowText({
      definitions: [deepBlock(['image', 'threshold', 'copy']), deepBlock(['image', 'threshold', 'copy'], 'Counter')],
      before: [DETECTION_STEP, CROP, { type: 'Deep', name: 'deep', image: '$steps.crop.crops', copy: '$inputs.image' }],
      step: { image: '$steps.crop.crops', copy: '$steps.deep.count' },
    });
    assert.deepEqual(seen(text), []);
  });

  it('counts a list holding a batch among single values as a batch to collapse', () => {
    // A server could describe a block collapsing a level from a list that takes batches and single values alike.
    const data = freshCatalog().data;
    const VOTE = 'roboflow_core/detections_consensus@v1';
    const collapsing = { outputOffset: -1, batchParameters: [], batchOrScalarParameters: ['predictions_batches'] };
    // Fields copied too: what a field accepts is worked out once per field object.
    const catalog = new Catalog({ ...data, blocks: data.blocks.map((b) => (b.type === VOTE ? { ...b, fields: b.fields.map((f) => ({ ...f })), dimensionality: { ...b.dimensionality!, ...collapsing } } : b)) });
    const text = workflowText({
      inputs: [{ type: 'WorkflowImage', name: 'image' }, { type: 'WorkflowParameter', name: 'extra' }],
      steps: [DETECTION_STEP, { type: VOTE, name: 'vote', predictions_batches: ['$inputs.extra', '$steps.det.predictions'], required_votes: 1 }],
      outputs: [{ type: 'JsonField', name: 'v', selector: '$steps.vote.predictions' }],
    });
    assert.deepEqual(seen(text, catalog), []);
  });

  it('hands on the depth of the reference property, not of the first property', () => {
    // `counter` takes `copy` as a single value only, so the error shows the depth and origin `deep` hands on.
    const single = counterBlockWith((b) => {
      manifestOf(b).accepts_batch_input = true;
      inputsOf(b).copy = { type: 'DynamicInputDefinition', selector_types: ['generic'] };
    });
    const text = counterWorkflowText({
      definitions: [deepBlock(['image', 'threshold', 'copy']), single],
      before: [DETECTION_STEP, CROP, { type: 'Deep', name: 'deep', image: '$steps.crop.crops', copy: '$inputs.image' }],
      step: { copy: '$steps.deep.count' },
    });
    assert.deepEqual(seen(text), [
      ['batch-not-accepted', 'error', '`copy` of step `counter` takes a single value, but `$steps.deep.count` is a batch (one item per input image). Use a workflow parameter or a literal here.', '"$steps.deep.count"'],
    ]);
  });

  for (const reference of ['image', 'crops'] as const) {
    it(`hands on the depth of the reference property when a property before it has the same origin (reference: ${reference})`, () => {
      // Engine-checked (customBlocks.engine.test.ts): boxes on each input image accept the output only when `image` is the reference.
      const block = counterBlockWith(referenceAfterCopy(reference));
      const boxes = { type: 'roboflow_core/bounding_box_visualization@v1', name: 'boxes', image: '$inputs.image', predictions: '$steps.counter.count' };
      const seenOnBoxes = customSeen({ block, before: [DETECTION_STEP, CROP], step: { copy: '$inputs.image', crops: '$steps.crop.crops' }, after: [boxes] });
      assert.deepEqual(
        seenOnBoxes,
        reference === 'image'
          ? []
          : [
              [
                'dimensionality-mismatch',
                'error',
                'Step `boxes` gets inputs at different batch depths: `image` is one item per input image, `predictions` is one item per output of `crop` (depth 2). Feed it data of one depth (use detections_stitch or dimension_collapse to go back up a level).',
                '"$steps.counter.count"',
                [['`image` is one item per input image', '"$inputs.image"']],
              ],
            ],
      );
    });
  }

  it('says a property at the reference offset must sit at the same depth as the reference', () => {
    const block = counterWithCopy((b) => {
      inputsOf(b).image = { ...inputsOf(b).image, selector_types: ['input_image', 'step_output_image'], dimensionality_offset: 1, is_dimensionality_reference: true };
      inputsOf(b).copy.dimensionality_offset = 1;
      inputsOf(b).third = { ...ANY_BATCH };
    });
    assert.deepEqual(customSeen({ block, before: [DETECTION_STEP, CROP], step: { image: '$steps.crop.crops', copy: '$inputs.image', third: '$inputs.image' } }), [
      ['dimensionality-mismatch', 'error', '`copy` of step `counter` must be at the same depth as `image` (depth 2), but `$inputs.image` has depth 1.', '"$inputs.image"'],
    ]);
  });

  for (const order of [
    ['image', 'threshold', 'copy'],
    ['copy', 'threshold', 'image'],
  ]) {
    it(`accepts crops of crops one level below their own crops (inputs listed ${order.join(', ')})`, () => {
      const text = counterWorkflowText({
        definitions: [deepBlock(order), counterWithCopy()],
        before: [DETECTION_STEP, CROP, CROP_DET, CROP_OF_CROP, { type: 'Deep', name: 'deep', image: '$steps.crop_b.crops', copy: '$steps.crop.crops' }],
        step: { image: '$steps.crop.crops', copy: '$steps.deep.count' },
      });
      assert.deepEqual(seen(text), []);
    });
  }

  it('says crops of other crops do not descend from the reference, and points at both', () => {
    const block = deepBlock(['image', 'threshold', 'copy'], 'Counter');
    assert.deepEqual(customSeen({ block, before: [DETECTION_STEP, CROP, CROP2, CROP2_DET, CROP2_OF_CROP2], step: { image: '$steps.crop2_b.crops', copy: '$steps.crop.crops' } }), [
      [
        'lineage-mismatch',
        'error',
        'Step `counter`: `$steps.crop2_b.crops` (one item per output of `crop2_b` (depth 3)) does not descend from `$steps.crop.crops` (one item per output of `crop` (depth 2)), so the two cannot be matched item by item.',
        '"$steps.crop2_b.crops"',
        [['one item per output of `crop` (depth 2)', '"$steps.crop.crops"']],
      ],
    ]);
  });
});

describe('batch model: the depth and origin a step hands on', () => {
  const constStep = { type: 'Const', name: 'const', threshold: '$inputs.threshold' };
  const pairedWithImage = { copy: '$steps.const.count' };
  const depthError = (copy: string) => [
    'dimensionality-mismatch',
    'error',
    `Step \`counter\` gets inputs at different batch depths: \`image\` is one item per input image, \`copy\` is ${copy}. Feed it data of one depth (use detections_stitch or dimension_collapse to go back up a level).`,
    '"$steps.const.count"',
    [['`image` is one item per input image', '"$inputs.image"']],
  ];

  for (const gates of [
    ['gate_crop', 'gate_image'],
    ['gate_image', 'gate_crop'],
  ]) {
    it(`gives a step fed only scalars the depth of its deepest condition (${gates.join(' before ')})`, () => {
      const on: Record<string, string> = { gate_crop: '$steps.crop_det.predictions', gate_image: '$steps.det.predictions' };
      const text = counterWorkflowText({
        definitions: [constBlock(), counterWithCopy()],
        before: [DETECTION_STEP, CROP, CROP_DET, ...gates.map((name) => gate(name, on[name], ['$steps.const'])), constStep],
        step: pairedWithImage,
      });
      assert.deepEqual(seen(text), [depthError('one item per output of `crop` (depth 2)')]);
    });
  }

  it('refuses a step fed only scalars whose deepest conditions decide on two different batches (engine: AssumptionError)', () => {
    const text = counterWorkflowText({
      definitions: [constBlock(), counterWithCopy()],
      before: [DETECTION_STEP, CROP, CROP_DET, CROP2, CROP2_DET, gate('gate_crop', '$steps.crop_det.predictions', ['$steps.const']), gate('gate_crop2', '$steps.crop2_det.predictions', ['$steps.const']), constStep],
      step: { copy: '$inputs.image' },
    });
    assert.deepEqual(seen(text), [
      [
        'control-flow-lineage',
        'error',
        'Step `const` gets no batch, so it runs at the depth of its conditions, but they decide on two different batches of that depth: `gate_crop` once per output of `crop` (depth 2), `gate_crop2` once per output of `crop2` (depth 2). The engine cannot choose between them and refuses the workflow. Give `const` data from the batch it should run on, or gate it with conditions on one batch.',
        '"$steps.const"',
        [['`gate_crop` once per output of `crop` (depth 2)', '"$steps.const"']],
      ],
    ]);
    const [finding] = visibleFindings(text);
    assert.ok(finding.range.offset > finding.related![0].range.offset, 'the second condition is underlined, the first is related');
  });

  it('judges a step fed only scalars by its deepest conditions: two on crops refuse it, one on the image beside them changes nothing', () => {
    const text = counterWorkflowText({
      definitions: [constBlock(), counterWithCopy()],
      before: [
        DETECTION_STEP,
        CROP,
        CROP_DET,
        CROP2,
        CROP2_DET,
        gate('gate_image', '$steps.det.predictions', ['$steps.const']),
        gate('gate_crop', '$steps.crop_det.predictions', ['$steps.const']),
        gate('gate_crop2', '$steps.crop2_det.predictions', ['$steps.const']),
        constStep,
      ],
      step: { copy: '$inputs.image' },
    });
    assert.deepEqual(seen(text).map(([code]) => code), ['control-flow-lineage']);
  });

  it('takes the first batch of a reference property written as a list, after a single value in it', () => {
    // A live server could describe detections_stitch's reference as a list; the engine reads its first batch.
    const catalog = catalogWithFields('roboflow_core/detections_stitch@v1', { reference_image: { containers: ['list'] } });
    const stitch = { type: 'roboflow_core/detections_stitch@v1', name: 'stitch', reference_image: ['$inputs.threshold', '$inputs.image'], predictions: '$steps.crop_det.predictions', overlap_filtering_strategy: 'none' };
    const boxes = { type: 'roboflow_core/bounding_box_visualization@v1', name: 'boxes', image: '$steps.crop.crops', predictions: '$steps.stitch.predictions' };
    const text = workflowText({ inputs: [{ type: 'WorkflowImage', name: 'image' }, { type: 'WorkflowParameter', name: 'threshold' }], steps: [DETECTION_STEP, CROP, CROP_DET, stitch, boxes], outputs: [] });
    assert.deepEqual(
      seen(text, catalog).filter(([code]) => code === 'dimensionality-mismatch').map(([, , message]) => message),
      ['Step `boxes` gets inputs at different batch depths: `image` is one item per output of `crop` (depth 2), `predictions` is one item per input image. Feed it data of one depth (use detections_stitch or dimension_collapse to go back up a level).'],
    );
  });

  it('accepts a step fed only scalars under two conditions on the same batch', () => {
    const text = counterWorkflowText({
      definitions: [constBlock(), counterWithCopy()],
      before: [DETECTION_STEP, CROP, CROP_DET, gate('gate_a', '$steps.crop_det.predictions', ['$steps.const']), gate('gate_b', '$steps.crop_det.predictions', ['$steps.const']), constStep],
      step: { image: '$steps.crop.crops', copy: '$steps.const.count' },
    });
    assert.deepEqual(seen(text), []);
  });

  it('starts a batch of its own from a block adding a level to scalars', () => {
    const text = counterWorkflowText({
      definitions: [constBlock((b) => (manifestOf(b).output_dimensionality_offset = 1)), counterWithCopy()],
      before: [constStep],
      step: pairedWithImage,
    });
    assert.deepEqual(seen(text), [
      [
        'lineage-mismatch',
        'error',
        'Step `counter` mixes batches of different origins: `$inputs.image` (image) is one item per input image, `$steps.const.count` (copy) is one item per output of `const` (depth 1). All batch inputs of a step must come from the same batch.',
        '"$steps.const.count"',
        [['`image` is one item per input image', '"$inputs.image"']],
      ],
    ]);
  });

  it('hands on a single value from a collapse of image-level data, which any depth takes', () => {
    const collapse = { type: 'roboflow_core/dimension_collapse@v1', name: 'collapse', data: '$steps.det.predictions' };
    const text = counterWorkflowText({
      block: counterWithCopy(),
      before: [DETECTION_STEP, CROP, collapse],
      step: { image: '$steps.crop.crops', copy: '$steps.collapse.output' },
    });
    assert.deepEqual(seen(text), []);
  });

  it('hands on the depth of a step fed one batch', () => {
    const text = counterWorkflowText({ block: counterWithCopy(), before: [DETECTION_STEP, CROP, CROP_DET], step: { copy: '$steps.crop_det.predictions' } });
    assert.deepEqual(seen(text), [
      [
        'dimensionality-mismatch',
        'error',
        'Step `counter` gets inputs at different batch depths: `image` is one item per input image, `copy` is one item per output of `crop` (depth 2). Feed it data of one depth (use detections_stitch or dimension_collapse to go back up a level).',
        '"$steps.crop_det.predictions"',
        [['`image` is one item per input image', '"$inputs.image"']],
      ],
    ]);
  });
});
