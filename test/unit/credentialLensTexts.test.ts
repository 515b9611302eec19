import assert from 'node:assert/strict';
import { analyzeWorkflowSecurity } from '../../src/core/analysis/analyze';
import { securityLensTexts, type LensText } from '../../src/core/analysis/lensTexts';
import { securitySummary, type SecuritySummary } from '../../src/core/analysis/summary';
import type { SharingSettings } from '../../src/core/sharing/settings';
import { freshCatalog } from '../support/freshCatalog';
import { det, gpt } from '../support/securitySteps';
import { workflowText } from '../support/workflowText';

const IMAGE = { type: 'WorkflowImage', name: 'image' };
const OWN: SharingSettings = { runAccess: 'own-key', credentials: 'user-provided' };
const HIDDEN: SharingSettings = { runAccess: 'own-key', credentials: 'owner-hidden' };
const ENV_STORE = { type: 'roboflow_core/environment_secrets_store@v1', name: 'env', variables_storing_secrets: ['OPENAI_KEY'] };
const SMS = { type: 'roboflow_core/twilio_sms_notification@v1', name: 'sms', twilio_account_sid: '$inputs.sid', twilio_auth_token: '$inputs.token', sender_number: '1', receiver_number: '2', message: 'm', cooldown_session_key: 'k' };
const TYPED_TOOLTIP = 'The workflow chooses the address this credential is sent to, so a preview asks for it each time instead of using a stored one';

function summaryOf(steps: object[], settings: SharingSettings, inputs: object[] = []): SecuritySummary {
  const text = workflowText({ inputs: [IMAGE, ...inputs], steps, outputs: [] });
  return securitySummary(analyzeWorkflowSecurity(text, freshCatalog()), settings);
}

const view = (lenses: LensText[]) => lenses.map((l) => [l.title, l.tooltip, l.action]);

