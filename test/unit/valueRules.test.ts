import assert from 'node:assert/strict';
import { Catalog } from '../../src/core/catalog/catalog';
import type { BlockSpec } from '../../src/core/catalog/types';
import { validateWorkflow } from '../../src/core/validate';
import { findingRows } from '../support/findingViews';
import { freshCatalog } from '../support/freshCatalog';
import { DETECTION_STEP, workflowText } from '../support/workflowText';

/**
 * Values the engine bounds or converts: numbers outside a field's bounds, values Pydantic's lax mode
 * converts (text to numbers, numbers to booleans), the workflow's `version`, and what the validator
 * keeps and in which order.
 */

const seen = findingRows;

const detection = (extra: object) => workflowText({ steps: [{ ...DETECTION_STEP, ...extra }] });
const crop = (width: unknown) =>
  workflowText({
    steps: [{ type: 'roboflow_core/absolute_static_crop@v1', name: 'crop', images: '$inputs.image', x_center: 10, y_center: 10, width, height: 10 }],
    outputs: [{ type: 'JsonField', name: 'c', selector: '$steps.crop.crops' }],
  });
/** `cooldown_seconds` takes an integer or a number, each at least 0: a field with two bounds. */
const visionEvents = (cooldown: unknown) =>
  workflowText({ steps: [{ type: 'roboflow_core/roboflow_vision_events@v1', name: 'events', event_type: 'custom', solution: 'acme', cooldown_seconds: cooldown }], outputs: [] });

describe('value rules: numbers outside their field\'s bounds', () => {
  it('refuses a number below the minimum, naming both bounds', () => {
    const text = detection({ confidence: -0.5 });
    assert.deepEqual(seen(text), [['invalid-value', 'error', '`confidence` of Object Detection Model step `det` takes a number at least 0 and at most 1, not -0.5.', '-0.5']]);
  });

  it('accepts the minimum and the maximum themselves', () => {
    assert.deepEqual(seen(detection({ confidence: 0 })), []);
    assert.deepEqual(seen(detection({ confidence: 1 })), []);
  });

  it('refuses the exclusive minimum itself, as an integer above it', () => {
    const text = crop(0);
    assert.deepEqual(seen(text), [['invalid-value', 'error', '`width` of Absolute Static Crop step `crop` takes an integer above 0, not 0.', '0']]);
    assert.deepEqual(seen(crop(1)), []);
  });

  it('refuses the exclusive maximum itself, as a number below it', () => {
    const text = workflowText({
      steps: [{ type: 'roboflow_core/image_slicer@v2', name: 'slicer', image: '$inputs.image', overlap_ratio_width: 1 }],
      outputs: [{ type: 'JsonField', name: 's', selector: '$steps.slicer.slices' }],
    });
    assert.deepEqual(seen(text), [['invalid-value', 'error', '`overlap_ratio_width` of Image Slicer step `slicer` takes a number at least 0 and below 1, not 1.', '1']]);
  });

  it('names an integer field\'s bounds as an integer\'s', () => {
    const text = workflowText({
      steps: [{ type: 'roboflow_core/contrast_enhancement@v1', name: 'ce', image: '$inputs.image', clip_limit: 51 }],
      outputs: [{ type: 'JsonField', name: 'o', selector: '$steps.ce.image' }],
    });
    assert.deepEqual(seen(text), [['invalid-value', 'error', '`clip_limit` of Contrast Enhancement step `ce` takes an integer at least 0 and at most 50, not 51.', '51']]);
  });

  it('leaves a fraction in an integer field to the type error alone, whatever its bounds', () => {
    const text = crop(-0.5);
    assert.deepEqual(seen(text), [
      ['invalid-value', 'error', '`width` of Absolute Static Crop step `crop` takes an integer, or a selector `$inputs.<name>` or `$steps.<step>.<output>` (kind integer), not number -0.5.', '-0.5'],
    ]);
  });

  it('lists every alternative of a field with two bounds, and refuses a number outside all of them', () => {
    const text = visionEvents(-1.5);
    assert.deepEqual(seen(text), [['invalid-value', 'error', '`cooldown_seconds` of Roboflow Vision Events step `events` takes an integer at least 0, or a number at least 0, not -1.5.', '-1.5']]);
  });

  it('accepts a fraction within the bounds of the number alternative, though not an integer', () => {
    assert.deepEqual(seen(visionEvents(1.5)), []);
  });

  it('calls a step without a name `?`', () => {
    const text = workflowText({ steps: [{ ...DETECTION_STEP, name: undefined, confidence: 1.5 }], outputs: [] });
    assert.deepEqual(seen(text), [
      ['missing-property', 'error', 'This step has no `name`. Add `"name": "<unique name>"`: other steps and outputs reference it as `$steps.<name>`.', '"roboflow_core/roboflow_object_detection_model@v2"'],
      ['invalid-value', 'error', '`confidence` of Object Detection Model step `?` takes a number at least 0 and at most 1, not 1.5.', '1.5'],
    ]);
  });
});

