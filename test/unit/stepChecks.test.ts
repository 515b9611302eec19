import assert from 'node:assert/strict';
import { Catalog } from '../../src/core/catalog/catalog';
import type { FieldSpec } from '../../src/core/catalog/types';
import { catalogWithBlock } from '../support/catalogChanges';
import { findingRow, visibleFindings } from '../support/findingViews';
import { freshCatalog } from '../support/freshCatalog';
import { DETECTION_STEP, applyFix, workflowText } from '../support/workflowText';

/** What each step check shows the user: code, severity, message, underlined text and quick-fix titles. */

const DETECTION = 'roboflow_core/roboflow_object_detection_model@v2';
const DETECTION_PROPERTIES = '`images`, `image`, `model_id`, `confidence`, `class_filter`, `iou_threshold`, `max_detections`, `class_agnostic_nms`, `max_candidates`, `disable_active_learning`, `active_learning_target_dataset`';
const MODEL_ID_TAKES = 'a string, or a selector `$inputs.<name>` or `$steps.<step>.<output>` (kind roboflow_model_id)';
const NUMBER_TAKES = 'a number, or a selector `$inputs.<name>` or `$steps.<step>.<output>` (kind float_zero_to_one)';
/** The end of every unknown-type message: which catalog was consulted. */
const catalogNote = () => ` (Catalog: ${freshCatalog().data.source}; a self-hosted server with custom blocks may know more: refresh the catalog from it.)`;
const findings = visibleFindings;
const seen = (text: string, catalog = freshCatalog()) => findings(text, catalog).map((f) => [...findingRow(text, f), f.fixes?.map((x) => x.title) ?? []]);
const only = (steps: unknown[]) => workflowText({ steps, outputs: [] });
/** The step as its first quick fix leaves it. */
const fixedStep = (text: string, code: string, catalog = freshCatalog()) => {
  const finding = findings(text, catalog).find((f) => f.code === code)!;
  return (JSON.parse(applyFix(text, finding)) as { steps: unknown[] }).steps;
};

const field = (name: string, extra: Partial<FieldSpec>): FieldSpec => ({ name, required: false, selectorKinds: [], selectorTargets: [], containers: [], literalTypes: [], nullable: false, ...extra });

/** The bundled catalog with the detection block's fields changed, as a live server could describe them. */
const detectionWith = (fields: (old: FieldSpec[]) => FieldSpec[]): Catalog => catalogWithBlock(DETECTION, (b) => ({ ...b, fields: fields(b.fields) }));

/** The bundled catalog plus a server-described block that has no precompiled schema. */
function withWidget(blockType: string): Catalog {
  const data = freshCatalog().data;
  const widget = { type: 'acme/widget@v1', aliases: [], humanName: 'Widget', description: '', blockType, fields: [field('count', { literalTypes: ['integer'] })], outputs: [], dynamicOutputs: false, modelIdFields: [], credentialFields: [], usesRequestApiKey: false };
  return new Catalog({ ...data, blocks: [...data.blocks, widget] });
}

describe('step checks: what each step must have', () => {
  it('says a step that is not an object must be one, underlining it', () => {
    const text = only(['det']);
    assert.deepEqual(seen(text), [['wrong-type', 'error', "Each step must be an object with `type`, `name` and the block's properties.", '"det"', []]]);
  });

  it('says a step name must be a string, and reports it once even when the block lists a `name` field', () => {
    const text = only([{ ...DETECTION_STEP, name: 5 }]);
    const expected = [['invalid-value', 'error', 'A step `name` must be a string.', '5', []]];
    assert.deepEqual(seen(text), expected);
    // A server could list `name` among a block's fields: the schema's verdict on it is still not repeated.
    assert.deepEqual(seen(text, detectionWith((f) => [...f, field('name', { literalTypes: ['string'] })])), expected);
  });

  it('warns about a step name that selectors cannot reference', () => {
    const text = only([{ ...DETECTION_STEP, name: 'my det' }]);
    assert.deepEqual(seen(text), [
      ['unreferenceable-name', 'warning', 'Step name "my det" has characters other than letters, digits, `_` and `-`: properties that take only selectors refuse `$steps.my det`. Rename it with letters, digits, `_` and `-`.', '"my det"', []],
    ]);
  });

  it('asks for a missing type at the step opening brace, and for a type that is a string', () => {
    const missing = only([{ name: 'a' }]);
    assert.deepEqual(seen(missing), [
      ['missing-property', 'error', 'This step has no `type`. Add the block type, e.g. `"type": "roboflow_core/roboflow_object_detection_model@v2"`.', '{', []],
    ]);
    const numeric = only([{ type: 5, name: 'a' }]);
    assert.deepEqual(seen(numeric), [
      ['invalid-value', 'error', 'A step `type` must be a string naming a block, e.g. `roboflow_core/roboflow_object_detection_model@v2`.', '5', []],
    ]);
  });
});

