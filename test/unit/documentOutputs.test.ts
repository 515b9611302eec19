import assert from 'node:assert/strict';
import { fixRows, relatedRows, visibleFindings } from '../support/findingViews';
import { underlined, workflowText } from '../support/workflowText';

/**
 * The shape of each entry in `inputs` and `outputs`: what the user reads in the Problems panel,
 * what the squiggle covers and what the quick fix leaves in the document.
 */

const seen = (text: string) =>
  visibleFindings(text).map((f) => ({
    code: f.code,
    severity: f.severity,
    message: f.message,
    underlined: underlined(text, f),
    related: f.related && relatedRows(text, f),
    fixes: f.fixes && fixRows(text, f),
  }));
const onlyInputs = (inputs: unknown[]) => workflowText({ inputs, steps: [], outputs: [] });
const SELECTOR = '$steps.det.predictions';
const OUTPUT_FORM = 'An output is `{"type": "JsonField", "name": …, "selector": "$steps.<step>.<output>"}`.';

describe('inputs: what each entry must hold', () => {
  it('warns that an input name with a space cannot be referenced, and underlines the name', () => {
    const text = onlyInputs([{ type: 'WorkflowImage', name: 'my image' }]);
    assert.deepEqual(seen(text), [
      {
        code: 'unreferenceable-name',
        severity: 'warning',
        message: 'Input name "my image" has characters other than letters, digits, `_` and `-`: properties that take only selectors refuse `$inputs.my image`. Rename it with letters, digits, `_` and `-`.',
        underlined: '"my image"',
        related: undefined,
        fixes: undefined,
      },
    ]);
  });

  it('reports an input name that is not text as an invalid value, not as an unreferenceable name', () => {
    const text = onlyInputs([{ type: 'WorkflowImage', name: 5 }]);
    assert.deepEqual(seen(text), [{ code: 'invalid-value', severity: 'error', message: 'Input `name` must be string.', underlined: '5', related: undefined, fixes: undefined }]);
  });

  it('reports a kind that is not a list as an invalid value, and underlines it', () => {
    const text = onlyInputs([{ type: 'WorkflowImage', name: 'i', kind: 'image' }]);
    assert.deepEqual(seen(text), [{ code: 'invalid-value', severity: 'error', message: 'Input `kind` must be array.', underlined: '"image"', related: undefined, fixes: undefined }]);
  });

  it('reports an input without a name at its opening brace, naming what every input needs', () => {
    const text = onlyInputs([{ type: 'WorkflowImage' }]);
    assert.deepEqual(seen(text), [
      { code: 'missing-property', severity: 'error', message: "This input must have required property 'name': every input needs `type` and `name`.", underlined: '{', related: undefined, fixes: undefined },
    ]);
  });

  it('says which dimensionality each input type takes, and underlines the number given', () => {
    const text = onlyInputs([
      { type: 'WorkflowBatchInput', name: 'b', dimensionality: 0 },
      { type: 'WorkflowParameter', name: 'p', dimensionality: 1 },
      { type: 'WorkflowImage', name: 'i', dimensionality: 2 },
    ]);
    const dimensionality = (message: string, number: string) => ({ code: 'invalid-dimensionality', severity: 'error', message, underlined: number, related: undefined, fixes: undefined });
    assert.deepEqual(seen(text), [
      dimensionality('`dimensionality` of a WorkflowBatchInput must be an integer of at least 1.', '0'),
      dimensionality('`dimensionality` of a WorkflowParameter must be 0 (parameters are not batches).', '1'),
      dimensionality('`dimensionality` of a WorkflowImage must be exactly 1.', '2'),
    ]);
  });
});

describe('outputs: what each entry must hold', () => {
  it('reports each missing property of an output at its opening brace, with the form of an output and no fix', () => {
    const missing = (property: string) => ({ code: 'missing-property', severity: 'error', message: `This output has no \`${property}\`. ${OUTPUT_FORM}`, underlined: '{', related: undefined, fixes: undefined });
    assert.deepEqual(seen(workflowText({ outputs: [{ name: 'p', selector: SELECTOR }] })), [missing('type')]);
    assert.deepEqual(seen(workflowText({ outputs: [{ type: 'JsonField', selector: SELECTOR }] })), [missing('name')]);
    assert.deepEqual(seen(workflowText({ outputs: [{ type: 'JsonField', name: 'p' }] })), [missing('selector')]);
  });

  it('says an output type must be JsonField, underlines it, and offers to change it', () => {
    const text = workflowText({ outputs: [{ type: 'Json', name: 'p', selector: SELECTOR }] });
    assert.deepEqual(seen(text), [
      {
        code: 'invalid-value',
        severity: 'error',
        message: 'An output\'s `type` must be "JsonField".',
        underlined: '"Json"',
        related: undefined,
        fixes: [['Change to JsonField', workflowText({ outputs: [{ type: 'JsonField', name: 'p', selector: SELECTOR }] })]],
      },
    ]);
  });

  it('reports a name or selector that is not text as an invalid value, underlined, with no fix', () => {
    const invalid = (message: string) => ({ code: 'invalid-value', severity: 'error', message, underlined: '5', related: undefined, fixes: undefined });
    assert.deepEqual(seen(workflowText({ outputs: [{ type: 'JsonField', name: 5, selector: SELECTOR }] })), [invalid('Output `name` must be string.')]);
    assert.deepEqual(seen(workflowText({ outputs: [{ type: 'JsonField', name: 'p', selector: 5 }] })), [invalid('Output `selector` must be string.')]);
  });

  it('leaves a malformed selector to the single selector error, not a second shape error', () => {
    const text = workflowText({ outputs: [{ type: 'JsonField', name: 'p', selector: 'steps.det' }] });
    assert.deepEqual(seen(text).map((f) => [f.code, f.underlined]), [['invalid-selector', '"steps.det"']]);
  });

  it('says what an output must be when an entry is not an object', () => {
    const text = workflowText({ outputs: ['x'] });
    assert.deepEqual(seen(text).map((f) => [f.code, f.message, f.underlined]), [
      ['invalid-value', 'Each output must be an object: `{"type": "JsonField", "name": …, "selector": "$steps.<step>.<output>"}`.', '"x"'],
    ]);
  });

  it('uses "an" before a parameter type starting with a vowel', () => {
    const text = onlyInputs([{ type: 'InferenceParameter', name: 'p', dimensionality: 1 }]);
    assert.deepEqual(seen(text).map((f) => [f.code, f.message]), [['invalid-dimensionality', '`dimensionality` of an InferenceParameter must be 0 (parameters are not batches).']]);
  });
});

describe('document sections of the wrong type', () => {
  it('describes null, a list and an object by what they are', () => {
    const messages = (version: string) => seen(`{"version": ${version}, "inputs": [], "steps": [], "outputs": []}`).filter((f) => f.code === 'wrong-type').map((f) => f.message);
    assert.deepEqual(messages('null'), ['`version` must be a string such as "1.0", not `null`.']);
    assert.deepEqual(messages('[]'), ['`version` must be a string such as "1.0", not a list.']);
    const sections = (value: string) => seen(`{"version": "1.0", "inputs": ${value}, "steps": [], "outputs": []}`).filter((f) => f.code === 'wrong-type').map((f) => [f.message, f.underlined]);
    assert.deepEqual(sections('null'), [['`inputs` must be a list, not `null`.', 'null']]);
    assert.deepEqual(sections('{"a": 1}'), [['`inputs` must be a list, not an object.', '{"a": 1}']]);
    assert.deepEqual(sections('"x"'), [['`inputs` must be a list, not the string "x".', '"x"']]);
  });
});
