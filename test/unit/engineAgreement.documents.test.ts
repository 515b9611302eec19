import assert from 'node:assert/strict';
import { bundledCatalog } from '../../src/core/catalog/bundled';
import type { Finding } from '../../src/core/findings';
import { validateWorkflow } from '../../src/core/validate';
import { applyFix, DETECTION_STEP, underlined, workflowText } from '../support/workflowText';

/**
 * Where the engine's own verdict corrected the validator (npm run agreement): versions, input
 * declarations and values the engine converts. Each case says what the engine does with it.
 */

const catalog = bundledCatalog();
const validate = (text: string) => validateWorkflow(text, catalog).findings;
const only = (findings: Finding[], code: string) => findings.filter((f) => f.code === code);
const errors = (findings: Finding[]) => findings.filter((f) => f.severity === 'error');
const withVersion = (version: unknown) => workflowText().replace('"version": "1.0"', `"version": ${JSON.stringify(version)}`);

describe('engine agreement: the document version', () => {
  it('only warns about an empty version (the engine runs the newest engine), offering 1.0', () => {
    const text = withVersion('');
    const [finding] = only(validate(text), 'invalid-version');
    assert.equal(finding.severity, 'warning');
    assert.match(finding.message, /newest Execution Engine/);
    assert.equal(underlined(text, finding), '""');
    assert.deepEqual(errors(validate(text)), []);
    assert.equal(applyFix(text, finding), workflowText());
  });

  it('refuses a local version label, which the engine cannot turn into its `>=` requirement', () => {
    const text = withVersion('1.0+build7');
    const [finding] = only(validate(text), 'invalid-version');
    assert.equal(finding.severity, 'error');
    assert.match(finding.message, /local version label/);
    assert.equal(underlined(text, finding), '"1.0+build7"');
    assert.equal(applyFix(text, finding), workflowText());
  });

  it('calls a truthy non-string version an invalid version (the engine reads it as one), a falsy one a wrong type', () => {
    for (const value of [1.5, 2, true, ['1.0']]) {
      const codes = errors(validate(withVersion(value))).map((f) => f.code);
      assert.deepEqual(codes, ['invalid-version'], JSON.stringify(value));
    }
    for (const value of [null, 0, false, []]) {
      assert.deepEqual(errors(validate(withVersion(value))).map((f) => f.code), ['wrong-type'], JSON.stringify(value));
    }
  });
});

describe('engine agreement: input declarations', () => {
  it('takes an explicit empty kind list as no kind, which no field with a kind accepts', () => {
    const text = workflowText({ inputs: [{ type: 'WorkflowImage', name: 'image', kind: [] }] });
    const [finding] = only(validate(text), 'kind-mismatch');
    assert.equal(finding.severity, 'error');
    assert.match(finding.message, /no kind at all/);
    assert.equal(underlined(text, finding), '"$inputs.image"');
    assert.equal(underlined(text, { ...finding, range: finding.related![0].range }), '[]');
  });

  it('only warns about an input name outside the selector grammar, which the engine accepts', () => {
    const text = workflowText({ inputs: [{ type: 'WorkflowImage', name: 'image' }, { type: 'WorkflowParameter', name: 'my model' }] });
    const [finding] = only(validate(text), 'unreferenceable-name');
    assert.equal(finding.severity, 'warning');
    assert.equal(underlined(text, finding), '"my model"');
    assert.match(finding.message, /only selectors refuse/);
    assert.deepEqual(errors(validate(text)), []);
  });

  it('converts a dimensionality written as text, as the engine does, with a warning and the number as fix', () => {
    const text = workflowText({ inputs: [{ type: 'WorkflowImage', name: 'image', dimensionality: '1' }] });
    const [finding] = only(validate(text), 'value-converted');
    assert.equal(finding.severity, 'warning');
    assert.equal(underlined(text, finding), '"1"');
    assert.deepEqual(errors(validate(text)), []);
    assert.match(applyFix(text, finding), /"dimensionality": 1\b/);
    // Converted, but still wrong for an image: the error stays.
    const two = workflowText({ inputs: [{ type: 'WorkflowImage', name: 'image', dimensionality: '2' }] });
    assert.deepEqual(errors(validate(two)).map((f) => f.code), ['invalid-dimensionality']);
  });
});

describe('engine agreement: values the engine converts (Pydantic lax mode)', () => {
  const step = (extra: Record<string, unknown>) => workflowText({ steps: [{ ...DETECTION_STEP, ...extra }] });

  it('warns, with the converted value as the fix, where the engine converts', () => {
    for (const [property, value, fixed] of [
      ['confidence', '0.5', '0.5'],
      ['confidence', true, '1'],
      ['max_detections', '3', '3'],
      ['class_agnostic_nms', 'yes', 'true'],
      ['class_agnostic_nms', 1, 'true'],
    ] as const) {
      const text = step({ [property]: value });
      const findings = validate(text);
      assert.deepEqual(errors(findings), [], `${property}: ${JSON.stringify(value)}`);
      const [finding] = only(findings, 'value-converted');
      assert.equal(finding.severity, 'warning');
      assert.equal(underlined(text, finding), JSON.stringify(value));
      assert.equal(finding.fixes![0].title, `Change to ${fixed}`);
    }
  });

  it('keeps the error where the engine refuses: fractions for integers, 2 for a boolean, numbers for text', () => {
    for (const [property, value] of [
      ['max_detections', 3.5],
      ['class_agnostic_nms', 2],
      ['model_id', 3],
      ['confidence', 'high'],
    ] as const) {
      assert.deepEqual(errors(validate(step({ [property]: value }))).map((f) => f.code), ['invalid-value'], `${property}: ${JSON.stringify(value)}`);
    }
  });
});
