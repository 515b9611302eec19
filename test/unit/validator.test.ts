import assert from 'node:assert/strict';
import { bundledCatalog } from '../../src/core/catalog/bundled';
import type { Finding } from '../../src/core/findings';
import { validateWorkflow } from '../../src/core/validate';
import { applyFix, DETECTION_STEP, underlined, workflowText } from '../support/workflowText';
import { ALWAYS_TRUE } from '../support/conditions';

const catalog = bundledCatalog();
const validate = (text: string) => validateWorkflow(text, catalog).findings;
const only = (findings: Finding[], code: string) => findings.filter((f) => f.code === code);
const errors = (findings: Finding[]) => findings.filter((f) => f.severity === 'error');

describe('validator: syntax', () => {
  it('accepts a clean workflow with no findings at all', () => {
    assert.deepEqual(validate(workflowText()), []);
  });

  it('reports comments and trailing commas as errors, with their ranges', () => {
    const text = '{\n  // a comment\n  "version": "1.0",\n  "inputs": [], "steps": [], "outputs": [],\n}';
    const findings = validate(text);
    const comment = only(findings, 'json-comment')[0];
    assert.equal(underlined(text, comment), '// a comment');
    const trailing = only(findings, 'json-syntax')[0];
    assert.equal(trailing.severity, 'error');
    assert.match(trailing.message, /trailing comma/);
    assert.equal(underlined(text, trailing), '}');
  });

  it('survives absurd nesting: 5,000 levels are checked, 100,000 are reported, none crash', () => {
    assert.equal(validate('['.repeat(5000) + ']'.repeat(5000))[0].code, 'wrong-type');
    const deepStep = workflowText().replace('"model_id": "yolov8n-640"', `"model_id": ${'['.repeat(5000)}${']'.repeat(5000)}`);
    assert.ok(validate(deepStep).some((f) => f.code === 'invalid-value'));
    const findings = validate('{"steps": ' + '['.repeat(100_000) + ']'.repeat(100_000) + '}');
    assert.deepEqual(findings.map((f) => f.code), ['nesting-too-deep']);
    assert.match(findings[0].message, /100001 levels deep/);
  });

  it('reports missing sections and a non-object document', () => {
    assert.deepEqual(only(validate('{"steps": []}'), 'missing-section').map((f) => f.message.match(/`(\w+)`/)![1]), ['version', 'inputs', 'outputs']);
    assert.equal(validate('[1, 2]')[0].code, 'wrong-type');
  });
});

describe('validator: version', () => {
  it('rejects versions no engine serves and unparseable ones, offering 1.0', () => {
    const unsupported = only(validate(workflowText({ version: '2.0.0' })), 'unsupported-version')[0];
    assert.equal(unsupported.severity, 'error');
    assert.equal(applyFix(workflowText({ version: '2.0.0' }), unsupported), workflowText({ version: '1.0' }));
    assert.equal(only(validate(workflowText({ version: '0.1.0' })), 'unsupported-version')[0].severity, 'error');
    assert.equal(only(validate(workflowText({ version: 'latest' })), 'invalid-version').length, 1);
  });

  it('warns (only) when the version is newer than the known engine', () => {
    const finding = only(validate(workflowText({ version: '1.99' })), 'unsupported-version')[0];
    assert.equal(finding.severity, 'warning');
    assert.deepEqual(errors(validate(workflowText({ version: '1.4.0' }))), []);
  });
});