describe('credential lens texts', () => {
  it('a credential no input holds says where it comes from; only a named one can be stored', () => {
    const steps = [
      ENV_STORE,
      gpt('$steps.env.openai_key', 'from_env'),
      det('yolov8n-640'),
      gpt('$steps.det.predictions', 'from_step'),
      gpt('YOUR_API_KEY', 'placeholder'),
      { ...gpt('rf_key:user:abc123', 'user_key'), type: 'roboflow_core/open_ai@v4' },
      gpt(undefined, 'unset'),
    ];
    const lenses = securityLensTexts(summaryOf(steps, OWN), new Set(['openai/openai_key'])).credentialSteps;
    assert.deepEqual(view(lenses[0]).slice(0, 1), [
      // The summary's Markdown backticks are left out: a lens title would show them as they are.
      ['$(key) OpenAI api_key ← server environment openai_key · stored ✓', 'Store the OpenAI credential `openai_key` in SecretStorage (used by preview runs)', { kind: 'storeCredential', name: 'openai_key', provider: 'openai' }],
    ]);
    assert.deepEqual(view(lenses[1]), [
      ["$(key) OpenAI api_key ← another step's output", undefined, { kind: 'none' }],
      ['people you share with use the value computed when it runs', 'Credentials user-provided. Click to change.', { kind: 'toggleCredentials' }],
    ]);
    assert.deepEqual(view(lenses[2]).slice(0, 1), [
      ['$(key) OpenAI api_key ← a placeholder · not stored', 'Store the OpenAI credential `openai_api_key` in SecretStorage (used by preview runs)', { kind: 'storeCredential', name: 'openai_api_key', provider: 'openai' }],
    ]);
    assert.deepEqual(view(lenses[3]).slice(0, 1), [
      ['$(key) OpenAI api_key ← your key stored in Roboflow · not stored', 'Store the OpenAI credential `openai_api_key_2` in SecretStorage (used by preview runs)', { kind: 'storeCredential', name: 'openai_api_key_2', provider: 'openai' }],
    ]);
    assert.deepEqual(view(lenses[4]), [
      ['$(key) OpenAI api_key ← not set', undefined, { kind: 'none' }],
      ['people you share with cannot run it until you set it', 'Credentials user-provided. Click to change.', { kind: 'toggleCredentials' }],
    ]);
  });

  it('a webhook query parameter is named as one, and its tooltip says why it is typed for each run', () => {
    const hook = { type: 'roboflow_core/webhook_sink@v1', name: 'hook', url: 'https://h.example/in', json_payload: {}, query_parameters: { key: '$inputs.hook_key' } };
    const [credential] = securityLensTexts(summaryOf([hook], OWN, [{ type: 'WorkflowParameter', name: 'hook_key', kind: ['secret'] }]), new Set()).credentialSteps[0];
    assert.deepEqual(view([credential]), [['$(key) Webhook query parameter key ← $inputs.hook_key · typed for each preview run', TYPED_TOOLTIP, { kind: 'none' }]]);
  });

  it('Roboflow credits and a credential in one step: both sentences, and the lens changes the credentials option', () => {
    const mail = { type: 'roboflow_core/email_notification@v2', name: 'mail', email_provider: 'Roboflow Managed API Key', subject: 's', receiver_email: 'a@b.c', message: 'm', sender_email_password: '$inputs.pw' };
    assert.deepEqual(view(securityLensTexts(summaryOf([mail], OWN), new Set()).credentialSteps[0]), [
      ['$(key) SMTP (email) email_provider ← Roboflow-managed key', undefined, { kind: 'none' }],
      ['$(key) SMTP (email) sender_email_password ← $inputs.pw · typed for each preview run', TYPED_TOOLTIP, { kind: 'none' }],
      ['people you share with spend their own Roboflow credits / supply their own', 'Credentials user-provided. Click to change.', { kind: 'toggleCredentials' }],
    ]);
  });

  it('the account key spends credits that run access decides; a user key stored in Roboflow is a credential like any other', () => {
    const account = { ...gpt('rf_key:account', 'account_key'), type: 'roboflow_core/open_ai@v4' };
    const user = { ...gpt('rf_key:user:abc123', 'user_key'), type: 'roboflow_core/open_ai@v4' };
    const [accountLenses, userLenses] = securityLensTexts(summaryOf([account, user], OWN), new Set()).credentialSteps;
    assert.deepEqual(view(accountLenses.slice(-1)), [
      ['people you share with spend their own Roboflow credits', 'Roboflow credits are spent by whoever runs it: run access decides whose. Click to change.', { kind: 'toggleRunAccess' }],
    ]);
    assert.deepEqual(view(userLenses.slice(-1)), [['people you share with supply their own', 'Credentials user-provided. Click to change.', { kind: 'toggleCredentials' }]]);
  });

  it('credentials hidden under yours: only those read from inputs must be stored for people you share with', () => {
    const steps = [ENV_STORE, gpt('$steps.env.openai_key', 'from_env'), gpt('YOUR_API_KEY', 'placeholder'), gpt('sk-written-in-the-file-0123456789', 'literal')];
    for (const lenses of securityLensTexts(summaryOf(steps, HIDDEN), new Set()).credentialSteps) {
      assert.deepEqual(view(lenses.slice(-1)), [['people you share with run it with yours, hidden', 'Credentials owner-hidden. Click to change.', { kind: 'toggleCredentials' }]]);
    }
  });

  it('two credentials hidden under yours and not stored: both named, the click stores the first', () => {
    const lenses = securityLensTexts(summaryOf([SMS], HIDDEN), new Set()).credentialSteps[0];
    assert.deepEqual(view(lenses.slice(-1)), [
      [
        '$(warning) people you share with cannot run this step until you store sid, token',
        'Credentials owner-hidden: people you share with run it with your `sid` and `token`, hidden from them, and SecretStorage does not hold them. Click to store `sid`.',
        { kind: 'storeCredential', name: 'sid', provider: 'twilio' },
      ],
    ]);
  });

  it('three credentials not stored are listed with commas and a final "and"', () => {
    const summary = summaryOf([SMS], HIDDEN);
    // No bundled block sends three credentials to its own provider; a server's catalog may have one.
    const step = summary.credentialSteps[0];
    step.items.push({ ...step.items[1], secretName: 'region_key', from: 'input `region_key`' });
    const warning = securityLensTexts(summary, new Set()).credentialSteps[0].at(-1)!;
    assert.deepEqual([warning.title, warning.tooltip], [
      '$(warning) people you share with cannot run this step until you store sid, token, region_key',
      'Credentials owner-hidden: people you share with run it with your `sid`, `token` and `region_key`, hidden from them, and SecretStorage does not hold them. Click to store `sid`.',
    ]);
  });
});
