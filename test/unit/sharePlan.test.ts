// "As someone I share with" (core/preview/sharePlan.ts): what a sharee's run would use, in the
// words the preview panel shows, and when it is refused before anything is sent.
import assert from 'node:assert/strict';
import { sharePlan } from '../../src/core/preview/sharePlan';
import type { SharingSettings } from '../../src/core/sharing/settings';
import { analysisOf, det, gpt } from '../support/securitySteps';

const DEFAULTS: SharingSettings = { runAccess: 'own-key', credentials: 'user-provided' };
const BLOCKED_DETAIL =
  'Run access is "own-key" (the default), so the server would answer 401, 403 or 404 for the model. Nothing was sent. ' +
  'Turn on run access ("owner-key") to let them run it under your key: their runs count against your usage; your key and model data stay private.';
const STAND_IN_NOTE = 'They run it under their own Roboflow key; every model it names looks public, so this preview uses your key as a stand-in for theirs.';
const SHAREE_NOTE = 'They supply every credential: this preview asks for each one in a password box when you run it, and never uses the ones you stored.';
const ACCOUNT_KEY_NOTE = "Steps using the Roboflow-managed key (`rf_key:account`) spend the credits of whoever's Roboflow key the run uses.";

describe('share plan: run access', () => {
  it('refuses a run with a private model under run access "own-key", and says what to turn on', () => {
    assert.deepEqual(sharePlan(analysisOf([det('acme/3')]), DEFAULTS), {
      blocked: {
        reason: 'This run would fail for people you share with: they run it under their own Roboflow key, which cannot use your private model `acme/3` (step `det`).',
        detail: BLOCKED_DETAIL,
      },
      apiKey: 'stand-in',
      credentials: 'none',
      runAccessText: 'Run access: their own key',
      credentialsText: 'Credentials: none needed',
      notes: [],
    });
  });

  it('names several private models and their steps as "a, b and c"', () => {
    const plan = sharePlan(analysisOf([det('acme/3'), det('acme/4', 'second'), det('other/1', 'third')]), DEFAULTS);
    assert.equal(
      plan.blocked?.reason,
      'This run would fail for people you share with: they run it under their own Roboflow key, which cannot use your private models `acme/3`, `acme/4` and `other/1` (steps `det`, `second` and `third`).',
    );
  });

  it('counts a private model used by two steps once, and a step using two private models once', () => {
    const shared = sharePlan(analysisOf([det('acme/3'), det('acme/3', 'again')]), DEFAULTS);
    assert.equal(
      shared.blocked?.reason,
      'This run would fail for people you share with: they run it under their own Roboflow key, which cannot use your private model `acme/3` (steps `det` and `again`).',
    );
    const track = { type: 'roboflow_core/sam3_video@v1', name: 'track', images: '$inputs.image', model_id: 'acme/3', visual_model_id: 'acme/4' };
    assert.equal(
      sharePlan(analysisOf([track]), DEFAULTS).blocked?.reason,
      'This run would fail for people you share with: they run it under their own Roboflow key, which cannot use your private models `acme/3` and `acme/4` (step `track`).',
    );
  });

  it('runs a private model under your hidden key with run access "owner-key"', () => {
    assert.deepEqual(sharePlan(analysisOf([det('acme/3')]), { ...DEFAULTS, runAccess: 'owner-key' }), {
      apiKey: 'owner-hidden',
      credentials: 'none',
      runAccessText: 'Run access: your key, hidden from them',
      credentialsText: 'Credentials: none needed',
      notes: ['It runs under your Roboflow key (usage counts against you), which they never see.'],
    });
  });

  it('uses your key as a stand-in when every model is public, whatever run access says', () => {
    const expected = { apiKey: 'stand-in', credentials: 'none', runAccessText: 'Run access: their own key', credentialsText: 'Credentials: none needed', notes: [STAND_IN_NOTE] };
    assert.deepEqual(sharePlan(analysisOf([det('yolov8n-640')]), DEFAULTS), expected);
    assert.deepEqual(sharePlan(analysisOf([det('yolov8n-640')]), { ...DEFAULTS, runAccess: 'owner-key' }), expected, 'run access is not offered without a private model');
  });

  it('warns that models chosen at run time could be private', () => {
    const model = [{ type: 'WorkflowParameter', name: 'model', kind: ['roboflow_model_id'] }];
    assert.deepEqual(sharePlan(analysisOf([det('$inputs.model')], model), DEFAULTS).notes, [
      STAND_IN_NOTE,
      'The models of `det` are chosen when it runs: a private model of yours would fail for them unless run access is "owner-key".',
    ]);
    assert.deepEqual(sharePlan(analysisOf([det('$inputs.model'), det('$inputs.model', 'second')], model), DEFAULTS).notes, [
      STAND_IN_NOTE,
      'The models of `det` and `second` are chosen when it runs: a private model of yours would fail for them unless run access is "owner-key".',
    ]);
  });
});

describe('share plan: credentials', () => {
  const credentialed = () => analysisOf([gpt('$inputs.openai_key')], [{ type: 'WorkflowParameter', name: 'openai_key', kind: ['secret'] }]);

  it('lets them supply their own credentials by default', () => {
    const plan = sharePlan(credentialed(), DEFAULTS);
    assert.deepEqual([plan.credentials, plan.credentialsText, plan.notes], ['sharee', 'Credentials: they supply their own', [STAND_IN_NOTE, SHAREE_NOTE]]);
  });

  it('uses your stored credentials, hidden, with credentials "owner-hidden"', () => {
    const plan = sharePlan(credentialed(), { ...DEFAULTS, credentials: 'owner-hidden' });
    assert.deepEqual(
      [plan.credentials, plan.credentialsText, plan.notes],
      ['owner-hidden', 'Credentials: yours, hidden', [STAND_IN_NOTE, 'It runs with your stored credentials; they are never shown to them (••••) and are redacted from everything they see.']],
    );
  });

  it('says whose credits the Roboflow-managed account key spends, only when a step uses it', () => {
    assert.deepEqual(sharePlan(analysisOf([gpt('rf_key:account')]), DEFAULTS).notes, [STAND_IN_NOTE, SHAREE_NOTE, ACCOUNT_KEY_NOTE]);
    assert.deepEqual(sharePlan(analysisOf([gpt('rf_key:user:abc123')]), DEFAULTS).notes, [STAND_IN_NOTE, SHAREE_NOTE], "a user's managed key is not the account's");
    assert.deepEqual(sharePlan(credentialed(), DEFAULTS).notes, [STAND_IN_NOTE, SHAREE_NOTE]);
  });

  it('finds the managed account key beside other credentials, in one step or among several', () => {
    // E-mail through Roboflow's own provider (the default) uses the account key; the password input is read too.
    const mail = { type: 'roboflow_core/email_notification@v2', name: 'mail', subject: 's', receiver_email: 'a@b.c', message: 'm', sender_email_password: '$inputs.smtp_password' };
    const inputs = [
      { type: 'WorkflowParameter', name: 'smtp_password', kind: ['secret'] },
      { type: 'WorkflowParameter', name: 'openai_key', kind: ['secret'] },
    ];
    assert.deepEqual(sharePlan(analysisOf([mail], inputs), DEFAULTS).notes, [STAND_IN_NOTE, SHAREE_NOTE, ACCOUNT_KEY_NOTE]);
    assert.deepEqual(sharePlan(analysisOf([gpt('$inputs.openai_key'), mail], inputs), DEFAULTS).notes, [STAND_IN_NOTE, SHAREE_NOTE, ACCOUNT_KEY_NOTE]);
  });
});
