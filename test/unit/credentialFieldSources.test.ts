import assert from 'node:assert/strict';
import { analyzeWorkflowSecurity } from '../../src/core/analysis/analyze';
import { knownProviders, providerById } from '../../src/core/analysis/providers';
import { classifyModelId } from '../../src/core/analysis/publicModels';
import { Catalog } from '../../src/core/catalog/catalog';
import { catalogWithBlock } from '../support/catalogChanges';
import { freshCatalog } from '../support/freshCatalog';
import { gpt } from '../support/securitySteps';

function workflow(steps: object[], inputs: object[] = []): string {
  return JSON.stringify({ version: '1.0', inputs: [{ type: 'WorkflowImage', name: 'image' }, ...inputs], steps, outputs: [] }, null, 2);
}

/** What the credential list shows for each use. */
function usesOf(text: string, catalog: Catalog) {
  return analyzeWorkflowSecurity(text, catalog).credentials.uses.map((u) => ({ provider: u.provider.name, field: u.field, source: u.source, required: u.required, inputName: u.inputName }));
}

const OPENAI = 'roboflow_core/open_ai@v2';
const EMAIL = 'roboflow_core/email_notification@v2';
const email = (extra: object) => ({ type: EMAIL, name: 'mail', subject: 's', message: 'm', receiver_email: 'a@example.com', email_provider: 'Custom SMTP', ...extra });

describe('credential fields: the catalog list and the fields it may leave out', () => {
  it('finds a private API key of a block whose catalog entry has no credential list', () => {
    const catalog = catalogWithBlock(OPENAI, (b) => ({ ...b, credentialFields: [] }));
    assert.deepEqual(usesOf(workflow([gpt('sk-CANARY-openai-0123456789')]), catalog), [{ provider: 'OpenAI', field: 'api_key', source: 'literal', required: true, inputName: undefined }]);
  });

  it('finds a field taking secret selectors, though neither listed nor private', () => {
    const catalog = catalogWithBlock(EMAIL, (b) => ({ ...b, credentialFields: [] }));
    const text = workflow([email({ sender_email_password: '$inputs.pw' })], [{ type: 'WorkflowParameter', name: 'pw', kind: ['secret'] }]);
    assert.deepEqual(usesOf(text, catalog), [{ provider: 'SMTP (email)', field: 'sender_email_password', source: 'input', required: false, inputName: 'pw' }]);
  });

  it('finds a private field that takes only literals, and reads its value as a single credential', () => {
    // No selector kinds and no containers: only `private` marks it.
    const catalog = catalogWithBlock(OPENAI, (b) => ({
      ...b,
      credentialFields: [],
      fields: b.fields.map((f) => (f.name === 'api_key' ? { ...f, selectorKinds: [], selectorTargets: [], containers: [] } : f)),
    }));
    assert.deepEqual(usesOf(workflow([gpt('sk-CANARY-openai-0123456789')]), catalog), [{ provider: 'OpenAI', field: 'api_key', source: 'literal', required: true, inputName: undefined }]);
  });

  it('finds a listed field that is neither private nor takes secrets (an MQTT password)', () => {
    const mqtt = { type: 'roboflow_enterprise/mqtt_writer_sink@v2', name: 'mqtt', host: 'broker.example.com', port: 1883, topic: 't', message: 'm', password: '$inputs.mqtt_pw' };
    const text = workflow([mqtt], [{ type: 'WorkflowParameter', name: 'mqtt_pw' }]);
    assert.deepEqual(usesOf(text, freshCatalog()), [{ provider: 'MQTT broker', field: 'password', source: 'input', required: false, inputName: 'mqtt_pw' }]);
  });

  it("takes a listed field's managed default from the list, when the step leaves the key out", () => {
    const catalog = catalogWithBlock(OPENAI, (b) => ({ ...b, credentialFields: b.credentialFields.map((c) => ({ ...c, default: 'rf_key:account' })) }));
    const [use] = analyzeWorkflowSecurity(workflow([gpt(null)]), catalog).credentials.uses;
    assert.deepEqual([use.field, use.source, use.managedKey, use.managedBy], ['api_key', 'managed-key', 'account', 'block-default']);
  });

  it('records nothing for a credential-named header left empty', () => {
    const hook = { type: 'roboflow_core/webhook_sink@v1', name: 'hook', url: 'https://example.com/hook', headers: { Authorization: '' } };
    const { credentials } = analyzeWorkflowSecurity(workflow([hook]), freshCatalog());
    assert.deepEqual([credentials.uses, credentials.credentialedSteps], [[], []]);
  });
});

describe('known credential providers', () => {
  it('finds a provider by the id a stored credential records', () => {
    assert.deepEqual([providerById('openai')?.name, providerById('google-gemini')?.name, providerById('sql-server')?.name, providerById('nobody')], ['OpenAI', 'Google Gemini', 'SQL Server', undefined]);
  });

  it('lists every known provider by name, in alphabetical order', () => {
    assert.deepEqual(
      knownProviders().map((p) => p.name),
      ['Anthropic', 'AWS S3', 'Google Gemini', 'Google Vision', 'Kafka broker', 'MQTT broker', 'ONVIF camera', 'OPC UA server', 'OpenAI', 'OpenAI-compatible server', 'OpenRouter', 'PostgreSQL', 'Slack', 'SMTP (email)', 'SQL Server', 'Stability AI', 'Twilio', 'Webhook', 'xAI'],
    );
  });
});

describe('built-in public models', () => {
  it("counts a model id listed among a model field's choices as built-in, not only its default", () => {
    assert.deepEqual(classifyModelId('qwen3_5-4b', freshCatalog()), { visibility: 'public', reason: 'built-in' });
  });
});
