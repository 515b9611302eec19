import assert from 'node:assert/strict';
import { analyzeWorkflowSecurity } from '../../src/core/analysis/analyze';
import { securityLensTexts, type LensText } from '../../src/core/analysis/lensTexts';
import { securitySummary } from '../../src/core/analysis/summary';
import { bundledCatalog } from '../../src/core/catalog/bundled';
import type { SharingSettings } from '../../src/core/sharing/settings';

const catalog = bundledCatalog();
const CANARY = 'sk-CANARY-lens-texts-0123456789';

const IMAGE = { type: 'WorkflowImage', name: 'image' };
const GPT = { type: 'roboflow_core/open_ai@v2', name: 'gpt', images: '$inputs.image', task_type: 'unconstrained', prompt: 'hi', api_key: '$inputs.openai_api_key' };
const PRIVATE_DET = { type: 'roboflow_core/roboflow_object_detection_model@v2', name: 'det', images: '$inputs.image', model_id: 'acme/3' };
const PUBLIC_DET = { ...PRIVATE_DET, model_id: 'yolov8n-640' };

function workflow(inputs: unknown[], steps: unknown[]): string {
  return JSON.stringify({ version: '1.0', inputs, steps, outputs: [] }, null, 2);
}

function texts(text: string, settings: SharingSettings, stored?: ReadonlySet<string>) {
  return securityLensTexts(securitySummary(analyzeWorkflowSecurity(text, catalog), settings), stored);
}

const view = (lenses: LensText[]) => lenses.map((l) => [l.title, l.tooltip, l.action.kind]);

const OWN: SharingSettings = { runAccess: 'own-key', credentials: 'user-provided' };
const HIDDEN: SharingSettings = { runAccess: 'own-key', credentials: 'owner-hidden' };

