import assert from 'node:assert/strict';
import { bundledCatalog } from '../../src/core/catalog/bundled';
import { hoverAt } from '../../src/core/language/hover';
import { selectorCompletions } from '../../src/core/language/selectorCompletions';
import { lintWorkflow } from '../../src/core/lint';
import { validateWorkflow } from '../../src/core/validate';
import { DETECTION_STEP, workflowText } from '../support/workflowText';
import { ALWAYS_TRUE } from '../support/conditions';

const catalog = bundledCatalog();
const CROP = { type: 'roboflow_core/dynamic_crop@v1', name: 'crop', images: '$inputs.image', predictions: '$steps.det.' };

function at(text: string, marker: string) {
  const offset = text.indexOf(marker) + marker.length;
  return selectorCompletions(text, offset, catalog);
}

describe('selector completions', () => {
  const text = workflowText({
    inputs: [{ type: 'WorkflowImage', name: 'image' }, { type: 'WorkflowParameter', name: 'confidence', kind: ['float_zero_to_one'] }],
    steps: [DETECTION_STEP, CROP],
  });

  it('offers the outputs of other steps and the inputs, kind-compatible first', () => {
    const items = at(text, '"$steps.det.');
    const labels = items.map((i) => i.label);
    assert.ok(labels.includes('$steps.det.predictions'));
    assert.ok(!labels.some((l) => l.startsWith('$steps.crop.')), 'a step cannot reference itself');
    assert.equal(items[0].label, '$steps.det.predictions');
    assert.equal(items.find((i) => i.label === '$inputs.confidence')!.compatible, false);
    assert.match(items[0].detail, /object_detection_prediction/);
    // The completion replaces the whole string content.
    const start = text.indexOf('"$steps.det."') + 1;
    assert.deepEqual(items[0].range, { offset: start, length: '$steps.det.'.length });
  });

  it('offers `$steps.<step>.*` in workflow outputs and nothing outside selector fields', () => {
    const labels = at(text, '"selector": "$steps.').map((i) => i.label);
    assert.ok(labels.includes('$steps.crop.*'));
    assert.ok(labels.includes('$steps.crop.crops'));
    assert.deepEqual(at(text, '"version": "1'), []);
    assert.deepEqual(at(text, '"type": "roboflow_core/dynamic'), []);
  });

  it('offers steps (not outputs) in flow-control targets', () => {
    const gate = { type: 'roboflow_core/continue_if@v1', name: 'gate', condition_statement: ALWAYS_TRUE, evaluation_parameters: {}, next_steps: ['$steps.'] };
    const labels = at(workflowText({ steps: [DETECTION_STEP, gate] }), '"$steps.').map((i) => i.label);
    assert.deepEqual(labels, ['$steps.det']);
  });
});


describe('hovers', () => {
  const text = workflowText({ steps: [{ ...DETECTION_STEP, confidence: 0.5 }] });
  let model: NonNullable<ReturnType<typeof validateWorkflow>['model']>;
  beforeEach(() => {
    model = validateWorkflow(text, catalog).model!;
  });
  const hover = (marker: string) => hoverAt(model, catalog, text.indexOf(marker) + 2);

  it('describes a step\'s block on its type, with its outputs', () => {
    const info = hover('"roboflow_core/roboflow_object_detection_model@v2"')!;
    assert.match(info.markdown, /\*\*Object Detection Model\*\*/);
    assert.match(info.markdown, /`predictions` \(object_detection_prediction\)/);
  });

  it('describes a field on its name, and what a selector points at', () => {
    assert.match(hover('"confidence"')!.markdown, /\*\*confidence\*\* of Object Detection Model[\s\S]*a number/);
    assert.match(hover('"$steps.det.predictions"')!.markdown, /Output \*\*predictions\*\* of step `det`.*object_detection_prediction/);
    assert.match(hover('"$inputs.image"')!.markdown, /Input \*\*image\*\*: WorkflowImage, kind `image`/);
    assert.equal(hover('"version"'), undefined);
  });
});

describe('hovers on a selector with a mistake', () => {
  const text = workflowText({
    inputs: [{ type: 'WorkflowImage', name: 'image' }, { type: 'WorkflowParameter', name: 'nothing', kind: [] }],
    steps: [{ ...DETECTION_STEP, images: '$inputs.imgae' }, { ...CROP, images: '$inputs.image', predictions: '$steps.det.predictons' }],
    outputs: [{ type: 'JsonField', name: 'crops', selector: '$steps.crop.crops' }, { type: 'JsonField', name: 'n', selector: '$inputs.nothing' }],
  });
  let result: ReturnType<typeof lintWorkflow>;
  beforeEach(() => {
    result = lintWorkflow(text, catalog);
  });
  const hover = (at: number) => hoverAt(result.model!, catalog, at, result.findings)?.markdown;
  const diagnostic = (code: string) => result.findings.find((f) => f.code === code)!;

  it('says what is wrong and the nearest name, in the words of the diagnostic', () => {
    const unknownInput = diagnostic('unknown-input');
    assert.equal(unknownInput.message, '`images` of step `det` references `$inputs.imgae`, but there is no input named `imgae`. Did you mean `$inputs.image`?');
    // On `$inputs.` (the squiggle covers `imgae`): the hover says it.
    assert.equal(hover(text.indexOf('"$inputs.imgae"') + 2), unknownInput.message);
    const unknownOutput = diagnostic('unknown-step-output');
    assert.match(unknownOutput.message, /has no output `predictons`.* Did you mean `predictions`\?$/);
    const onStep = hover(text.indexOf('"$steps.det.predictons"') + 3)!;
    assert.ok(onStep.startsWith(`${unknownOutput.message}\n\n---\n\nStep \`det\`: **Object Detection Model**`), onStep);
  });

  it('leaves the problem under the pointer to the editor, which shows the diagnostic there itself', () => {
    assert.equal(hover(text.indexOf('imgae"') + 1), undefined);
  });

  it('says "no kind" for an input declared with none, not a dangling "kind"', () => {
    assert.equal(hover(text.indexOf('"$inputs.nothing"') + 2), 'Input **nothing**: WorkflowParameter, no kind');
  });
});