describe('step checks: unknown block types', () => {
  it('suggests the nearest known types, naming the catalog, and the first fix writes the closest one', () => {
    const text = only([{ type: 'roboflow_core/roboflow_object_detection_modle@v2', name: 'a' }]);
    assert.deepEqual(seen(text), [
      [
        'unknown-block-type',
        'error',
        'Unknown block type `roboflow_core/roboflow_object_detection_modle@v2`. Did you mean `roboflow_core/roboflow_object_detection_model@v2` or `roboflow_core/roboflow_object_detection_model@v1` or `roboflow_core/roboflow_object_detection_model@v3`?' + catalogNote(),
        '"roboflow_core/roboflow_object_detection_modle@v2"',
        ['Change to roboflow_core/roboflow_object_detection_model@v2', 'Change to roboflow_core/roboflow_object_detection_model@v1', 'Change to roboflow_core/roboflow_object_detection_model@v3'],
      ],
    ]);
    assert.deepEqual(fixedStep(text, 'unknown-block-type'), [{ type: DETECTION, name: 'a' }]);
  });

  it('points at spelling and version suffix when no known type is near', () => {
    const text = only([{ type: 'zzzz', name: 'a' }]);
    assert.deepEqual(seen(text), [
      ['unknown-block-type', 'error', 'Unknown block type `zzzz`. Check the spelling and the version suffix (`@v1`, `@v2`, …).' + catalogNote(), '"zzzz"', []],
    ]);
  });
});

describe('step checks: required fields', () => {
  it('names every missing field with what it takes, and the fix adds placeholders', () => {
    const text = only([{ type: DETECTION, name: 'det' }]);
    assert.deepEqual(seen(text), [
      [
        'missing-required-field',
        'error',
        `Object Detection Model step \`det\` is missing required fields \`images\`, \`model_id\`. \`images\` takes a selector \`$inputs.<name>\` or \`$steps.<step>.<output>\` (kind image); \`model_id\` takes ${MODEL_ID_TAKES}.`,
        `"${DETECTION}"`,
        ['Add missing fields images, model_id'],
      ],
    ]);
    assert.deepEqual(fixedStep(text, 'missing-required-field'), [{ type: DETECTION, name: 'det', images: '$inputs.', model_id: '' }]);
  });

  it('takes a required field written under any one of its aliases as present', () => {
    // No bundled field has two aliases; a live server's catalog may list more than one.
    const catalog = detectionWith((f) => f.map((x) => (x.name === 'images' ? { ...x, aliases: ['image', 'pictures'] } : x)));
    const { images, ...rest } = DETECTION_STEP;
    assert.deepEqual(seen(only([{ ...rest, pictures: images }]), catalog), []);
    assert.deepEqual(seen(only([{ ...rest, image: images }]), catalog), []);
  });

  it('uses the singular for one missing field', () => {
    const text = only([{ type: DETECTION, name: 'det', images: '$inputs.image' }]);
    assert.deepEqual(seen(text), [
      ['missing-required-field', 'error', `Object Detection Model step \`det\` is missing required field \`model_id\`. \`model_id\` takes ${MODEL_ID_TAKES}.`, `"${DETECTION}"`, ['Add missing field model_id']],
    ]);
  });

  it('fills each missing field with a placeholder of the type it takes', () => {
    const required = (name: string, extra: Partial<FieldSpec>) => field(name, { required: true, ...extra });
    const catalog = detectionWith((f) => [
      ...f,
      required('a_int', { literalTypes: ['integer'] }),
      required('b_num', { literalTypes: ['number'] }),
      required('c_bool', { literalTypes: ['boolean'] }),
      required('d_arr', { literalTypes: ['array'] }),
      required('e_obj', { literalTypes: ['object'] }),
      required('f_str', { literalTypes: ['string'] }),
      required('g_enum', { literalTypes: ['string'], enumValues: ['x', 'y'] }),
      required('h_step', { selectorTargets: ['step'] }),
      required('i_inp', { selectorTargets: ['input'] as never }),
      required('j_mix', { selectorTargets: ['step'], literalTypes: ['integer'] }),
    ]);
    const text = only([DETECTION_STEP]);
    assert.deepEqual(fixedStep(text, 'missing-required-field', catalog), [
      { ...DETECTION_STEP, a_int: 0, b_num: 0, c_bool: false, d_arr: [], e_obj: {}, f_str: '', g_enum: 'x', h_step: '$steps.', i_inp: '$inputs.', j_mix: 0 },
    ]);
  });

  it('writes `?` for a step without a name in every message about its fields', () => {
    const text = only([{ type: DETECTION, images: '$inputs.image', confidence: '0.5', iou_threshold: 'x' }]);
    assert.deepEqual(seen(text), [
      ['missing-property', 'error', 'This step has no `name`. Add `"name": "<unique name>"`: other steps and outputs reference it as `$steps.<name>`.', `"${DETECTION}"`, []],
      ['missing-required-field', 'error', `Object Detection Model step \`?\` is missing required field \`model_id\`. \`model_id\` takes ${MODEL_ID_TAKES}.`, `"${DETECTION}"`, ['Add missing field model_id']],
      ['value-converted', 'warning', '`confidence` of Object Detection Model step `?` is the string "0.5"; the server converts it to 0.5. Write 0.5 itself, so the file says what runs.', '"0.5"', ['Change to 0.5']],
      ['invalid-value', 'error', `\`iou_threshold\` of Object Detection Model step \`?\` takes ${NUMBER_TAKES}, not the string "x".`, '"x"', []],
    ]);
  });
});

