import assert from 'node:assert/strict';
import { bundledCatalog } from '../../src/core/catalog/bundled';
import type { Finding } from '../../src/core/findings';
import { validateWorkflow } from '../../src/core/validate';
import { DETECTION_STEP, underlined, workflowText } from '../support/workflowText';
import { ALWAYS_TRUE } from '../support/conditions';

/**
 * Selectors as the engine reads them (npm run agreement): Pydantic checks the selector grammar
 * only where a property takes nothing but selectors; where it also takes plain text, and in
 * outputs, the compiler reads any `$…` value by its dots.
 */

const catalog = bundledCatalog();
const validate = (text: string) => validateWorkflow(text, catalog).findings;
const errors = (findings: Finding[]) => findings.filter((f) => f.severity === 'error');
const GATE = { type: 'roboflow_core/continue_if@v1', name: 'gate', condition_statement: ALWAYS_TRUE, evaluation_parameters: {} };

describe('engine agreement: selectors', () => {
  it('resolves a selector to a name outside the grammar where the property also takes plain text', () => {
    const inputs = [{ type: 'WorkflowImage', name: 'image' }, { type: 'WorkflowParameter', name: 'my model' }];
    assert.deepEqual(errors(validate(workflowText({ inputs, steps: [{ ...DETECTION_STEP, model_id: '$inputs.my model' }] }))), []);
    // A missing one is still a missing input.
    const missing = workflowText({ inputs, steps: [{ ...DETECTION_STEP, model_id: '$inputs.my modle' }] });
    assert.deepEqual(errors(validate(missing)).map((f) => f.code), ['unknown-input']);
  });

  it('refuses the same selector where the property takes only selectors (the engine cannot parse the step)', () => {
    const text = workflowText({ inputs: [{ type: 'WorkflowImage', name: 'my image' }], steps: [{ ...DETECTION_STEP, images: '$inputs.my image' }] });
    const [finding] = errors(validate(text));
    assert.equal(finding.code, 'invalid-selector');
    assert.equal(underlined(text, finding), '"$inputs.my image"');
    assert.match(finding.message, /`images` of step `det` takes/);
  });

  it('refuses a step where only steps are taken as a syntax error, and a step output there as unconnectable', () => {
    const input = workflowText({ steps: [DETECTION_STEP, { ...GATE, next_steps: ['$inputs.image'] }] });
    const inputFinding = errors(validate(input)).find((f) => f.code === 'invalid-selector')!;
    assert.equal(underlined(input, inputFinding), '"$inputs.image"');
    assert.match(inputFinding.message, /not an input/);
    const output = workflowText({ steps: [DETECTION_STEP, { ...GATE, next_steps: ['$steps.det.predictions'] }] });
    const outputFinding = errors(validate(output)).find((f) => f.code === 'selector-not-allowed')!;
    assert.equal(underlined(output, outputFinding), '"$steps.det.predictions"');
    assert.match(outputFinding.message, /takes steps/);
  });

  it('lets anything after `$steps.<name>` through in flow control, as the engine\'s unanchored pattern does', () => {
    const spaced = workflowText({ steps: [{ ...DETECTION_STEP, name: 'det copy' }, { ...GATE, next_steps: ['$steps.det copy'] }], outputs: [] });
    assert.deepEqual(errors(validate(spaced)), []);
    const missing = workflowText({ steps: [DETECTION_STEP, { ...GATE, next_steps: ['$steps.det copy'] }] });
    assert.deepEqual(errors(validate(missing)).map((f) => f.code), ['unknown-step']);
  });

  it('refuses a step selector where no flow control is taken, even where plain text is', () => {
    const text = workflowText({ steps: [DETECTION_STEP, { ...DETECTION_STEP, name: 'det2', model_id: '$steps.det' }] });
    const [finding] = errors(validate(text));
    assert.equal(finding.code, 'selector-not-allowed');
    assert.match(finding.message, /only flow-control steps point at other steps/);
  });

  it('reads output selectors by their dots: a step name with a space resolves, a dot or a bare step does not', () => {
    const spaced = workflowText({ steps: [{ ...DETECTION_STEP, name: 'd t' }], outputs: [{ type: 'JsonField', name: 'p', selector: '$steps.d t.predictions' }] });
    assert.deepEqual(errors(validate(spaced)), []);
    for (const selector of ['$steps.det', '$steps.d.t.predictions', 'steps.det.predictions', '$outputs.p']) {
      const text = workflowText({ outputs: [{ type: 'JsonField', name: 'p', selector }] });
      const [finding] = errors(validate(text));
      assert.equal(finding.code, 'invalid-selector', selector);
      assert.equal(underlined(text, finding), JSON.stringify(selector));
    }
  });
});
