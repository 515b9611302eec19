import assert from 'node:assert/strict';
import { bundledCatalog } from '../../src/core/catalog/bundled';
import { blockDocsUrl } from '../../src/core/language/blockDocs';
import { workflowCompletions } from '../../src/core/language/completions';
import { documentLinks } from '../../src/core/language/documentLinks';
import { documentSymbols } from '../../src/core/language/documentSymbols';
import { hoverAt } from '../../src/core/language/hover';
import { definitionAt, referencesAt } from '../../src/core/language/navigation';
import { prepareRename, renameEdits } from '../../src/core/language/rename';
import { valueSnippet } from '../../src/core/language/valueSnippets';
import { validateWorkflow } from '../../src/core/validate';
import { after, applyEdits as apply, slice } from '../support/textCursor';
import { DETECTION_STEP, workflowText } from '../support/workflowText';
import { ALWAYS_TRUE } from '../support/conditions';

const catalog = bundledCatalog();
const CROP = { type: 'roboflow_core/dynamic_crop@v1', name: 'crop', images: '$inputs.image', predictions: '$steps.det.predictions' };
const GATE = {
  type: 'roboflow_core/continue_if@v1',
  name: 'gate',
  condition_statement: ALWAYS_TRUE,
  evaluation_parameters: { dets: '$steps.det.predictions' },
  next_steps: ['$steps.crop'],
};
const TEXT = workflowText({
  inputs: [{ type: 'WorkflowImage', name: 'image' }],
  steps: [DETECTION_STEP, CROP, GATE],
  outputs: [{ type: 'JsonField', name: 'predictions', selector: '$steps.det.predictions' }, { type: 'JsonField', name: 'all', selector: '$steps.det.*' }],
});
const model = (text: string) => validateWorkflow(text, catalog).model!;

describe('language: completions', () => {
  it('offers block types on a step\'s `type`: what matches the typed words, newest version first, legacy names last', () => {
    const text = TEXT.replace('"type": "roboflow_core/dynamic_crop@v1"', '"type": "object_detection_model"');
    const items = workflowCompletions(text, after(text, '"type": "object_detection'), catalog, model(text));
    assert.deepEqual(items.map((i) => i.label), [
      'roboflow_core/roboflow_object_detection_model@v3',
      'roboflow_core/roboflow_object_detection_model@v2',
      'roboflow_core/roboflow_object_detection_model@v1',
      'ObjectDetectionModel',
      'RoboflowObjectDetectionModel',
    ]);
    assert.deepEqual(items.map((i) => i.detail), [
      'Object Detection Model',
      'Object Detection Model (older version)',
      'Object Detection Model (older version)',
      'Object Detection Model (legacy name of roboflow_core/roboflow_object_detection_model@v1)',
      'Object Detection Model (legacy name of roboflow_core/roboflow_object_detection_model@v1)',
    ]);
    assert.deepEqual(items.map((i) => !!i.deprecated), [false, false, false, true, true]);
    assert.match(items[0].documentation!, /^\*\*Object Detection Model\*\* · `roboflow_core\/roboflow_object_detection_model@v3`/);
    // Inside the string: the whole content is replaced with the id, no quotes.
    assert.deepEqual(items[0].range, { offset: after(text, '"type": "object_detection_model"', 0, 23), length: 'object_detection_model'.length });
    assert.equal(items[0].insertText, 'roboflow_core/roboflow_object_detection_model@v3');
  });

  it('offers the step\'s missing properties, required first, each with a value of its shape', () => {
    const text = TEXT.replace('"model_id": "yolov8n-640"', '"confidence": 0.5,\n      ""');
    const offset = after(text, '"confidence": 0.5,\n      "');
    const items = workflowCompletions(text, offset, catalog, model(text));
    const byLabel = new Map(items.map((i) => [i.label, i]));
    assert.equal(items[0].label, 'model_id');
    assert.equal(items[0].detail, 'required');
    assert.ok(!byLabel.has('images') && !byLabel.has('confidence') && !byLabel.has('image'), 'present properties (and aliases of them) are not offered');
    assert.equal(byLabel.get('model_id')!.insertText, '"model_id": "$1"');
    assert.equal(byLabel.get('iou_threshold')!.insertText, '"iou_threshold": ${1:0.3}');
    assert.equal(byLabel.get('class_agnostic_nms')!.insertText, '"class_agnostic_nms": ${1|false,true|}');
    assert.equal(byLabel.get('class_filter')!.insertText, '"class_filter": [$1]');
    assert.equal(byLabel.get('max_detections')!.detail, 'optional');
    // The empty key string is replaced, quotes included.
    assert.deepEqual(items[0].range, { offset: offset - 1, length: 2 });
    assert.match(byLabel.get('iou_threshold')!.documentation!, /^\*\*iou_threshold\*\* of Object Detection Model/);
  });

  it('shapes values: selector-only `"$"`, string enums as a choice, booleans, numbers from the default', () => {
    const field = (block: string, name: string) => catalog.field(catalog.block(block)!, name)!;
    assert.equal(valueSnippet(field('roboflow_core/dynamic_crop@v1', 'images')), '"\\$$1"');
    assert.equal(valueSnippet(field('roboflow_core/roboflow_object_detection_model@v2', 'confidence')), '${1:0.4}');
    assert.match(valueSnippet(field('roboflow_core/bounding_box_visualization@v1', 'color_axis')), /^"\$\{1\|CLASS,[A-Z_,]+\|\}"$/);
  });

  it('offers enum and boolean values, input types and kinds, `version`, and selectors inside a selector string', () => {
    const text = TEXT.replace('"model_id": "yolov8n-640"', '"model_id": "yolov8n-640",\n      "class_agnostic_nms": f');
    const bools = workflowCompletions(text, after(text, '"class_agnostic_nms": f'), catalog, model(text));
    assert.deepEqual(bools.map((i) => [i.label, i.insertText, i.detail]), [['false', 'false', 'default']]);
    assert.deepEqual(bools[0].range, { offset: after(text, '"class_agnostic_nms": '), length: 1 });

    const inputs = workflowCompletions(TEXT, after(TEXT, '"type": "Workflow'), catalog, model(TEXT));
    assert.deepEqual(inputs.map((i) => [i.label, !!i.deprecated]), [['WorkflowImage', false], ['WorkflowParameter', false], ['WorkflowBatchInput', false], ['WorkflowVideoMetadata', true]]);

    const withKind = workflowText({ inputs: [{ type: 'WorkflowParameter', name: 'p', kind: ['float_zero'] }] });
    const kinds = workflowCompletions(withKind, after(withKind, '"float_zero'), catalog, model(withKind));
    assert.deepEqual(kinds.map((i) => i.label), ['float_zero_to_one']);

    const versions = workflowCompletions(TEXT, after(TEXT, '"version": "'), catalog, model(TEXT));
    assert.deepEqual(versions.map((i) => i.label), ['1.0', catalog.engineVersion]);

    const selectors = workflowCompletions(TEXT, after(TEXT, '"next_steps": [\n        "$steps.'), catalog, model(TEXT));
    assert.deepEqual(selectors.map((i) => [i.label, i.kind]), [['$steps.det', 'stepSelector'], ['$steps.crop', 'stepSelector']]);
  });
});

