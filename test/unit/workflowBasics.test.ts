import assert from 'node:assert/strict';
import { parseTree } from 'jsonc-parser';
import { bundledCatalog } from '../../src/core/catalog/bundled';
import { codeInfo, CODES } from '../../src/core/codes';
import { looksLikeWorkflow, mayBeWorkflowText } from '../../src/core/detect';
import { lintWorkflow, redactorFor, SEVERITY_ORDER } from '../../src/core/lint';
import { emptyRecord, hasOwn, ownValue } from '../../src/core/ownProperties';
import { workflowText } from '../support/workflowText';

describe('which JSON is a workflow', () => {
  it('needs `steps` with `version`, `inputs` or `outputs` at the top level of an object', () => {
    const is = (text: string) => looksLikeWorkflow(parseTree(text));
    assert.deepEqual(
      ['{"steps": [], "version": "1.0"}', '{"inputs": [], "steps": 1}', '{"steps": [], "outputs": []}'].map(is),
      [true, true, true],
    );
    assert.deepEqual(
      ['{"steps": []}', '{"version": "1.0", "inputs": [], "outputs": []}', '{"a": {"steps": [], "version": "1.0"}}', '[{"steps": [], "version": "1.0"}]', '"steps"', ''].map(is),
      [false, false, false, false, false, false],
    );
  });

  it('pre-checks raw text for a quoted "steps" key', () => {
    assert.equal(mayBeWorkflowText('{ "steps": [] }'), true);
    assert.equal(mayBeWorkflowText('{ "step": [], "steps_x": 1 }'), false);
    assert.equal(mayBeWorkflowText('{ steps: [] }'), false);
  });
});

describe('lookups by untrusted keys', () => {
  it('sees only own properties, never the prototype\'s', () => {
    const table: Record<string, number> = { a: 1 };
    assert.equal(hasOwn(table, 'a'), true);
    assert.equal(hasOwn(table, 'toString'), false);
    assert.equal(ownValue(table, 'a'), 1);
    assert.equal(ownValue(table, 'constructor'), undefined);
    assert.equal(ownValue(table, '__proto__'), undefined);
  });

  it('makes records where `__proto__` is a plain key', () => {
    const record = emptyRecord<number>();
    record.__proto__ = 5;
    assert.equal(Object.getPrototypeOf(record), null);
    assert.deepEqual(Object.keys(record), ['__proto__']);
    assert.equal(ownValue(record, '__proto__'), 5);
  });
});

describe('lint: validation and security in one list', () => {
  it('orders findings by place, then errors before warnings before information before hints', () => {
    assert.deepEqual(SEVERITY_ORDER, { error: 0, warning: 1, information: 2, hint: 3 });
    // A stored secret written as a model id: a literal secret (error) and a private model (information) on one value.
    const stored = 'rf_abcdefghijklmnopqrstuvwxyz/3';
    const text = workflowText({
      steps: [
        { type: 'roboflow_core/roboflow_object_detection_model@v2', name: 'det', images: '$inputs.image', model_id: stored, confidence: '0.5' },
        { type: 'roboflow_core/open_ai@v4', name: 'gpt', images: '$inputs.image', task_type: 'unconstrained', prompt: 'hi', api_key: 'sk-proj-abcdefghijklmnopqrstuvwxyz012345' },
      ],
    });
    const findings = lintWorkflow(text, bundledCatalog(), { storedSecrets: Object.freeze([stored]) }).findings;
    const at = (needle: string) => text.indexOf(needle);
    assert.deepEqual(
      findings.map((f) => [f.range.offset, f.severity, f.code]),
      [
        [at(`"${stored}"`), 'error', 'literal-secret'],
        [at(`"${stored}"`), 'information', 'private-model'],
        [at('"0.5"'), 'warning', 'value-converted'],
        [at('"gpt"'), 'hint', 'unused-step'],
        [at('"sk-proj-'), 'error', 'literal-secret'],
      ],
    );
  });

  it('keeps one redactor per list of stored secrets, and none without secrets', () => {
    const stored = Object.freeze(['hunter2-stored-secret']);
    assert.equal(redactorFor(stored), redactorFor(stored));
    assert.notEqual(redactorFor(stored), redactorFor(Object.freeze(['hunter2-stored-secret'])));
    assert.equal(redactorFor(undefined), undefined);
    assert.equal(redactorFor([]), undefined);
    assert.equal(redactorFor(stored)!.redact('say hunter2-stored-secret'), 'say [REDACTED]');
  });

  it('never quotes a stored secret in a message', () => {
    const secret = 'hunter2-stored-secret';
    const text = workflowText({ steps: [{ type: 'roboflow_core/roboflow_object_detection_model@v2', name: 'det', images: '$inputs.image', model_id: secret }] });
    const findings = lintWorkflow(text, bundledCatalog(), { storedSecrets: Object.freeze([secret]) }).findings;
    assert.ok(findings.length > 0);
    assert.deepEqual(findings.filter((f) => f.message.includes(secret)), []);
  });
});

describe('finding codes', () => {
  it('describes each code once, and nothing else', () => {
    assert.equal(new Set(CODES.map((c) => c.code)).size, CODES.length);
    assert.equal(codeInfo('json-syntax')?.severity, 'error');
    assert.equal(codeInfo('unknown-kind')?.severity, 'warning');
    assert.equal(codeInfo('no-such-code'), undefined);
  });
});