describe('value rules: values the server converts', () => {
  it('holds infinity written as text to the bounds, and says it converts to Infinity, error first', () => {
    const text = detection({ confidence: 'INF' });
    assert.deepEqual(seen(text), [
      ['invalid-value', 'error', '`confidence` of Object Detection Model step `det` takes a number at least 0 and at most 1, not "INF".', '"INF"'],
      ['value-converted', 'warning', '`confidence` of Object Detection Model step `det` is the string "INF"; the server converts it to Infinity. Write the number itself, so the file says what runs.', '"INF"'],
    ]);
  });

  it('reads a minus sign and spaces around infinity', () => {
    const text = detection({ iou_threshold: ' -inf ' });
    assert.deepEqual(seen(text), [
      ['invalid-value', 'error', '`iou_threshold` of Object Detection Model step `det` takes a number at least 0 and at most 1, not " -inf ".', '" -inf "'],
      ['value-converted', 'warning', '`iou_threshold` of Object Detection Model step `det` is the string " -inf "; the server converts it to -Infinity. Write the number itself, so the file says what runs.', '" -inf "'],
    ]);
  });

  it('reads underscores between digits, in numbers and integers, and offers the number written out', () => {
    const text = detection({ iou_threshold: '0.1_5', max_detections: '1_000' });
    assert.deepEqual(seen(text), [
      ['value-converted', 'warning', '`iou_threshold` of Object Detection Model step `det` is the string "0.1_5"; the server converts it to 0.15. Write 0.15 itself, so the file says what runs.', '"0.1_5"'],
      ['value-converted', 'warning', '`max_detections` of Object Detection Model step `det` is the string "1_000"; the server converts it to 1000. Write 1000 itself, so the file says what runs.', '"1_000"'],
    ]);
    const [number] = validateWorkflow(text, freshCatalog()).findings;
    assert.deepEqual(number.fixes, [{ title: 'Change to 0.15', edits: [{ offset: number.range.offset, length: 7, newText: '0.15' }] }]);
  });

  it('offers no fix for infinity, which JSON cannot write', () => {
    const converted = validateWorkflow(detection({ iou_threshold: 'inf' }), freshCatalog()).findings.find((f) => f.code === 'value-converted');
    assert.equal(converted?.fixes, undefined);
  });

  it('converts 1 to true and 0 to false for a boolean field', () => {
    const text = detection({ class_agnostic_nms: 1, disable_active_learning: 0 });
    assert.deepEqual(seen(text), [
      ['value-converted', 'warning', '`class_agnostic_nms` of Object Detection Model step `det` is number 1; the server converts it to true. Write true itself, so the file says what runs.', '1'],
      ['value-converted', 'warning', '`disable_active_learning` of Object Detection Model step `det` is number 0; the server converts it to false. Write false itself, so the file says what runs.', '0'],
    ]);
  });
});

describe('value rules: the workflow version', () => {
  it('reads every digit of a release number: 10.0 is no version 1 engine', () => {
    const text = workflowText({ version: '10.0' });
    assert.deepEqual(seen(text), [
      ['unsupported-version', 'error', 'No Execution Engine serves version 10.0: the server runs 1.17.0 and accepts versions 1.0 to 1.17.0. Use "1.0" unless you need a newer feature.', '"10.0"'],
    ]);
  });

  it('compares the parts beyond the engine version\'s own', () => {
    const text = workflowText({ version: '1.17.0.1' });
    assert.deepEqual(seen(text), [
      [
        'unsupported-version',
        'warning',
        'Version 1.17.0.1 is newer than the Execution Engine this extension knows (1.17.0, roboflow-workflows 0.2.14). Servers older than 1.17.0.1 will refuse it; refresh the block catalog from your server if it is newer.',
        '"1.17.0.1"',
      ],
    ]);
  });
});