describe('validator: steps', () => {
  it('reports an unknown type once, with at most three nearest types as fixes', () => {
    const text = workflowText({ steps: [{ ...DETECTION_STEP, type: 'roboflow_core/roboflow_object_detection_modle@v2' }] });
    const findings = validate(text);
    const unknown = only(findings, 'unknown-block-type');
    assert.equal(unknown.length, 1);
    assert.equal(underlined(text, unknown[0]), '"roboflow_core/roboflow_object_detection_modle@v2"');
    assert.ok(unknown[0].fixes!.length <= 3);
    assert.equal(unknown[0].fixes![0].title, 'Change to roboflow_core/roboflow_object_detection_model@v2');
    assert.deepEqual(validate(applyFix(text, unknown[0])), []);
    // Nothing else is reported about a step whose block is unknown (no cascade).
    assert.deepEqual(errors(findings).map((f) => f.code), ['unknown-block-type']);
  });

  it('suggests legacy aliases too', () => {
    const findings = validate(workflowText({ steps: [{ ...DETECTION_STEP, type: 'ObjectDetectionModl' }] }));
    assert.match(only(findings, 'unknown-block-type')[0].message, /ObjectDetectionModel/);
  });

  it('validates each step against its own type only, naming the field and what it takes', () => {
    const text = workflowText({ steps: [{ ...DETECTION_STEP, confidence: 'high' }] });
    const findings = errors(validate(text));
    assert.equal(findings.length, 1);
    assert.equal(findings[0].code, 'invalid-value');
    assert.equal(underlined(text, findings[0]), '"high"');
    assert.match(findings[0].message, /`confidence`.*a number.*selector.*float_zero_to_one/);
    assert.doesNotMatch(findings[0].message, /roboflow_core\/(?!roboflow_object_detection)/);
  });

  it('suggests the nearest enum value', () => {
    const text = workflowText({
      steps: [DETECTION_STEP, { type: 'roboflow_core/bounding_box_visualization@v1', name: 'viz', image: '$inputs.image', predictions: '$steps.det.predictions', color_palette: 'DEFAULTT' }],
      outputs: [{ type: 'JsonField', name: 'viz', selector: '$steps.viz.image' }],
    });
    const finding = only(validate(text), 'invalid-value')[0];
    assert.ok(finding, 'expected an invalid-value finding');
    assert.equal(underlined(text, finding), '"DEFAULTT"');
    assert.equal(finding.fixes![0].title, 'Change to DEFAULT');
  });

  it('reports missing required fields, honouring field aliases, with an insert fix that keeps formatting', () => {
    const step = { type: 'roboflow_core/roboflow_object_detection_model@v2', name: 'det', image: '$inputs.image' };
    const text = workflowText({ steps: [step] });
    const missing = only(validate(text), 'missing-required-field');
    assert.equal(missing.length, 1);
    assert.match(missing[0].message, /`model_id`/);
    const fixed = applyFix(text, missing[0]);
    assert.match(fixed, /\n {6}"model_id": ""\n/);
    assert.equal(only(validate(fixed), 'missing-required-field').length, 0);
  });

  it('warns about unknown properties (silently dropped by the engine) with the nearest field', () => {
    const text = workflowText({ steps: [{ ...DETECTION_STEP, confidance: 0.5 }] });
    const finding = only(validate(text), 'unknown-property')[0];
    assert.equal(finding.severity, 'warning');
    assert.equal(underlined(text, finding), '"confidance"');
    assert.equal(finding.fixes![0].title, 'Change to confidence');
    assert.deepEqual(validate(applyFix(text, finding)), []);
  });

  it('requires a step name', () => {
    const { name: _drop, ...nameless } = DETECTION_STEP;
    void _drop;
    assert.equal(only(validate(workflowText({ steps: [nameless], outputs: [] })), 'missing-property').length, 1);
  });
});