describe('step checks: unknown properties', () => {
  it('suggests a property the step does not set yet, and the fix renames the key', () => {
    const text = only([{ ...DETECTION_STEP, confidenc: 0.5 }]);
    assert.deepEqual(seen(text), [
      ['unknown-property', 'warning', `Object Detection Model (\`${DETECTION}\`) has no property \`confidenc\`; the server ignores it silently. Did you mean \`confidence\`?`, '"confidenc"', ['Change to confidence']],
    ]);
    assert.deepEqual(fixedStep(text, 'unknown-property'), [{ ...DETECTION_STEP, confidence: 0.5 }]);
  });

  it('offers every near property, joined by "or", each as a fix', () => {
    const text = only([{ ...DETECTION_STEP, class: true }]);
    assert.deepEqual(seen(text), [
      [
        'unknown-property',
        'warning',
        `Object Detection Model (\`${DETECTION}\`) has no property \`class\`; the server ignores it silently. Did you mean \`class_filter\` or \`class_agnostic_nms\`?`,
        '"class"',
        ['Change to class_filter', 'Change to class_agnostic_nms'],
      ],
    ]);
  });

  it('lists the properties instead of suggesting one the step already sets', () => {
    const text = only([{ ...DETECTION_STEP, model_idd: 'x' }]);
    assert.deepEqual(seen(text), [
      ['unknown-property', 'warning', `Object Detection Model (\`${DETECTION}\`) has no property \`model_idd\`; the server ignores it silently. Its properties are ${DETECTION_PROPERTIES}.`, '"model_idd"', []],
    ]);
  });

  it('lists twelve properties in full and cuts a longer list after twelve', () => {
    const text = only([{ ...DETECTION_STEP, zzzzzzzz: 1 }]);
    const twelve = detectionWith((f) => [...f, field('extra_one', { literalTypes: ['integer'] })]);
    assert.deepEqual(seen(text, twelve), [
      ['unknown-property', 'warning', `Object Detection Model (\`${DETECTION}\`) has no property \`zzzzzzzz\`; the server ignores it silently. Its properties are ${DETECTION_PROPERTIES}, \`extra_one\`.`, '"zzzzzzzz"', []],
    ]);
    const thirteen = detectionWith((f) => [...f, field('extra_one', { literalTypes: ['integer'] }), field('extra_two', { literalTypes: ['integer'] })]);
    assert.deepEqual(seen(text, thirteen), [
      ['unknown-property', 'warning', `Object Detection Model (\`${DETECTION}\`) has no property \`zzzzzzzz\`; the server ignores it silently. Its properties are ${DETECTION_PROPERTIES}, \`extra_one\`, ….`, '"zzzzzzzz"', []],
    ]);
  });
});