describe('security lens texts', () => {
  let withKey: ReturnType<typeof workflow>;
  beforeEach(() => {
    withKey = workflow([IMAGE, { type: 'WorkflowParameter', name: 'openai_api_key', kind: ['secret'] }], [PUBLIC_DET, GPT]);
  });

  it('the sharing line says why an option is not offered, in the title and in full in the tooltip', () => {
    assert.deepEqual(view(texts(withKey, OWN).sharing), [
      ['$(organization) Sharing', 'Open the sharing configuration kept beside this workflow', 'openSharing'],
      [
        'run access own-key (not offered: no private model)',
        'Run access is offered only for workflows that use a private model: every model it uses is public, so people you share with can run it under their own key.',
        'toggleRunAccess',
      ],
      [
        'credentials user-provided',
        'Credentials: they supply their own. Step `gpt` (OpenAI) needs credentials. By default people you share with supply their own, as inputs; with credentials "owner-hidden" they run with yours, redacted from anything shown to them. Click to change.',
        'toggleCredentials',
      ],
      ['$(export) Export shareable', 'Open the definition people you share with receive (no secret values)', 'exportShareable'],
    ]);
    const plain = texts(workflow([IMAGE], [PUBLIC_DET]), OWN).sharing[2];
    assert.deepEqual([plain.title, plain.tooltip], [
      'credentials user-provided (not offered: no step needs credentials)',
      'Credentials are offered only for workflows with a step that needs them, and no step here does.',
    ]);
  });

  it('a private model: "people you share with" is followed by a plural verb, whichever the run access', () => {
    const text = workflow([IMAGE], [PRIVATE_DET]);
    assert.deepEqual(view(texts(text, OWN).privateModels), [
      [
        '$(lock) Private model acme/3 · people you share with must use their own key',
        'Run access own-key: people you share with run it under their own key, which cannot use your private model. Click to change.',
        'toggleRunAccess',
      ],
    ]);
    assert.deepEqual(view(texts(text, { runAccess: 'owner-key', credentials: 'user-provided' }).privateModels), [
      [
        '$(lock) Private model acme/3 · people you share with run it under your key',
        'Run access owner-key: people you share with run it under your key (usage counts against you). Click to change.',
        'toggleRunAccess',
      ],
    ]);
    assert.equal(texts(text, OWN).sharing[1].title, 'run access own-key');
  });

  it('a credential read from an input: where from, whether stored, and what people you share with do', () => {
    assert.deepEqual(view(texts(withKey, OWN, new Set()).credentialSteps[0]), [
      ['$(key) OpenAI api_key ← $inputs.openai_api_key · not stored', 'Store the OpenAI credential `openai_api_key` in SecretStorage (used by preview runs)', 'storeCredential'],
      ['people you share with supply their own', 'Credentials user-provided. Click to change.', 'toggleCredentials'],
    ]);
    assert.equal(texts(withKey, OWN, new Set(['openai/openai_api_key'])).credentialSteps[0][0].title, '$(key) OpenAI api_key ← $inputs.openai_api_key · stored ✓');
    // Stored under that name for another provider: not this one's.
    assert.equal(texts(withKey, OWN, new Set(['anthropic/openai_api_key', 'openai_api_key'])).credentialSteps[0][0].title, '$(key) OpenAI api_key ← $inputs.openai_api_key · not stored');
    assert.equal(texts(withKey, OWN, undefined).credentialSteps[0][0].title, '$(key) OpenAI api_key ← $inputs.openai_api_key · SecretStorage unavailable');
  });

  it('a credential the workflow sends to an address it chooses (a webhook header) is typed for each run, never stored', () => {
    const hook = { type: 'roboflow_core/webhook_sink@v1', name: 'notify', url: 'https://h.example/in', json_payload: {}, headers: { Authorization: '$inputs.hook_token' } };
    const text = workflow([IMAGE, { type: 'WorkflowParameter', name: 'hook_token', kind: ['secret'] }], [hook]);
    for (const settings of [OWN, HIDDEN]) {
      const [credential, sharees] = texts(text, settings, new Set(['webhook/hook_token', 'hook_token'])).credentialSteps[0];
      assert.deepEqual([credential.title, credential.action], ['$(key) Webhook header Authorization ← $inputs.hook_token · typed for each preview run', { kind: 'none' }]);
      assert.ok(!sharees.title.includes('cannot run'), sharees.title);
    }
  });

  it('credentials hidden under yours but not stored: a warning that stores it', () => {
    const [key, warning] = texts(withKey, HIDDEN, new Set()).credentialSteps[0];
    assert.deepEqual(key.action, { kind: 'storeCredential', name: 'openai_api_key', provider: 'openai' });
    assert.deepEqual([warning.title, warning.tooltip, warning.action], [
      '$(warning) people you share with cannot run this step until you store openai_api_key',
      'Credentials owner-hidden: people you share with run it with your `openai_api_key`, hidden from them, and SecretStorage does not hold it. Click to store it.',
      { kind: 'storeCredential', name: 'openai_api_key', provider: 'openai' },
    ]);
    // Stored: no warning, the plain sentence. SecretStorage unavailable: nothing is claimed.
    assert.deepEqual(view(texts(withKey, HIDDEN, new Set(['openai/openai_api_key'])).credentialSteps[0]).slice(1), [
      ['people you share with run it with yours, hidden', 'Credentials owner-hidden. Click to change.', 'toggleCredentials'],
    ]);
    assert.equal(texts(withKey, HIDDEN, undefined).credentialSteps[0][1].title, 'people you share with run it with yours, hidden');
  });

  it('a credential written in the file: the place and the action are separate lenses, never the value', () => {
    const text = workflow([IMAGE], [{ ...GPT, api_key: CANARY }]);
    const lenses = texts(text, OWN, new Set()).credentialSteps[0];
    assert.deepEqual(view(lenses), [
      ['$(key) OpenAI api_key ← written in the file', 'The value is written in the workflow: anyone who can read the file can use it.', 'none'],
      ['$(warning) Move to SecretStorage', 'Store it in SecretStorage and read it from $inputs.openai_api_key instead', 'moveSecret'],
      ['people you share with supply their own', 'Credentials user-provided. Click to change.', 'toggleCredentials'],
    ]);
    const move = lenses[1].action as { kind: 'moveSecret'; offset: number };
    assert.equal(text.slice(move.offset, move.offset + CANARY.length + 2), JSON.stringify(CANARY));
    assert.ok(!JSON.stringify(lenses).includes(CANARY));
  });

  it('Roboflow credits: whose, by run access', () => {
    const claude = { type: 'roboflow_core/anthropic_claude@v3', name: 'claude', images: '$inputs.image', task_type: 'unconstrained', prompt: 'hi' };
    const lenses = texts(workflow([IMAGE], [claude]), OWN).credentialSteps[0];
    assert.deepEqual(view(lenses).slice(-1), [['people you share with spend their own Roboflow credits', 'Roboflow credits are spent by whoever runs it: run access decides whose. Click to change.', 'toggleRunAccess']]);
  });

  it('no title has a doubled word, "people you share with" followed by a singular verb, or text glued to an icon', () => {
    const text = workflow([IMAGE, { type: 'WorkflowParameter', name: 'openai_api_key', kind: ['secret'] }], [PRIVATE_DET, GPT, { ...GPT, name: 'gpt2', api_key: CANARY }]);
    const all: LensText[] = [];
    for (const settings of [OWN, HIDDEN, { runAccess: 'owner-key', credentials: 'owner-hidden' } as SharingSettings]) {
      for (const stored of [undefined, new Set<string>(), new Set(['openai/openai_api_key'])]) {
        const t = texts(text, settings, stored);
        all.push(...t.sharing, ...t.privateModels, ...t.credentialSteps.flat());
      }
    }
    for (const { title, tooltip } of all) {
      for (const words of [title, tooltip ?? '']) {
        assert.doesNotMatch(words, /\b(\w+) \1\b/i, words);
        assert.doesNotMatch(words, /people you share with:? (runs|spends|is|has|they)\b/, words);
        assert.doesNotMatch(words, /\S\$\([a-z-]+\)|\$\([a-z-]+\)\S/, words);
      }
    }
  });
});
