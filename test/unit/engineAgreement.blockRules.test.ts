import assert from 'node:assert/strict';
import { bundledCatalog } from '../../src/core/catalog/bundled';
import type { Finding } from '../../src/core/findings';
import { validateWorkflow } from '../../src/core/validate';
import { DETECTION_STEP, underlined, workflowText } from '../support/workflowText';
import { ALWAYS_TRUE } from '../support/conditions';

/** Rules blocks enforce beyond their JSON Schema, as the engine applies them (npm run agreement). */

const catalog = bundledCatalog();
const validate = (text: string) => validateWorkflow(text, catalog).findings;
const errors = (findings: Finding[]) => findings.filter((f) => f.severity === 'error');
const GEMINI = { type: 'roboflow_core/google_gemini@v1', name: 'gemini', images: '$inputs.image', api_key: '$inputs.key' };
const INPUTS = [{ type: 'WorkflowImage', name: 'image' }, { type: 'WorkflowParameter', name: 'key', kind: ['secret'] }, { type: 'WorkflowParameter', name: 'task' }];
const gemini = (extra: Record<string, unknown>) => workflowText({ inputs: INPUTS, steps: [{ ...GEMINI, ...extra }], outputs: [{ type: 'JsonField', name: 'o', selector: '$steps.gemini.output' }] });

describe('engine agreement: fields a task requires', () => {
  it('requires `classes` for object detection, on the task that asks for it', () => {
    const text = gemini({ task_type: 'object-detection' });
    const [finding] = errors(validate(text));
    assert.equal(finding.code, 'missing-required-field');
    assert.equal(underlined(text, finding), '"object-detection"');
    assert.match(finding.message, /runs task "object-detection", which needs field `classes`/);
    assert.deepEqual(errors(validate(gemini({ task_type: 'object-detection', classes: ['dog'] }))), []);
  });

  it('applies the default task when none is written, and none when the task is chosen at run time', () => {
    const [finding] = errors(validate(gemini({})));
    assert.match(finding.message, /"unconstrained" \(the default\), which needs field `prompt`/);
    assert.deepEqual(errors(validate(gemini({ prompt: 'Describe it' }))), []);
    const glm = (task_type: string) =>
      workflowText({
        inputs: INPUTS,
        steps: [{ type: 'roboflow_core/glm_ocr@v1', name: 'ocr', images: '$inputs.image', task_type }],
        outputs: [{ type: 'JsonField', name: 'o', selector: '$steps.ocr.parsed_output' }],
      });
    assert.deepEqual(errors(validate(glm('custom'))).map((f) => f.code), ['missing-required-field']);
    assert.deepEqual(errors(validate(glm('$inputs.task'))), []);
  });
});