describe('language: navigation and rename', () => {
  let m: ReturnType<typeof model>;
  beforeEach(() => {
    m = model(TEXT);
  });

  it('goes from a selector (in a field, a dict, a flow-control list, an output) to the step or input it names', () => {
    const det = m.steps[0];
    for (const [marker, n] of [['"$steps.det.predictions"', 0], ['"$steps.det.predictions"', 1], ['"$steps.det.predictions"', 2], ['"$steps.det.*"', 0]] as const) {
      const target = definitionAt(m, TEXT, after(TEXT, marker, n, marker.length - 9))!;
      assert.ok(target, `${marker} #${n}`);
      assert.equal(slice(TEXT, target.origin), 'det');
      assert.deepEqual(target.range, { offset: det.node.offset, length: det.node.length });
      assert.deepEqual(target.selectionRange, { offset: det.nameNode!.offset + 1, length: 3 });
    }
    const crop = definitionAt(m, TEXT, after(TEXT, '"$steps.crop"', 0, 2))!;
    assert.equal(slice(TEXT, crop.selectionRange), 'crop');
    const image = definitionAt(m, TEXT, after(TEXT, '"$inputs.image"', 0, 3))!;
    assert.deepEqual(image.selectionRange, { offset: m.inputs[0].nameNode!.offset + 1, length: 5 });
    assert.equal(definitionAt(m, TEXT, after(TEXT, '"name": "det', 0, 1)), undefined, 'a name is its own definition');
  });

  it('finds every reference of a step, from its name or from a selector', () => {
    const fromName = referencesAt(m, TEXT, after(TEXT, '"name": "det', 0, 1))!;
    const fromSelector = referencesAt(m, TEXT, after(TEXT, '"$steps.det.*', 0, 3))!;
    assert.deepEqual(fromName, fromSelector);
    assert.deepEqual(fromName.map((r) => slice(TEXT, r)), ['det', 'det', 'det', 'det', 'det']);
    assert.equal(fromName[0].offset, m.steps[0].nameNode!.offset + 1);
    assert.equal(referencesAt(m, TEXT, after(TEXT, '"name": "det', 0, 1), false)!.length, 4);
    assert.deepEqual(referencesAt(m, TEXT, after(TEXT, '"name": "image', 0, 1))!.map((r) => slice(TEXT, r)), ['image', 'image', 'image']);
  });

  it('renames a step and every selector naming it, keeping the output part', () => {
    const prepared = prepareRename(m, TEXT, after(TEXT, '"$steps.det.predictions', 1, 14));
    assert.ok('range' in prepared);
    assert.equal(prepared.placeholder, 'det');
    assert.equal(slice(TEXT, prepared.range), 'det');
    const result = renameEdits(m, TEXT, after(TEXT, '"$steps.det.predictions', 1, 14), 'detector');
    assert.ok('edits' in result);
    assert.equal(result.edits.length, 5);
    const renamed = apply(TEXT, result.edits);
    assert.equal(renamed, TEXT.replace('"name": "det"', '"name": "detector"').replaceAll('$steps.det.', '$steps.detector.'));
    assert.deepEqual(validateWorkflow(renamed, catalog).findings.filter((f) => f.severity === 'error'), []);
  });

  it('refuses names the selectors cannot reference and names already taken', () => {
    const at = after(TEXT, '"name": "det', 0, 1);
    assert.deepEqual(renameEdits(m, TEXT, at, 'my det'), { error: 'A step name may hold only letters, digits, `_` and `-`: the engine\'s selectors refuse `$steps.my det`.' });
    assert.deepEqual(renameEdits(m, TEXT, at, 'crop'), { error: 'A step named `crop` already exists: step names must be unique.' });
    assert.deepEqual(renameEdits(m, TEXT, after(TEXT, '"name": "image', 0, 1), 'a.b'), { error: 'An input name may hold only letters, digits, `_` and `-`: the engine\'s selectors refuse `$inputs.a.b`.' });
    assert.deepEqual(prepareRename(m, TEXT, after(TEXT, '"roboflow_core/dynamic', 0, 2)), { error: 'Only a step or input name, or the name in a selector, can be renamed here.' });
    const broken = TEXT.replace('"$steps.crop"', '"$steps.nope"');
    assert.deepEqual(prepareRename(model(broken), broken, after(broken, '"$steps.no')), { error: 'There is no step named `nope` to rename.' });
  });
});

