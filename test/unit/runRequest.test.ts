// The body of a preview run (core/preview/runRequest.ts): the definition as sent, and the
// credentials written in it, which the run's redactor must mask.
import assert from 'node:assert/strict';
import { parseTree } from 'jsonc-parser';
import { analyzeWorkflowSecurity } from '../../src/core/analysis/analyze';
import { bundledCatalog } from '../../src/core/catalog/bundled';
import { buildWorkflowModel } from '../../src/core/model/workflow';
import { literalSecretValues, parseSpecification } from '../../src/core/preview/runRequest';
import { gpt } from '../support/securitySteps';

const NOT_AN_OBJECT = 'The workflow must be a JSON object with `version`, `inputs`, `steps` and `outputs`.';

function workflowText(steps: object[]): string {
  return JSON.stringify({ version: '1.0', inputs: [{ type: 'WorkflowImage', name: 'image' }], steps, outputs: [] }, null, 2);
}

describe('preview run request: the specification', () => {
  it('sends a JSON object as it is written', () => {
    assert.deepEqual(parseSpecification('{"version": "1.0", "steps": []}'), { ok: true, value: { version: '1.0', steps: [] } });
  });

  it("refuses text that is not JSON, quoting the parser's reason", () => {
    let parserMessage = '';
    try {
      JSON.parse('{"version": ');
    } catch (err) {
      parserMessage = (err as Error).message;
    }
    assert.ok(parserMessage.length > 0);
    assert.deepEqual(parseSpecification('{"version": '), {
      ok: false,
      message: `The workflow is not valid JSON (${parserMessage}). Fix the problems the editor shows, then run again.`,
    });
  });

  it('refuses JSON that is not an object: null, a number, a string or an array', () => {
    for (const text of ['null', '42', '"workflow"', '[{"version": "1.0"}]']) {
      assert.deepEqual(parseSpecification(text), { ok: false, message: NOT_AN_OBJECT }, text);
    }
  });
});

describe('preview run request: credentials written in the definition', () => {
  it('masks a credential field\'s literal and only the token inside a longer string', () => {
    const hook = { type: 'roboflow_core/webhook_sink@v1', name: 'hook', url: 'https://hooks.example/x?token=abcdef1234567890', method: 'POST' };
    const security = analyzeWorkflowSecurity(workflowText([hook, gpt('sk-proj-abcdefghijklmnop1234')]), bundledCatalog());
    assert.deepEqual(literalSecretValues(security), ['sk-proj-abcdefghijklmnop1234', 'abcdef1234567890']);
  });

  it('masks a credential written as an object key', () => {
    const hook = { type: 'roboflow_core/webhook_sink@v1', name: 'hook', url: 'https://hooks.example/x', method: 'POST', json_payload: { 'sk-proj-abcdefghijklmnop5678': 'value' } };
    const security = analyzeWorkflowSecurity(workflowText([hook]), bundledCatalog());
    assert.deepEqual(literalSecretValues(security), ['sk-proj-abcdefghijklmnop5678']);
  });

  it('leaves out a literal that JSON cannot read (such a definition is never sent)', () => {
    // `\q` is no JSON escape: the editor's lenient parser still sees a key, JSON.parse does not.
    const text = workflowText([gpt('sk-proj-abcdefghijklmnop1234')]).replace('sk-proj-abcdefghijklmnop1234', 'sk-proj-abcdefghijklmnop\\q1234');
    const security = analyzeWorkflowSecurity(text, bundledCatalog());
    assert.equal(security.credentials.literalSecrets.length, 1);
    assert.deepEqual(literalSecretValues(security), []);
    assert.equal(parseSpecification(text).ok, false);
  });

  it('finds nothing without the document text (an analysis of a model alone)', () => {
    const catalog = bundledCatalog();
    const model = buildWorkflowModel(parseTree(workflowText([gpt('sk-proj-abcdefghijklmnop1234')]))!, catalog);
    const security = analyzeWorkflowSecurity(model, catalog);
    assert.equal(security.credentials.literalSecrets.length, 1);
    assert.deepEqual(literalSecretValues(security), []);
  });
});
