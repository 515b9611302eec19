import assert from 'node:assert/strict';
import { analyzeWorkflowSecurity } from '../../src/core/analysis/analyze';
import { Catalog } from '../../src/core/catalog/catalog';
import { freshCatalog } from '../support/freshCatalog';
import { gpt } from '../support/securitySteps';

function workflow(steps: object[], inputs: object[] = []): string {
  return JSON.stringify({ version: '1.0', inputs: [{ type: 'WorkflowImage', name: 'image' }, ...inputs], steps, outputs: [] }, null, 2);
}

function slice(text: string, range: { offset: number; length: number }): string {
  return text.slice(range.offset, range.offset + range.length);
}

const hook = (extra: object) => ({ type: 'roboflow_core/webhook_sink@v1', name: 'hook', url: 'https://example.com/hook', ...extra });

describe('credential uses: values, webhook entries and provider settings', () => {
  it('a null API key is a missing credential, underlined on the step type', () => {
    const text = workflow([gpt(null)]);
    const uses = analyzeWorkflowSecurity(text, freshCatalog()).credentials.uses;
    assert.deepEqual(uses.map((u) => [u.field, u.source, u.required, u.path]), [['api_key', 'missing', true, ['steps', 0, 'api_key']]]);
    assert.equal(slice(text, uses[0].range), '"roboflow_core/open_ai@v2"');
  });

  it('a non-string API key records no use (the validator reports the type error)', () => {
    const text = workflow([gpt(12345)]);
    assert.deepEqual(analyzeWorkflowSecurity(text, freshCatalog()).credentials.uses, []);
  });

  it('webhook headers that are not an object record nothing', () => {
    for (const headers of ['Authorization: sk-CANARY-hook-0123456789', ['$inputs.s', 'sk-CANARY-hook-0123456789']]) {
      const text = workflow([hook({ headers })], [{ type: 'WorkflowParameter', name: 's', kind: ['secret'] }]);
      const { credentials } = analyzeWorkflowSecurity(text, freshCatalog());
      assert.deepEqual([credentials.uses, credentials.uncertain], [[], []], JSON.stringify(headers));
    }
  });

  it('a credential-named header is an optional use of the webhook, underlined on its value', () => {
    const text = workflow([hook({ headers: { Authorization: 'Bearer sk-CANARY-hook' } })]);
    const [use] = analyzeWorkflowSecurity(text, freshCatalog()).credentials.uses;
    assert.deepEqual([use.source, use.field, use.entryKey, use.required, use.provider.name, use.secretName, use.path], ['literal', 'headers', 'Authorization', false, 'Webhook', 'webhook_authorization', ['steps', 0, 'headers', 'Authorization']]);
    assert.equal(slice(text, use.range), '"Bearer sk-CANARY-hook"');
  });

  it('a credential-named header with a malformed selector records no use', () => {
    const text = workflow([hook({ headers: { Authorization: '$inputs' } })]);
    assert.deepEqual(analyzeWorkflowSecurity(text, freshCatalog()).credentials.uses, []);
  });

  it('a header selecting an undeclared or non-secret input is not a credential', () => {
    const text = workflow([hook({ headers: { 'X-Custom': '$inputs.nope', 'X-Other': '$inputs.plain' } })], [{ type: 'WorkflowParameter', name: 'plain', kind: ['string'] }]);
    assert.deepEqual(analyzeWorkflowSecurity(text, freshCatalog()).credentials.uses, []);
  });

  it('a header selecting an API-key input is a credential from that input', () => {
    const text = workflow([hook({ headers: { 'X-Custom': '$inputs.key' } })], [{ type: 'WorkflowParameter', name: 'key', kind: ['roboflow_api_key'] }]);
    const uses = analyzeWorkflowSecurity(text, freshCatalog()).credentials.uses;
    assert.deepEqual(uses.map((u) => [u.entryKey, u.source, u.inputName, u.required]), [['X-Custom', 'input', 'key', false]]);
  });

  it('a header or query parameter taken from a secrets provider is an environment credential', () => {
    const text = workflow([
      { type: 'roboflow_core/environment_secrets_store@v1', name: 'env', variables_storing_secrets: ['MY_TOKEN'] },
      hook({ headers: { 'X-Custom': '$steps.env.my_token', 'X-Plain': '$steps.other.x' } }),
    ]);
    const uses = analyzeWorkflowSecurity(text, freshCatalog()).credentials.uses;
    assert.deepEqual(uses.map((u) => [u.entryKey, u.source, u.environment, u.secretName]), [['X-Custom', 'environment', { step: 'env', variable: 'my_token' }, 'my_token']]);
  });

  it('says which header or query parameter has a literal that may be a credential', () => {
    const token = 'abcdefABCDEF1234567890xyzXYZ';
    const text = workflow([hook({ headers: { 'X-Trace': token }, query_parameters: { trace: token } })]);
    const { uncertain } = analyzeWorkflowSecurity(text, freshCatalog()).credentials;
    assert.deepEqual(
      uncertain.map((u) => [u.message, slice(text, u.range)]).sort(),
      [
        ['Step `hook` sends header `X-Trace` with a literal value that may be a credential.', `"${token}"`],
        ['Step `hook` sends query parameter `trace` with a literal value that may be a credential.', `"${token}"`],
      ],
    );
  });

  it('a provider setting left on the managed key records that setting as an optional use', () => {
    const email = { type: 'roboflow_core/email_notification@v2', name: 'mail', subject: 's', message: 'm', receiver_email: 'a@example.com', email_provider: 'Roboflow Managed API Key' };
    const text = workflow([email]);
    const [setting] = analyzeWorkflowSecurity(text, freshCatalog()).credentials.uses;
    assert.deepEqual(
      [setting.field, setting.source, setting.managedKey, setting.managedBy, setting.required, setting.inputKinds, setting.path],
      ['email_provider', 'managed-key', 'account', 'provider-setting', false, [], ['steps', 0, 'email_provider']],
    );
    assert.equal(slice(text, setting.range), '"Roboflow Managed API Key"');
  });

  it('a server block offering the managed provider but taking no credentials records no use', () => {
    // A live server's catalog may describe such a block; only blocks with credential fields are credentialed.
    const data = freshCatalog().data;
    const email = data.blocks.find((b) => b.type === 'roboflow_core/email_notification@v2')!;
    const plain = { ...email, type: 'acme/notify@v1', aliases: [], credentialFields: [], fields: email.fields.filter((f) => f.name !== 'sender_email_password') };
    const text = workflow([{ type: 'acme/notify@v1', name: 'mail', subject: 's', message: 'm', receiver_email: 'a@example.com', email_provider: 'Roboflow Managed API Key' }]);
    const { credentials } = analyzeWorkflowSecurity(text, new Catalog({ ...data, blocks: [...data.blocks, plain] }));
    assert.deepEqual([credentials.uses, credentials.credentialedSteps], [[], []]);
  });
});
