import assert from 'node:assert/strict';
import { analyzeWorkflowSecurity } from '../../src/core/analysis/analyze';
import { securitySummary, type SecuritySummary } from '../../src/core/analysis/summary';
import type { SharingSettings } from '../../src/core/sharing/settings';
import { freshCatalog } from '../support/freshCatalog';
import { det, gpt } from '../support/securitySteps';
import { workflowText } from '../support/workflowText';

const IMAGE = { type: 'WorkflowImage', name: 'image' };
const OWN: SharingSettings = { runAccess: 'own-key', credentials: 'user-provided' };
const HIDDEN: SharingSettings = { runAccess: 'own-key', credentials: 'owner-hidden' };
const openAiV4 = (apiKey: string, name: string) => ({ ...gpt(apiKey, name), type: 'roboflow_core/open_ai@v4' });

function summaryOf(steps: object[], settings: SharingSettings = OWN, inputs: object[] = []): SecuritySummary {
  const text = workflowText({ inputs: [IMAGE, ...inputs], steps, outputs: [] });
  return securitySummary(analyzeWorkflowSecurity(text, freshCatalog()), settings);
}

describe('security summary texts', () => {
  it('says where each credential comes from and what people you share with do, for every kind of source', () => {
    const steps = [
      { type: 'roboflow_core/environment_secrets_store@v1', name: 'env', variables_storing_secrets: ['OPENAI_KEY'] },
      gpt('$steps.env.openai_key', 'from_env'),
      det('yolov8n-640'),
      gpt('$steps.det.predictions', 'from_step'),
      gpt('YOUR_API_KEY', 'placeholder'),
      openAiV4('rf_key:user:abc123', 'user_key'),
      openAiV4('rf_key:account', 'account_key'),
      gpt(undefined, 'unset'),
    ];
    const lines = (summary: SecuritySummary) => summary.credentialSteps.map((step) => step.text);
    assert.deepEqual(lines(summaryOf(steps)), [
      'OpenAI · `api_key`: server environment `openai_key` · people you share with supply their own',
      "OpenAI · `api_key`: another step's output · people you share with use the value computed when it runs",
      'OpenAI · `api_key`: a placeholder · people you share with supply their own',
      'OpenAI · `api_key`: your key stored in Roboflow · people you share with supply their own',
      'OpenAI · `api_key`: Roboflow-managed key · people you share with spend their own Roboflow credits',
      'OpenAI · `api_key`: not set · people you share with cannot run it until you set it',
    ]);
    // Hidden credentials change what people you share with do with a key, never with Roboflow credits.
    assert.deepEqual(lines(summaryOf(steps, HIDDEN)), [
      'OpenAI · `api_key`: server environment `openai_key` · people you share with run it with yours, hidden',
      "OpenAI · `api_key`: another step's output · people you share with use the value computed when it runs",
      'OpenAI · `api_key`: a placeholder · people you share with run it with yours, hidden',
      'OpenAI · `api_key`: your key stored in Roboflow · people you share with run it with yours, hidden',
      'OpenAI · `api_key`: Roboflow-managed key · people you share with spend their own Roboflow credits',
      'OpenAI · `api_key`: not set · people you share with cannot run it until you set it',
    ]);
  });

  it('a step with two credentials: one line, a semicolon between them', () => {
    const mail = { type: 'roboflow_core/email_notification@v2', name: 'mail', email_provider: 'Roboflow Managed API Key', subject: 's', receiver_email: 'a@b.c', message: 'm', sender_email_password: '$inputs.pw' };
    assert.equal(
      summaryOf([mail]).credentialSteps[0].text,
      'SMTP (email) · `email_provider`: Roboflow-managed key · people you share with spend their own Roboflow credits; `sender_email_password`: input `pw` · people you share with supply their own',
    );
  });

  it('each credential SecretStorage may hold is listed once, with every step that reads it', () => {
    const hook = { type: 'roboflow_core/webhook_sink@v1', name: 'hook', url: 'https://h.example/in', json_payload: {}, headers: { Authorization: '$inputs.tok', 'X-Api-Key': '$inputs.tok' } };
    const steps = [
      gpt('$inputs.openai_api_key', 'first'),
      gpt('$inputs.openai_api_key', 'second'),
      hook,
      gpt('$inputs.undeclared', 'undeclared'),
      gpt('$inputs.plain', 'plain'),
      openAiV4('rf_key:user:abc123', 'user_key'),
      openAiV4('rf_key:account', 'account_key'),
      gpt('$steps.first.output', 'from_step'),
    ];
    const inputs = [{ type: 'WorkflowParameter', name: 'openai_api_key', kind: ['secret'] }, { type: 'WorkflowParameter', name: 'tok', kind: ['secret'] }, { type: 'WorkflowParameter', name: 'plain' }];
    assert.deepEqual(summaryOf(steps, OWN, inputs).secretsNeeded, [
      { name: 'openai_api_key', providerId: 'openai', providerName: 'OpenAI', steps: ['first', 'second'], source: 'input', declared: true, declaredSecret: true },
      { name: 'tok', providerId: 'webhook', providerName: 'Webhook', steps: ['hook'], source: 'input', declared: true, declaredSecret: true },
      { name: 'undeclared', providerId: 'openai', providerName: 'OpenAI', steps: ['undeclared'], source: 'input', declared: false, declaredSecret: true },
      { name: 'plain', providerId: 'openai', providerName: 'OpenAI', steps: ['plain'], source: 'input', declared: true, declaredSecret: false },
      // A key stored in your Roboflow settings becomes an input when shared; the account's key never does.
      { name: 'openai_api_key_2', providerId: 'openai', providerName: 'OpenAI', steps: ['user_key'], source: 'managed-key', declared: false, declaredSecret: true },
    ]);
  });

  it('a model chosen by an input is said to be known only at run time', () => {
    const summary = summaryOf([det('$inputs.model', 'by_input'), det('$inputs.model', 'again')], OWN, [{ type: 'WorkflowParameter', name: 'model' }]);
    assert.deepEqual(summary.modelsDecidedAtRunTime && [summary.modelsDecidedAtRunTime.stepNames, summary.modelsDecidedAtRunTime.text], [
      ['by_input', 'again'],
      'Model decided at run time · public or private is known only then',
    ]);
  });
});