describe('validator: references', () => {
  it('reports an unknown input on the name part of the selector, with a rename fix', () => {
    const text = workflowText({ steps: [{ ...DETECTION_STEP, images: '$inputs.imgae' }] });
    const finding = only(validate(text), 'unknown-input')[0];
    assert.equal(underlined(text, finding), 'imgae');
    assert.deepEqual(validate(applyFix(text, finding)), []);
  });

  it('reports unknown steps and outputs, relating the output error to the step', () => {
    const badStep = workflowText({ outputs: [{ type: 'JsonField', name: 'p', selector: '$steps.dett.predictions' }] });
    const stepFinding = only(validate(badStep), 'unknown-step')[0];
    assert.equal(underlined(badStep, stepFinding), 'dett');
    assert.equal(stepFinding.fixes![0].title, 'Change to det');

    const badOutput = workflowText({ outputs: [{ type: 'JsonField', name: 'p', selector: '$steps.det.prediction' }] });
    const outputFinding = only(validate(badOutput), 'unknown-step-output')[0];
    assert.equal(underlined(badOutput, outputFinding), 'prediction');
    assert.match(outputFinding.message, /`predictions`/);
    assert.equal(underlined(badOutput, { ...outputFinding, range: outputFinding.related![0].range }), '"det"');
    assert.deepEqual(validate(applyFix(badOutput, outputFinding)), []);
  });

  it('checks selector syntax and which selector shapes a field takes', () => {
    const text = workflowText({ steps: [{ ...DETECTION_STEP, images: '$inputs' }] });
    assert.equal(only(validate(text), 'invalid-selector').length, 1);
    const flow = workflowText({
      steps: [DETECTION_STEP, { type: 'roboflow_core/continue_if@v1', name: 'gate', condition_statement: ALWAYS_TRUE, evaluation_parameters: {}, next_steps: ['$steps.det.predictions'] }],
    });
    assert.equal(only(validate(flow), 'selector-not-allowed').length, 1);
  });

  it('checks kinds of step outputs and of declared inputs, pointing at the declaration', () => {
    const text = workflowText({
      inputs: [{ type: 'WorkflowImage', name: 'image' }, { type: 'WorkflowParameter', name: 'model', kind: ['string'] }],
      steps: [{ ...DETECTION_STEP, model_id: '$inputs.model' }],
    });
    const finding = only(validate(text), 'kind-mismatch')[0];
    assert.match(finding.message, /roboflow_model_id/);
    assert.equal(underlined(text, { ...finding, range: finding.related![0].range }), '[\n        "string"\n      ]');
    // Undeclared kind (`*`) is accepted anywhere.
    const untyped = workflowText({ inputs: [{ type: 'WorkflowImage', name: 'image' }, { type: 'WorkflowParameter', name: 'model' }], steps: [{ ...DETECTION_STEP, model_id: '$inputs.model' }] });
    assert.deepEqual(errors(validate(untyped)), []);
  });

  it('reports duplicates on the second name, related to the first', () => {
    const text = workflowText({ steps: [DETECTION_STEP, { ...DETECTION_STEP }] });
    const finding = only(validate(text), 'duplicate-name')[0];
    assert.ok(finding.range.offset > finding.related![0].range.offset);
    assert.equal(underlined(text, finding), '"det"');
  });

  it('finds cycles, including self references', () => {
    const crop = { type: 'roboflow_core/dynamic_crop@v1', name: 'crop', images: '$inputs.image', predictions: '$steps.det2.predictions' };
    const det2 = { ...DETECTION_STEP, name: 'det2', images: '$steps.crop.crops' };
    const findings = only(validate(workflowText({ steps: [crop, det2], outputs: [{ type: 'JsonField', name: 'p', selector: '$steps.det2.predictions' }] })), 'cycle');
    assert.equal(findings.length, 1);
    assert.match(findings[0].message, /`crop` → `det2`/);
    assert.equal(findings[0].related!.length, 1);
  });

  it('hints at unused inputs and steps without warning about them', () => {
    const text = workflowText({
      inputs: [{ type: 'WorkflowImage', name: 'image' }, { type: 'WorkflowParameter', name: 'unused' }],
      steps: [DETECTION_STEP, { ...DETECTION_STEP, name: 'orphan' }],
    });
    const findings = validate(text);
    assert.equal(only(findings, 'unused-input')[0].severity, 'hint');
    assert.equal(underlined(text, only(findings, 'unused-step')[0]), '"orphan"');
    assert.deepEqual(errors(findings), []);
  });
});

describe('validator: bad input', () => {
  it('never throws on JSON that is not a workflow, or on truncated documents', () => {
    const full = workflowText();
    for (let cut = 0; cut < full.length; cut += 7) assert.doesNotThrow(() => validate(full.slice(0, cut)));
    for (const text of ['', 'null', '42', '"x"', '{}', '{"steps": 5, "inputs": "x", "outputs": null, "version": 1}', '{"steps": [1, null, [], {"type": 5}]}']) {
      assert.doesNotThrow(() => validate(text), text);
    }
  });

  // Speed is measured by `npm run bench`; here only that it finishes (no hang, no stack overflow) and is right.
  it('handles a 10 MB document without hanging, with no false findings', function () {
    this.timeout(180_000);
    const steps = Array.from({ length: 20000 }, (_, i) => ({ ...DETECTION_STEP, name: `det${i}`, class_filter: ['a'.repeat(400)] }));
    const text = workflowText({ steps, outputs: [{ type: 'JsonField', name: 'p', selector: '$steps.det0.predictions' }] });
    assert.ok(text.length > 10_000_000, `document is ${text.length} chars`);
    const findings = validate(text);
    assert.deepEqual(errors(findings), []);
  });
});
