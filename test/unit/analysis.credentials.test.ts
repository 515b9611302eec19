import assert from 'node:assert/strict';
import { analyzeWorkflowSecurity } from '../../src/core/analysis/analyze';
import { isCredentialEntryName, isPlaceholder, type CredentialUse } from '../../src/core/analysis/credentials';
import { credentialInputBaseName, credentialInputKinds, uniqueName } from '../../src/core/analysis/inputNames';
import { providerFor } from '../../src/core/analysis/providers';
import { bundledCatalog } from '../../src/core/catalog/bundled';

const catalog = bundledCatalog();
const CANARY = 'sk-CANARY-0123456789abcdef';

function workflow(steps: object[], inputs: object[] = []): string {
  return JSON.stringify({ version: '1.0', inputs: [{ type: 'WorkflowImage', name: 'image' }, ...inputs], steps, outputs: [] }, null, 2);
}

function uses(text: string): CredentialUse[] {
  return analyzeWorkflowSecurity(text, catalog).credentials.uses;
}

function slice(text: string, range: { offset: number; length: number }): string {
  return text.slice(range.offset, range.offset + range.length);
}

const openAiV2 = (apiKey?: unknown) => ({ type: 'roboflow_core/open_ai@v2', name: 'gpt', images: '$inputs.image', task_type: 'unconstrained', prompt: 'hi', ...(apiKey === undefined ? {} : { api_key: apiKey }) });
const openAiV4 = (apiKey?: unknown) => ({ ...openAiV2(apiKey), type: 'roboflow_core/open_ai@v4' });