describe('value rules: what the validator keeps', () => {
  const LEVELS = [{ type: 'WorkflowImage', name: 'image' }, { type: 'WorkflowBatchInput', name: 'levels' }];

  it('judges no batches once a selector points at the wrong kind: only the kind mismatch is reported', () => {
    // Alone, the batch given to `confidence` is a batch-not-accepted error; with a kind mismatch the engine stops before.
    assert.deepEqual(seen(workflowText({ inputs: LEVELS, steps: [{ ...DETECTION_STEP, confidence: '$inputs.levels' }] })).map(([code]) => code), ['batch-not-accepted']);
    const text = workflowText({ inputs: LEVELS, steps: [{ ...DETECTION_STEP, confidence: '$inputs.levels', model_id: '$inputs.image' }] });
    assert.deepEqual(seen(text), [
      ['kind-mismatch', 'error', "`model_id` of step `det` accepts kind roboflow_model_id, but input `image` is declared as image. Change the input's `kind` (or remove it to accept anything), or reference another input.", '"$inputs.image"'],
    ]);
  });

  it('judges no batches in a workflow with a cycle: only the cycle is reported', () => {
    // Alone, the batch given to `confidence` of `other` is a batch-not-accepted error.
    const text = workflowText({
      inputs: LEVELS,
      steps: [
        { type: 'roboflow_core/dynamic_crop@v1', name: 'crop', images: '$inputs.image', predictions: '$steps.crop_det.predictions' },
        { ...DETECTION_STEP, name: 'crop_det', images: '$steps.crop.crops' },
        { ...DETECTION_STEP, name: 'other', confidence: '$inputs.levels' },
      ],
      outputs: [{ type: 'JsonField', name: 'p', selector: '$steps.other.predictions' }],
    });
    assert.deepEqual(seen(text), [
      ['cycle', 'error', 'Steps `crop` → `crop_det` depend on each other in a cycle, so none of them can run first. Remove one of the references that close the loop.', '"$steps.crop_det.predictions"'],
    ]);
  });

  it('checks a step the last `steps` list lacks by its own text', () => {
    // A repeated key: JSON.parse keeps the last list, which has no second step.
    const step = JSON.stringify(DETECTION_STEP);
    const text = `{"version": "1.0", "inputs": [{"type": "WorkflowImage", "name": "image"}], "steps": [${step}, ${JSON.stringify({ ...DETECTION_STEP, name: 'other', confidence: 'x' })}], "steps": [${step}], "outputs": []}`;
    assert.deepEqual(seen(text), [
      ['duplicate-key', 'warning', '`steps` is written more than once in this object: the server reads only the last one, and the checks here may read this one. Remove the extra copy.', '"steps"'],
      ['invalid-value', 'error', '`confidence` of Object Detection Model step `other` takes a number, or a selector `$inputs.<name>` or `$steps.<step>.<output>` (kind float_zero_to_one), not the string "x".', '"x"'],
    ]);
  });
});

describe('value rules: a check that runs out of stack', () => {
  /** The bundled catalog, failing with `error` when a step's fields are looked up, as a check walking absurd nesting would. */
  function failingCatalog(error: Error): Catalog {
    const catalog = freshCatalog();
    catalog.field = (_block: BlockSpec, _name: string) => {
      throw error;
    };
    return catalog;
  }

  it('reports the nesting instead of crashing when the stack runs out', () => {
    // The finding points at the first bracket of the deepest level: the first input's.
    const text = detection({ confidence: 0.5 });
    assert.deepEqual(validateWorkflow(text, failingCatalog(new RangeError('Maximum call stack size exceeded'))), {
      findings: [{ code: 'nesting-too-deep', severity: 'error', message: 'The document is nested 3 levels deep, too deep to check. A workflow needs only a few levels: look for runaway brackets.', range: { offset: text.indexOf('{', text.indexOf('"inputs"')), length: 1 } }],
    });
  });

  it('lets any other failure through', () => {
    assert.throws(() => validateWorkflow(detection({}), failingCatalog(new TypeError('broken'))), { name: 'TypeError', message: 'broken' });
  });
});