describe('engine agreement: where a block takes the depth of its outputs from', () => {
  it('needs a batch in the reference property, not a parameter', () => {
    const text = workflowText({
      inputs: [{ type: 'WorkflowImage', name: 'image' }, { type: 'WorkflowParameter', name: 'detections' }],
      steps: [
        DETECTION_STEP,
        { type: 'roboflow_core/roboflow_classification_model@v2', name: 'cls', images: '$inputs.image', model_id: 'vehicle-classification-eapcd/2' },
        { type: 'roboflow_core/detections_classes_replacement@v1', name: 'replace', object_detection_predictions: '$inputs.detections', classification_predictions: '$steps.cls.predictions' },
      ],
      outputs: [{ type: 'JsonField', name: 'o', selector: '$steps.replace.predictions' }],
    });
    const found = errors(validate(text));
    assert.deepEqual(found.map((f) => f.code), ['dimensionality-mismatch']);
    assert.equal(underlined(text, found[0]), '"$inputs.detections"');
    assert.match(found[0].message, /`object_detection_predictions` of step `replace` sets how deep the step's outputs are/);
  });
});

describe('engine agreement: outputs a step computes from its configuration', () => {
  const parser = (selector: string, fields = ['count', 'label']) =>
    workflowText({
      inputs: [{ type: 'WorkflowParameter', name: 'raw' }],
      steps: [{ type: 'roboflow_core/json_parser@v1', name: 'parser', raw_json: '$inputs.raw', expected_fields: fields }],
      outputs: [{ type: 'JsonField', name: 'o', selector }],
    });

  it('knows a JSON parser\'s outputs from its expected fields', () => {
    assert.deepEqual(errors(validate(parser('$steps.parser.count'))), []);
    assert.deepEqual(errors(validate(parser('$steps.parser.error_status'))), []);
    const text = parser('$steps.parser.score');
    const [finding] = errors(validate(text));
    assert.equal(finding.code, 'unknown-step-output');
    assert.equal(underlined(text, finding), 'score');
    assert.match(finding.message, /its outputs are `error_status`, `count`, `label`/);
  });

  it('knows a VLM\'s outputs from its task, and checks their kinds', () => {
    const text = workflowText({
      inputs: INPUTS,
      steps: [
        { type: 'roboflow_core/google_gemini@v6', name: 'gemini', images: '$inputs.image', api_key: '$inputs.key', task_type: 'object-detection', classes: ['dog'] },
        { ...DETECTION_STEP, model_id: '$steps.gemini.error_status' },
      ],
      outputs: [{ type: 'JsonField', name: 'o', selector: '$steps.gemini.predictions' }],
    });
    const found = errors(validate(text));
    assert.deepEqual(found.map((f) => f.code), ['kind-mismatch']);
    assert.match(found[0].message, /`\$steps\.gemini\.error_status` is boolean/);
  });
});

describe('engine agreement: flow-control targets and second spellings', () => {
  const GATE = { type: 'roboflow_core/continue_if@v1', name: 'gate', condition_statement: ALWAYS_TRUE, evaluation_parameters: {} };

  it('refuses a target named twice by one flow-control step, on the second', () => {
    const text = workflowText({ steps: [DETECTION_STEP, { ...GATE, next_steps: ['$steps.det', '$steps.det'] }] });
    const [finding] = errors(validate(text));
    assert.equal(finding.code, 'duplicate-flow-target');
    assert.ok(finding.range.offset > finding.related![0].range.offset);
    assert.match(finding.message, /already continues with `det`/);
  });

  it('ignores a second spelling written next to the field\'s name, as the engine does, with a warning', () => {
    const text = workflowText({ steps: [{ ...DETECTION_STEP, image: 0.5 }] });
    const findings = validate(text);
    assert.deepEqual(errors(findings), []);
    const warning = findings.find((f) => f.code === 'unknown-property')!;
    assert.equal(warning.severity, 'warning');
    assert.equal(underlined(text, warning), '"image"');
    assert.match(warning.message, /server reads `images` and ignores this one/);
  });
});

describe('engine agreement: empty values a block counts as missing', () => {
  it('refuses an empty class list where Florence-2 checks that classes are given', () => {
    const florence = (classes: unknown) =>
      workflowText({
        steps: [{ type: 'roboflow_core/florence_2@v1', name: 'florence', images: '$inputs.image', task_type: 'open-vocabulary-object-detection', classes }],
        outputs: [{ type: 'JsonField', name: 'o', selector: '$steps.florence.raw_output' }],
      });
    assert.deepEqual(errors(validate(florence([]))).map((f) => f.code), ['missing-required-field']);
    assert.deepEqual(errors(validate(florence(['dog']))), []);
  });
});

describe('engine agreement: bounds of numbers', () => {
  it('refuses a number outside its field\'s bounds, naming them, also when written as text', () => {
    const text = workflowText({ steps: [{ ...DETECTION_STEP, confidence: 1.5 }] });
    const [finding] = errors(validate(text));
    assert.equal(finding.code, 'invalid-value');
    assert.equal(underlined(text, finding), '1.5');
    assert.match(finding.message, /`confidence` of .* takes a number at least 0 and at most 1, not 1.5/);
    assert.deepEqual(errors(validate(workflowText({ steps: [{ ...DETECTION_STEP, confidence: '7' }] }))).map((f) => f.code), ['invalid-value']);
    assert.deepEqual(errors(validate(workflowText({ steps: [{ ...DETECTION_STEP, confidence: 0.3 }] }))), []);
  });
});