describe('step checks: values the schema refuses', () => {
  it('offers the converted number for a numeric string that is valid once converted, while other fields fail', () => {
    const text = only([{ ...DETECTION_STEP, confidence: '0.5', iou_threshold: 'x' }]);
    assert.deepEqual(seen(text), [
      ['value-converted', 'warning', '`confidence` of Object Detection Model step `det` is the string "0.5"; the server converts it to 0.5. Write 0.5 itself, so the file says what runs.', '"0.5"', ['Change to 0.5']],
      ['invalid-value', 'error', `\`iou_threshold\` of Object Detection Model step \`det\` takes ${NUMBER_TAKES}, not the string "x".`, '"x"', []],
    ]);
  });

  it('refuses a numeric string that is out of range once converted, while other fields fail', () => {
    const text = only([{ ...DETECTION_STEP, confidence: '5', iou_threshold: 'x' }]);
    assert.deepEqual(seen(text), [
      ['invalid-value', 'error', '`confidence` of Object Detection Model step `det` takes a number at least 0 and at most 1, not "5".', '"5"', []],
      ['value-converted', 'warning', '`confidence` of Object Detection Model step `det` is the string "5"; the server converts it to 5. Write 5 itself, so the file says what runs.', '"5"', ['Change to 5']],
      ['invalid-value', 'error', `\`iou_threshold\` of Object Detection Model step \`det\` takes ${NUMBER_TAKES}, not the string "x".`, '"x"', []],
    ]);
  });

  it('suggests the nearest allowed value of an enum field, and the fix writes it', () => {
    const stitch = { type: 'roboflow_core/detections_stitch@v1', name: 'stitch', predictions: '$steps.det.predictions', reference_image: '$inputs.image', overlap_filtering_strategy: 'nmz' };
    const text = only([DETECTION_STEP, stitch]);
    const invalid = seen(text).filter(([code]) => code === 'invalid-value');
    assert.deepEqual(invalid, [
      ['invalid-value', 'error', '`overlap_filtering_strategy` of Detections Stitch step `stitch` takes one of "none", "nms", "nmm", or a selector `$inputs.<name>` or `$steps.<step>.<output>` (kind string), not the string "nmz". Did you mean "nmm"?', '"nmz"', ['Change to nmm', 'Change to nms']],
    ]);
    assert.deepEqual(fixedStep(text, 'invalid-value'), [DETECTION_STEP, { ...stitch, overlap_filtering_strategy: 'nmm' }]);
  });

  it('suggests only the text values of an enum that also lists numbers', () => {
    const catalog = detectionWith((f) => f.map((x) => (x.name === 'confidence' ? { ...x, enumValues: [0.5, 'abd'] } : x)));
    const text = only([{ ...DETECTION_STEP, confidence: 'abc' }]);
    assert.deepEqual(seen(text, catalog), [
      ['invalid-value', 'error', `\`confidence\` of Object Detection Model step \`det\` takes ${NUMBER_TAKES}, not the string "abc". Did you mean "abd"?`, '"abc"', ['Change to abd']],
    ]);
  });

  it('says where inside a list the value fails, and underlines that item', () => {
    const consensus = { type: 'roboflow_core/detections_consensus@v1', name: 'c', predictions_batches: ['$steps.det.predictions', 5], required_votes: 1 };
    assert.deepEqual(seen(only([DETECTION_STEP, consensus])), [
      ['invalid-value', 'error', '`predictions_batches` of Detections Consensus step `c` takes a list of selectors `$inputs.<name>` or `$steps.<step>.<output>` (kind object_detection_prediction or instance_segmentation_prediction or keypoint_detection_prediction), not a list (at 1).', '5', []],
    ]);
  });

  it('leaves a malformed selector to the selector check, unless the same list also holds a non-selector', () => {
    const consensus = (items: unknown[]) => ({ type: 'roboflow_core/detections_consensus@v1', name: 'c', predictions_batches: items, required_votes: 1 });
    const badSelector = ['invalid-selector', 'error', '`predictions_batches` of step `c` takes `$inputs.<name>` or `$steps.<step>.<output>`, not `$foo`; names may use letters, digits, `_` and `-`.', '"$foo"', []];
    assert.deepEqual(seen(only([DETECTION_STEP, consensus(['$foo'])])), [badSelector]);
    assert.deepEqual(seen(only([DETECTION_STEP, consensus(['$foo', 5])])), [
      ['invalid-value', 'error', '`predictions_batches` of Detections Consensus step `c` takes a list of selectors `$inputs.<name>` or `$steps.<step>.<output>` (kind object_detection_prediction or instance_segmentation_prediction or keypoint_detection_prediction), not a list (at 0).', '"$foo"', []],
      badSelector,
    ]);
  });

  it('checks the values of a server-described block without a schema only when it is a custom Python block', () => {
    const text = only([{ type: 'acme/widget@v1', name: 'w', count: 'x' }]);
    assert.deepEqual(seen(text, withWidget('transformation')), []);
    assert.deepEqual(seen(text, withWidget('custom_python')), [['invalid-value', 'error', '`count` of Widget step `w` takes an integer, not the string "x".', '"x"', []]]);
  });
});
