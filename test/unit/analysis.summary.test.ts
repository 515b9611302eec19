import assert from 'node:assert/strict';
import { analyzeWorkflowSecurity } from '../../src/core/analysis/analyze';
import { securitySummary } from '../../src/core/analysis/summary';
import { bundledCatalog } from '../../src/core/catalog/bundled';

const catalog = bundledCatalog();
const CANARY = 'sk-CANARY-summary-0123456789';

const text = JSON.stringify(
  {
    version: '1.0',
    inputs: [
      { type: 'WorkflowImage', name: 'image' },
      { type: 'WorkflowParameter', name: 'slack', kind: ['secret'] },
      { type: 'WorkflowParameter', name: 'model' },
    ],
    steps: [
      { type: 'roboflow_core/roboflow_object_detection_model@v2', name: 'det', images: '$inputs.image', model_id: 'acme/3' },
      { type: 'roboflow_core/roboflow_object_detection_model@v2', name: 'det2', images: '$inputs.image', model_id: '$inputs.model' },
      { type: 'roboflow_core/open_ai@v2', name: 'gpt', images: '$inputs.image', task_type: 'unconstrained', prompt: 'hi', api_key: CANARY },
      { type: 'roboflow_core/anthropic_claude@v3', name: 'claude', images: '$inputs.image', task_type: 'unconstrained', prompt: 'hi' },
      { type: 'roboflow_core/slack_notification@v1', name: 'notify', slack_token: '$inputs.slack', message: 'm', channel: 'c' },
    ],
    outputs: [],
  },
  null,
  2,
);

describe('analysis: summary for code lenses', () => {
  let analysis: ReturnType<typeof analyzeWorkflowSecurity>;
  beforeEach(() => {
    analysis = analyzeWorkflowSecurity(text, catalog);
  });

  it('lists private-model steps with what people you share with get', () => {
    const own = securitySummary(analysis);
    assert.deepEqual(own.privateModels.map((l) => [l.stepName, l.modelId, l.sharees]), [['det', 'acme/3', 'must use their own key']]);
    assert.equal(own.privateModels[0].text, 'Private model `acme/3` · people you share with must use their own key');
    const owner = securitySummary(analysis, { runAccess: 'owner-key', credentials: 'user-provided' });
    assert.equal(owner.privateModels[0].sharees, 'run it under your key');
    assert.deepEqual(own.modelsDecidedAtRunTime?.stepNames, ['det2']);
  });

  it('lists credentialed steps with provider, source and what people you share with get', () => {
    const summary = securitySummary(analysis);
    assert.deepEqual(
      summary.credentialSteps.map((l) => [l.stepName, l.provider.name, l.items.map((i) => [i.source, i.from, i.sharees])]),
      [
        ['gpt', 'OpenAI', [['literal', 'written in the file', 'supply their own']]],
        ['claude', 'Anthropic', [['managed-key', 'Roboflow-managed key', 'spend their own Roboflow credits']]],
        ['notify', 'Slack', [['input', 'input `slack`', 'supply their own']]],
      ],
    );
    const hidden = securitySummary(analysis, { runAccess: 'owner-key', credentials: 'owner-hidden' });
    assert.deepEqual(hidden.credentialSteps.map((l) => l.items[0].sharees), ['run it with yours, hidden', 'spend your Roboflow credits', 'run it with yours, hidden']);
    assert.equal(summary.credentialSteps[2].text, 'Slack · `slack_token`: input `slack` · people you share with supply their own');
    assert.equal(text.slice(summary.credentialSteps[0].range.offset, summary.credentialSteps[0].range.offset + 1), '{', 'the lens range is the step object');
  });

  it('names the secrets the editor may hold in SecretStorage', () => {
    const summary = securitySummary(analysis);
    assert.deepEqual(
      summary.secretsNeeded.map((s) => [s.name, s.providerId, s.source, s.declared, s.declaredSecret]),
      [
        ['openai_api_key', 'openai', 'literal', false, true],
        ['slack', 'slack', 'input', true, true],
      ],
    );
    assert.equal(summary.literalSecretCount, 1);
  });

  it('summarises the sharing configuration in one line', () => {
    assert.equal(securitySummary(analysis).sharing.text, 'Sharing · Run access: their own key · Credentials: they supply their own');
    const plain = analyzeWorkflowSecurity(JSON.stringify({ version: '1.0', inputs: [], steps: [], outputs: [] }), catalog);
    assert.equal(
      securitySummary(plain, { runAccess: 'owner-key', credentials: 'owner-hidden' }).sharing.text,
      'Sharing · Run access: your key (not offered: no private model) · Credentials: yours, hidden (not offered: no step needs credentials)',
    );
  });

  it('never carries a secret value', () => {
    assert.ok(!JSON.stringify(securitySummary(analysis)).includes(CANARY));
  });
});