describe('language: outline, links, hovers', () => {
  it('lists Inputs, Steps (block name and version) and Outputs, with names selected', () => {
    const m = model(TEXT);
    const symbols = documentSymbols(m);
    assert.deepEqual(symbols.map((s) => [s.name, s.children.map((c) => [c.name, c.detail, c.kind])]), [
      ['Inputs', [['image', 'WorkflowImage', 'input']]],
      ['Steps', [['det', 'Object Detection Model · v2', 'step'], ['crop', 'Dynamic Crop · v1', 'step'], ['gate', 'Continue If · v1', 'step']]],
      ['Outputs', [['predictions', '$steps.det.predictions', 'output'], ['all', '$steps.det.*', 'output']]],
    ]);
    const det = symbols[1].children[0];
    assert.equal(slice(TEXT, det.selectionRange), '"det"');
    assert.deepEqual(det.range, { offset: m.steps[0].node.offset, length: m.steps[0].node.length });
    assert.equal(slice(TEXT, symbols[1].selectionRange), '"steps"');
  });

  it('links each step\'s type to its block\'s page, named as Roboflow\'s docs build names it', () => {
    const links = documentLinks(model(TEXT));
    assert.deepEqual(links.map((l) => l.url), [
      'https://inference.roboflow.com/workflows/blocks/object_detection_model/',
      'https://inference.roboflow.com/workflows/blocks/dynamic_crop/',
      'https://inference.roboflow.com/workflows/blocks/continue_if/',
    ]);
    assert.equal(slice(TEXT, links[0].range), 'roboflow_core/roboflow_object_detection_model@v2');
    assert.equal(blockDocsUrl({ ...catalog.block('roboflow_core/dynamic_crop@v1')!, type: 'my_plugin/crop@v1' }), undefined);
    assert.equal(blockDocsUrl({ ...catalog.block('roboflow_core/dynamic_crop@v1')!, humanName: 'VLM as Detector' }), 'https://inference.roboflow.com/workflows/blocks/vl_mas_detector/');
    // (That is the docs build's own rule at work: `VLMasDetector` splits before `Mas`.)
  });

  it('describes a property on its name (the schema no longer does)', () => {
    const text = workflowText({ steps: [{ ...DETECTION_STEP, confidence: 0.5 }] });
    const info = hoverAt(model(text), catalog, after(text, '"confidence', 0, 3))!;
    assert.equal(info.markdown, '**confidence** of Object Detection Model\n\nTakes a number, or a selector `$inputs.<name>` or `$steps.<step>.<output>` (kind float_zero_to_one).\n\nDefault: `0.4`');
  });
});