describe('analysis: credentials', () => {
  it('classifies a literal as a literal secret, located on the value, without keeping the value', () => {
    const text = workflow([openAiV2(CANARY)]);
    const { credentials } = analyzeWorkflowSecurity(text, catalog);
    assert.equal(credentials.uses.length, 1);
    const [use] = credentials.uses;
    assert.equal(use.source, 'literal');
    assert.equal(use.provider.name, 'OpenAI');
    assert.equal(use.secretName, 'openai_api_key');
    assert.deepEqual(use.path, ['steps', 0, 'api_key']);
    assert.equal(slice(text, use.range), JSON.stringify(CANARY));
    assert.equal(credentials.literalSecrets.length, 1);
    assert.equal(credentials.literalSecrets[0].where, 'step');
    assert.ok(!JSON.stringify(credentials).includes(CANARY), 'the analysis must not carry the value');
  });

  it('classifies $inputs.x as a run-time credential and notes whether the input is of kind secret', () => {
    const text = workflow([openAiV2('$inputs.key'), { ...openAiV2('$inputs.typed'), name: 'gpt2' }], [
      { type: 'WorkflowParameter', name: 'key' },
      { type: 'WorkflowParameter', name: 'typed', kind: ['secret'] },
    ]);
    const [plain, typed] = uses(text);
    assert.equal(plain.source, 'input');
    assert.equal(plain.inputName, 'key');
    assert.equal(plain.secretName, 'key');
    assert.equal(plain.inputDeclaredSecret, false);
    assert.equal(typed.inputDeclaredSecret, true);
    assert.equal(slice(text, plain.inputRange!), '"key"');
  });

  it('reports a literal default_value of a credential input once, on the input', () => {
    const text = workflow([openAiV2('$inputs.key'), { ...openAiV2('$inputs.key'), name: 'gpt2' }], [{ type: 'WorkflowParameter', name: 'key', default_value: CANARY }]);
    const { credentials } = analyzeWorkflowSecurity(text, catalog);
    assert.equal(credentials.literalSecrets.length, 1);
    const [secret] = credentials.literalSecrets;
    assert.equal(secret.where, 'input-default');
    assert.equal(secret.inputName, 'key');
    assert.deepEqual(secret.path, ['inputs', 1, 'default_value']);
    assert.equal(slice(text, secret.range), JSON.stringify(CANARY));
    assert.ok(credentials.uses.every((u) => u.inputDefault === 'literal'));
  });

  it('classifies outputs of environment_secrets_store as the server environment', () => {
    const text = workflow([
      { type: 'roboflow_core/environment_secrets_store@v1', name: 'env', variables_storing_secrets: ['OPENAI_KEY'] },
      openAiV2('$steps.env.openai_key'),
    ]);
    const [use] = uses(text);
    assert.equal(use.source, 'environment');
    assert.deepEqual(use.environment, { step: 'env', variable: 'openai_key' });
    assert.equal(use.secretName, 'openai_key');
  });

  it('classifies other step outputs as computed at run time', () => {
    const text = workflow([{ type: 'roboflow_core/json_parser@v1', name: 'parse', raw_json: '$inputs.image', expected_fields: ['k'] }, openAiV2('$steps.parse.k')]);
    assert.equal(uses(text).find((u) => u.stepName === 'gpt')?.source, 'step-output');
  });

  it('recognises Roboflow-managed keys: explicit values and block defaults', () => {
    const text = workflow([openAiV4('rf_key:account'), { ...openAiV4('rf_key:user:abc123'), name: 'gpt2' }, { ...openAiV4(), name: 'gpt3' }]);
    const [account, user, byDefault] = uses(text);
    assert.deepEqual([account.source, account.managedKey, account.managedBy], ['managed-key', 'account', 'value']);
    assert.deepEqual([user.source, user.managedKey], ['managed-key', 'user']);
    assert.ok(user.secretName, 'a key stored in your Roboflow settings gets an input name for sharing');
    assert.deepEqual([byDefault.source, byDefault.managedKey, byDefault.managedBy], ['managed-key', 'account', 'block-default']);
    assert.equal(slice(text, byDefault.range), '"roboflow_core/open_ai@v4"');
  });

  it('distinguishes absent optional credentials (nothing needed) from absent required ones', () => {
    const text = workflow([
      { type: 'roboflow_core/openai_compatible@v1', name: 'local', images: '$inputs.image', prompt: 'hi', base_url: 'http://localhost:8000', model_name: 'm' },
      openAiV2(),
    ]);
    const { credentials } = analyzeWorkflowSecurity(text, catalog);
    assert.deepEqual(credentials.uses.map((u) => [u.stepName, u.source]), [['local', 'not-needed'], ['gpt', 'missing']]);
    assert.deepEqual(credentials.credentialedSteps.map((s) => s.stepName), ['gpt']);
  });

  it('follows email/SMS provider settings: managed by default, custom needs the password', () => {
    const email = { type: 'roboflow_core/email_notification@v2', name: 'mail', subject: 's', message: 'm', receiver_email: 'a@example.com' };
    const managed = uses(workflow([email]));
    assert.deepEqual(managed.map((u) => [u.field, u.source, u.managedBy]), [['email_provider', 'managed-key', 'provider-setting'], ['sender_email_password', 'not-needed', undefined]]);
    const custom = uses(workflow([{ ...email, email_provider: 'Custom SMTP', sender_email: 'me@example.com' }]));
    assert.deepEqual(custom.map((u) => [u.field, u.source]), [['sender_email_password', 'missing']]);
    const customWithInput = uses(workflow([{ ...email, email_provider: 'Custom SMTP', sender_email_password: '$inputs.pw' }], [{ type: 'WorkflowParameter', name: 'pw' }]));
    assert.deepEqual(customWithInput.map((u) => [u.field, u.source, u.provider.id]), [['sender_email_password', 'input', 'smtp']]);
  });

  it('treats placeholders as placeholders, not secrets', () => {
    for (const value of ['<YOUR_API_KEY>', 'YOUR_API_KEY', 'your-openai-key', 'sk-****', 'xxxx', 'REPLACE_ME', 'paste_key_here']) {
      assert.ok(isPlaceholder(value), value);
      const text = workflow([openAiV2(value)]);
      const { credentials } = analyzeWorkflowSecurity(text, catalog);
      assert.equal(credentials.uses[0].source, 'placeholder', value);
      assert.equal(credentials.literalSecrets.length, 0, value);
    }
    for (const value of [CANARY, 'abc123', 'my-real-key-123']) assert.ok(!isPlaceholder(value), value);
  });

  it('finds every credential field of multi-credential blocks (Twilio, S3)', () => {
    const text = workflow(
      [
        { type: 'roboflow_core/twilio_sms_notification@v1', name: 'sms', twilio_account_sid: 'AC-CANARY-SID-0001', twilio_auth_token: '$inputs.token', message: 'hi', sender_number: '+1', receiver_number: '+2' },
        { type: 'roboflow_core/s3_sink@v1', name: 's3', content: '$inputs.image', bucket_name: 'b', aws_access_key_id: 'AKIA-CANARY', aws_secret_access_key: 'sk-CANARY-s3' },
      ],
      [{ type: 'WorkflowParameter', name: 'token' }],
    );
    const { credentials } = analyzeWorkflowSecurity(text, catalog);
    assert.deepEqual(
      credentials.uses.map((u) => [u.stepName, u.field, u.source, u.secretName]),
      [
        ['sms', 'twilio_account_sid', 'literal', 'twilio_account_sid'],
        ['sms', 'twilio_auth_token', 'input', 'token'],
        ['s3', 'aws_access_key_id', 'literal', 'aws_access_key_id'],
        ['s3', 'aws_secret_access_key', 'literal', 'aws_secret_access_key'],
      ],
    );
    assert.deepEqual(credentials.credentialedSteps.map((s) => [s.stepName, s.provider.name]), [['sms', 'Twilio'], ['s3', 'AWS S3']]);
  });

  describe('webhook headers and query parameters', () => {
    const hook = (extra: object) => ({ type: 'roboflow_core/webhook_sink@v1', name: 'hook', url: 'https://example.com/hook', ...extra });

    it('treats credential-named entries as credentials and leaves the rest alone', () => {
      const text = workflow(
        [hook({ headers: { Authorization: 'Bearer sk-CANARY-hook', 'Content-Type': 'application/json', 'X-Api-Key': '$inputs.k' }, query_parameters: { api_key: 'sk-CANARY-q', page: '2', token: '$inputs.t' } })],
        [{ type: 'WorkflowParameter', name: 'k' }, { type: 'WorkflowParameter', name: 't' }],
      );
      const { credentials } = analyzeWorkflowSecurity(text, catalog);
      assert.deepEqual(
        credentials.uses.map((u) => [u.field, u.entryKey, u.source, u.secretName]),
        [
          ['query_parameters', 'api_key', 'literal', 'webhook_api_key'],
          ['query_parameters', 'token', 'input', 't'],
          ['headers', 'Authorization', 'literal', 'webhook_authorization'],
          ['headers', 'X-Api-Key', 'input', 'k'],
        ],
      );
      assert.deepEqual(credentials.literalSecrets.map((s) => s.path), [['steps', 0, 'query_parameters', 'api_key'], ['steps', 0, 'headers', 'Authorization']]);
      assert.equal(credentials.uncertain.length, 0);
    });

    it('counts any entry that selects a secret input, and says once when a value cannot be known', () => {
      const text = workflow([hook({ headers: { 'X-Custom': '$inputs.s', 'X-Trace': 'abcdefABCDEF1234567890xyzXYZ', Accept: 'text/plain' } })], [{ type: 'WorkflowParameter', name: 's', kind: ['secret'] }]);
      const { credentials } = analyzeWorkflowSecurity(text, catalog);
      assert.deepEqual(credentials.uses.map((u) => [u.entryKey, u.source]), [['X-Custom', 'input']]);
      assert.equal(credentials.uncertain.length, 1);
      assert.match(credentials.uncertain[0].message, /X-Trace/);
      assert.ok(!credentials.uncertain[0].message.includes('abcdef'));
    });

    it('a webhook without credential entries is not a credentialed step', () => {
      const text = workflow([hook({ headers: { 'Content-Type': 'application/json' } })]);
      assert.equal(analyzeWorkflowSecurity(text, catalog).credentials.credentialedSteps.length, 0);
    });

    it('knows credential-like names', () => {
      for (const name of ['Authorization', 'X-API-Key', 'api-key', 'X-Auth-Token', 'token', 'Cookie', 'client_secret']) assert.ok(isCredentialEntryName('headers', name), name);
      for (const name of ['api_key', 'key', 'token', 'access_token', 'sig']) assert.ok(isCredentialEntryName('query_parameters', name), name);
      for (const name of ['Content-Type', 'Accept', 'X-Request-Id', 'page']) assert.ok(!isCredentialEntryName('headers', name), name);
      assert.ok(!isCredentialEntryName('headers', 'key'), 'a header called key is too vague');
    });
  });

  it('notes custom Python blocks as unchecked, and leaves unknown block types to the validator', () => {
    const text = JSON.stringify({
      version: '1.0',
      inputs: [],
      dynamic_blocks_definitions: [{ type: 'DynamicBlockDefinition', manifest: { type: 'ManifestDescription', block_type: 'MyBlock', inputs: {}, outputs: {} }, code: { type: 'PythonCode', run_function_code: '' } }],
      steps: [{ type: 'MyBlock', name: 'py' }, { type: 'acme/unknown@v1', name: 'mystery', api_key: 'sk-CANARY-unknown' }],
      outputs: [],
    });
    const { credentials } = analyzeWorkflowSecurity(text, catalog);
    assert.equal(credentials.uncertain.length, 1);
    assert.match(credentials.uncertain[0].message, /`py` runs custom Python/);
    assert.equal(credentials.uses.length, 0);
  });

  describe('providers and input names', () => {
    it('derives providers from block type ids', () => {
      const expected: [string, string][] = [
        ['roboflow_core/open_ai@v1', 'OpenAI'],
        ['roboflow_core/lmm@v1', 'OpenAI'],
        ['roboflow_core/anthropic_claude@v3', 'Anthropic'],
        ['roboflow_core/google_gemini@v4', 'Google Gemini'],
        ['roboflow_core/google_vision_ocr@v1', 'Google Vision'],
        ['roboflow_core/openrouter@v1', 'OpenRouter'],
        ['roboflow_core/llama_3_2_vision@v1', 'OpenRouter'],
        ['roboflow_core/google_gemma@v2', 'OpenRouter'],
        ['roboflow_core/spacexai@v1', 'xAI'],
        ['roboflow_core/stability_ai_inpainting@v1', 'Stability AI'],
        ['roboflow_core/twilio_sms_notification@v2', 'Twilio'],
        ['roboflow_core/slack_notification@v1', 'Slack'],
        ['roboflow_core/email_notification@v1', 'SMTP (email)'],
        ['roboflow_core/s3_sink@v1', 'AWS S3'],
        ['roboflow_core/onvif_sink@v1', 'ONVIF camera'],
        ['roboflow_core/webhook_sink@v1', 'Webhook'],
        ['roboflow_core/openai_compatible@v1', 'OpenAI-compatible server'],
        ['roboflow_enterprise/mqtt_writer_sink@v1', 'MQTT broker'],
      ];
      for (const [type, name] of expected) assert.equal(providerFor(type).name, name, type);
    });

    it('every catalog block with credentials has a named provider', () => {
      for (const block of catalog.data.blocks) {
        if (!block.credentialFields.length) continue;
        const provider = providerFor(block.type);
        assert.ok(/^[a-z][a-z0-9-]*$/.test(provider.id), block.type);
        assert.ok(provider.name !== provider.id.replace(/-/g, ' '), `no provider name for ${block.type}`);
      }
    });

    it('suggests readable, unique input names', () => {
      assert.equal(credentialInputBaseName(providerFor('roboflow_core/open_ai@v4'), 'api_key'), 'openai_api_key');
      assert.equal(credentialInputBaseName(providerFor('roboflow_core/open_ai@v1'), 'openai_api_key'), 'openai_api_key');
      assert.equal(credentialInputBaseName(providerFor('roboflow_core/slack_notification@v1'), 'slack_token'), 'slack_token');
      assert.equal(credentialInputBaseName(providerFor('roboflow_core/webhook_sink@v1'), 'headers', 'X-API-Key'), 'webhook_x_api_key');
      const taken = new Set(['openai_api_key']);
      assert.equal(uniqueName('openai_api_key', taken), 'openai_api_key_2');
      assert.equal(uniqueName('openai_api_key', taken), 'openai_api_key_3');
    });

    it('picks input kinds the field accepts', () => {
      const field = (name: string, type: string) => catalog.field(catalog.block(type)!, name);
      assert.deepEqual(credentialInputKinds(field('api_key', 'roboflow_core/open_ai@v4')), ['secret']);
      assert.deepEqual(credentialInputKinds(field('headers', 'roboflow_core/webhook_sink@v1')), ['secret', 'string']);
      assert.deepEqual(credentialInputKinds(field('api_key', 'roboflow_core/llama_3_2_vision@v1')), ['secret', 'string']);
    });

    it('gives two literal secrets of one provider distinct names, avoiding declared inputs', () => {
      const text = workflow([openAiV2('sk-CANARY-a'), { ...openAiV2('sk-CANARY-b'), name: 'gpt2' }], [{ type: 'WorkflowParameter', name: 'openai_api_key' }]);
      assert.deepEqual(uses(text).map((u) => u.secretName), ['openai_api_key_2', 'openai_api_key_3']);
    });
  });
});
