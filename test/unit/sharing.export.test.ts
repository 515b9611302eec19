import assert from 'node:assert/strict';
import { analyzeWorkflowSecurity } from '../../src/core/analysis/analyze';
import { bundledCatalog } from '../../src/core/catalog/bundled';
import { exportShareableDefinition, ExportError } from '../../src/core/sharing/exportShareable';
import { findLeak } from '../support/secretLeaks';

const catalog = bundledCatalog();
const OPENAI = 'sk-CANARY-openai-0123456789';
const SLACK = 'xoxb-CANARY-slack-0123456789';
const HOOK = 'sk-CANARY-hook-0123456789';

const inputs = [
  { type: 'WorkflowImage', name: 'image' },
  { type: 'WorkflowParameter', name: 'claude_key', default_value: 'sk-CANARY-default-0123456789' },
  { type: 'WorkflowParameter', name: 'gemini_key', kind: ['string'] },
];
const steps = [
  { type: 'roboflow_core/environment_secrets_store@v1', name: 'env', variables_storing_secrets: ['TWILIO_TOKEN'] },
  { type: 'roboflow_core/open_ai@v2', name: 'gpt', images: '$inputs.image', task_type: 'unconstrained', prompt: 'hi', api_key: OPENAI },
  { type: 'roboflow_core/open_ai@v2', name: 'gpt_again', images: '$inputs.image', task_type: 'unconstrained', prompt: 'hi', api_key: OPENAI },
  { type: 'roboflow_core/anthropic_claude@v2', name: 'claude', images: '$inputs.image', task_type: 'unconstrained', prompt: 'hi', api_key: '$inputs.claude_key' },
  { type: 'roboflow_core/google_gemini@v2', name: 'gemini', images: '$inputs.image', task_type: 'unconstrained', prompt: 'hi', api_key: '$inputs.gemini_key' },
  { type: 'roboflow_core/slack_notification@v1', name: 'slack', slack_token: SLACK, message: 'm', channel: 'c' },
  { type: 'roboflow_core/twilio_sms_notification@v1', name: 'sms', twilio_account_sid: '$inputs.sid', twilio_auth_token: '$steps.env.twilio_token', message: 'hi', sender_number: '+1', receiver_number: '+2' },
  { type: 'roboflow_core/open_ai@v4', name: 'stored', images: '$inputs.image', task_type: 'unconstrained', prompt: 'hi', api_key: 'rf_key:user:abc123' },
  { type: 'roboflow_core/open_ai@v4', name: 'managed', images: '$inputs.image', task_type: 'unconstrained', prompt: 'hi' },
  { type: 'roboflow_core/webhook_sink@v1', name: 'hook', url: 'https://example.com', headers: { Authorization: `Bearer ${HOOK}`, 'Content-Type': 'application/json' } },
];
const text = JSON.stringify({ version: '1.0', inputs: [...inputs, { type: 'WorkflowParameter', name: 'sid' }], steps, outputs: [{ type: 'JsonField', name: 'out', selector: '$steps.gpt.output' }] }, null, '\t');

function assertNoCanary(exported: string): void {
  assert.ok(!/CANARY/.test(exported), 'a secret value was exported');
}

describe('sharing: export shareable definition', () => {
  describe('with user-provided credentials (the default)', () => {
    let result: ReturnType<typeof exportShareableDefinition>;
    let doc: ReturnType<typeof JSON.parse>;
    beforeEach(() => {
      result = exportShareableDefinition(text, catalog);
      doc = JSON.parse(result.text);
    });
    const step = (name: string) => doc.steps.find((s: { name: string }) => s.name === name);
    const input = (name: string) => doc.inputs.find((i: { name: string }) => i.name === name);

    it('writes no secret value', () => assertNoCanary(result.text));

    it('turns every literal into an input of kind secret, one per distinct value', () => {
      assert.equal(step('gpt').api_key, '$inputs.openai_api_key');
      assert.equal(step('gpt_again').api_key, '$inputs.openai_api_key', 'the same key pasted twice becomes one input');
      assert.equal(step('slack').slack_token, '$inputs.slack_token');
      assert.equal(step('hook').headers.Authorization, '$inputs.webhook_authorization');
      assert.equal(step('hook').headers['Content-Type'], 'application/json');
      assert.deepEqual(input('openai_api_key'), { type: 'WorkflowParameter', name: 'openai_api_key', kind: ['secret'] });
      assert.deepEqual(input('webhook_authorization').kind, ['secret', 'string']);
      assert.equal(result.literalSecretsRemoved, 5, 'four in steps, one input default');
    });

    it('removes literal defaults of credential inputs and makes them kind secret', () => {
      assert.deepEqual(input('claude_key'), { type: 'WorkflowParameter', name: 'claude_key', kind: ['secret'] });
      assert.deepEqual(input('gemini_key').kind, ['string', 'secret']);
      assert.deepEqual(input('sid').kind, ['secret']);
    });

    it('turns environment secrets and keys stored in Roboflow into inputs, and drops the emptied store', () => {
      assert.equal(step('sms').twilio_auth_token, '$inputs.twilio_token');
      assert.deepEqual(input('twilio_token').kind, ['secret']);
      assert.equal(step('env'), undefined);
      assert.equal(step('stored').api_key, '$inputs.openai_api_key_2');
      assert.equal(step('managed').api_key, undefined, 'a Roboflow-managed default spends the runner\'s own credits');
      assert.match(result.notes.join('\n'), /Removed step `env`/);
    });

    it('reports the credential inputs people must supply', () => {
      assert.deepEqual(
        result.credentialInputs.map((i) => [i.name, i.provider, i.added]).sort(),
        [
          ['claude_key', 'Anthropic', false],
          ['gemini_key', 'Google Gemini', false],
          ['openai_api_key', 'OpenAI', true],
          ['openai_api_key_2', 'OpenAI', true],
          ['sid', 'Twilio', false],
          ['slack_token', 'Slack', true],
          ['twilio_token', 'Twilio', true],
          ['webhook_authorization', 'Webhook', true],
        ],
      );
      assert.deepEqual(result.credentialInputs.find((i) => i.name === 'openai_api_key')?.steps, ['gpt', 'gpt_again']);
    });

    it('says exactly what changed, input by input', () => {
      assert.deepEqual(doc.inputs, [
        { type: 'WorkflowImage', name: 'image' },
        { type: 'WorkflowParameter', name: 'claude_key', kind: ['secret'] },
        { type: 'WorkflowParameter', name: 'gemini_key', kind: ['string', 'secret'] },
        { type: 'WorkflowParameter', name: 'sid', kind: ['secret'] },
        { type: 'WorkflowParameter', name: 'openai_api_key', kind: ['secret'] },
        { type: 'WorkflowParameter', name: 'slack_token', kind: ['secret'] },
        { type: 'WorkflowParameter', name: 'twilio_token', kind: ['secret'] },
        { type: 'WorkflowParameter', name: 'openai_api_key_2', kind: ['secret'] },
        { type: 'WorkflowParameter', name: 'webhook_authorization', kind: ['secret', 'string'] },
      ]);
      assert.deepEqual(result.notes, [
        'Removed the default value of input `claude_key`.',
        'Input `claude_key` is now of kind `secret`.',
        'Input `gemini_key` is now of kind `secret`.',
        'Input `sid` is now of kind `secret`.',
        'Removed 5 credentials written in the file; they are now inputs.',
        'Removed step `env`: its environment secrets are now inputs.',
      ]);
      assert.deepEqual(
        result.credentialInputs.map((i) => `${i.name}: ${i.steps.join(', ')}`),
        ['claude_key: claude', 'gemini_key: gemini', 'sid: sms', 'openai_api_key: gpt, gpt_again', 'slack_token: slack', 'twilio_token: sms', 'openai_api_key_2: stored', 'webhook_authorization: hook'],
      );
    });

    it('keeps the document\'s formatting and stays a valid workflow for the analysis', () => {
      assert.match(result.text, /^\{\n\t"version": "1.0",\n\t"inputs": \[\n\t\t\{/);
      const again = analyzeWorkflowSecurity(result.text, catalog);
      assert.equal(again.credentials.literalSecrets.length, 0);
      assert.ok(again.credentials.uses.filter((u) => u.source === 'input').every((u) => u.inputDeclaredSecret));
    });
  });

  describe('with owner-hidden credentials', () => {
    let result: ReturnType<typeof exportShareableDefinition>;
    let doc: ReturnType<typeof JSON.parse>;
    beforeEach(() => {
      result = exportShareableDefinition(text, catalog, { runAccess: 'own-key', credentials: 'owner-hidden' });
      doc = JSON.parse(result.text);
    });
    const step = (name: string) => doc.steps.find((s: { name: string }) => s.name === name);
    const input = (name: string) => doc.inputs.find((i: { name: string }) => i.name === name);

    it('still writes no secret value: literals become inputs', () => {
      assertNoCanary(result.text);
      assert.equal(step('gpt').api_key, '$inputs.openai_api_key');
      assert.equal(input('claude_key').default_value, undefined);
    });

    it('adds inputs only for what was written in the file, and says so', () => {
      assert.deepEqual(doc.inputs.map((i: { name: string; kind?: string[] }) => `${i.name}${i.kind ? `: ${i.kind.join(', ')}` : ''}`), [
        'image',
        'claude_key',
        'gemini_key: string',
        'sid',
        'openai_api_key: secret',
        'slack_token: secret',
        'webhook_authorization: secret, string',
      ]);
      assert.deepEqual(result.notes, ['Removed the default value of input `claude_key`.', 'Removed 5 credentials written in the file; they are now inputs.']);
    });

    it('leaves references as they are', () => {
      assert.equal(step('sms').twilio_auth_token, '$steps.env.twilio_token');
      assert.ok(step('env'));
      assert.equal(step('stored').api_key, 'rf_key:user:abc123');
      assert.deepEqual(input('gemini_key').kind, ['string']);
      assert.equal(input('sid').kind, undefined);
    });
  });

  it('creates the inputs array for several credentials when there is none', () => {
    const bare = JSON.stringify(
      {
        version: '1.0',
        steps: [
          { type: 'roboflow_core/open_ai@v2', name: 'gpt', images: '$steps.x.image', task_type: 'unconstrained', prompt: 'hi', api_key: OPENAI },
          { type: 'roboflow_core/slack_notification@v1', name: 'slack', slack_token: SLACK, message: 'm', channel: 'c' },
        ],
        outputs: [],
      },
      null,
      4,
    );
    const result = exportShareableDefinition(bare, catalog);
    assertNoCanary(result.text);
    const doc = JSON.parse(result.text);
    assert.deepEqual(Object.keys(doc), ['version', 'inputs', 'steps', 'outputs']);
    assert.deepEqual(doc.inputs.map((i: { name: string }) => i.name), ['openai_api_key', 'slack_token']);
    assert.match(result.text, /\n {4}"inputs": \[\n {8}\{\n {12}"type"/);
  });

  it('keeps an input that also feeds a non-credential field as it is, and says so', () => {
    const shared = JSON.stringify({
      version: '1.0',
      inputs: [{ type: 'WorkflowImage', name: 'image' }, { type: 'WorkflowParameter', name: 'k' }],
      steps: [
        { type: 'roboflow_core/open_ai@v2', name: 'gpt', images: '$inputs.image', task_type: 'unconstrained', prompt: 'hi', api_key: '$inputs.k' },
        { type: 'roboflow_core/property_definition@v1', name: 'p', data: '$inputs.k', operations: [] },
      ],
      outputs: [],
    });
    const result = exportShareableDefinition(shared, catalog);
    assert.equal(JSON.parse(result.text).inputs[1].kind, undefined);
    assert.match(result.notes.join('\n'), /Input `k` also feeds fields that are not credentials/);
  });

  it('names one credential written in the file in the singular', () => {
    const one = JSON.stringify({ version: '1.0', inputs: [], steps: [{ type: 'roboflow_core/slack_notification@v1', name: 'slack', slack_token: SLACK, message: 'm', channel: 'c' }], outputs: [] });
    assert.deepEqual(exportShareableDefinition(one, catalog).notes, ['Removed 1 credential written in the file; it is now an input.']);
  });

  it('removes every emptied secrets store, wherever it sits, and keeps one still read elsewhere', () => {
    const stores = JSON.stringify({
      version: '1.0',
      inputs: [],
      steps: [
        { type: 'roboflow_core/environment_secrets_store@v1', name: 'env_a', variables_storing_secrets: ['TWILIO_TOKEN'] },
        { type: 'roboflow_core/twilio_sms_notification@v1', name: 'sms', twilio_account_sid: '$steps.env_b.sid', twilio_auth_token: '$steps.env_a.twilio_token', message: 'hi', sender_number: '+1', receiver_number: '+2' },
        { type: 'roboflow_core/environment_secrets_store@v1', name: 'env_b', variables_storing_secrets: ['SID'] },
        { type: 'roboflow_core/environment_secrets_store@v1', name: 'env_kept', variables_storing_secrets: ['OTHER'] },
        { type: 'roboflow_core/twilio_sms_notification@v1', name: 'sms_kept', twilio_account_sid: '$inputs.sid', twilio_auth_token: '$steps.env_kept.other', message: 'hi', sender_number: '+1', receiver_number: '+2' },
        { type: 'roboflow_core/property_definition@v1', name: 'p', data: '$steps.env_kept.other', operations: [] },
      ],
      outputs: [],
    });
    const result = exportShareableDefinition(stores, catalog);
    const doc = JSON.parse(result.text);
    // env_kept's secret becomes an input for sms_kept, but step p still reads the store: it stays.
    assert.deepEqual(doc.steps.map((s: { name: string }) => s.name), ['sms', 'env_kept', 'sms_kept', 'p']);
    assert.equal(doc.steps[2].twilio_auth_token, '$inputs.other');
    assert.deepEqual([doc.steps[0].twilio_account_sid, doc.steps[0].twilio_auth_token], ['$inputs.sid', '$inputs.twilio_token']);
    assert.deepEqual(result.notes, ['Removed step `env_a`: its environment secrets are now inputs.', 'Removed step `env_b`: its environment secrets are now inputs.']);
  });

  it('refuses credentials no input can replace, listing six places and how many more', () => {
    const prompts = Array.from({ length: 8 }, (_, i) => ({
      type: 'roboflow_core/open_ai@v2',
      name: `gpt${i}`,
      images: '$inputs.image',
      task_type: 'unconstrained',
      prompt: `use ${OPENAI}${i} please`,
      api_key: '$inputs.k',
    }));
    const many = JSON.stringify({ version: '1.0', inputs: [{ type: 'WorkflowImage', name: 'image' }, { type: 'WorkflowParameter', name: 'k' }], steps: prompts, outputs: [] });
    assert.throws(
      () => exportShareableDefinition(many, catalog),
      (error: Error) => {
        assert.ok(error instanceof ExportError);
        const places = /can take their place \((.*?)\)\. Take them out/.exec(error.message)![1];
        assert.equal(places, ['gpt0', 'gpt1', 'gpt2', 'gpt3', 'gpt4', 'gpt5'].map((step) => `step \`${step}\`, \`prompt\``).join('; ') + ' and 2 more');
        assert.ok(!/CANARY/.test(error.message));
        return true;
      },
    );
  });

  it('notes values it cannot classify, and refuses documents that are not objects', () => {
    const uncertain = JSON.stringify({
      version: '1.0',
      inputs: [],
      steps: [{ type: 'roboflow_core/webhook_sink@v1', name: 'hook', url: 'https://x', headers: { 'X-Trace': 'abcdefABCDEF1234567890xyzXYZ' } }],
      outputs: [],
    });
    assert.match(exportShareableDefinition(uncertain, catalog).notes.join('\n'), /X-Trace.*kept as written/);
    assert.throws(() => exportShareableDefinition('[]', catalog), { name: 'Error', message: 'The workflow is not a JSON object; fix it before exporting a shareable definition.' });
  });
});

describe('sharing: export refuses or replaces credentials written anywhere', () => {
  const image = { type: 'WorkflowImage', name: 'image' };
  const definition = (steps: object[], extraInputs: object[] = []) => JSON.stringify({ version: '1.0', inputs: [image, ...extraInputs], steps, outputs: [] }, null, 2);
  const gptWithPrompt = (prompt: string) => ({ type: 'roboflow_core/open_ai@v2', name: 'gpt', images: '$inputs.image', task_type: 'unconstrained', prompt, api_key: '$inputs.openai_api_key' });
  const keyInput = { type: 'WorkflowParameter', name: 'openai_api_key', kind: ['secret'] };
  const STORED = 'Qh7LsW2pX9nR4tY8kZ1m'; // a private Roboflow key: no shape, known only from SecretStorage
  const PROJ = 'sk-proj-Q1w2E3r4T5y6U7i8O9p0AaSsDdFfGgHhJjKkLl';

  function refusal(run: () => unknown): string {
    try {
      run();
    } catch (err) {
      assert.ok(err instanceof ExportError, String(err));
      return err.message;
    }
    return assert.fail('the export was not refused');
  }

  it('refuses an OpenAI key inside a prompt, saying where and not what', () => {
    const message = refusal(() => exportShareableDefinition(definition([gptWithPrompt(`Use ${PROJ} please`)], [keyInput]), catalog));
    assert.equal(message, 'Not exported: credentials are written where no input can take their place (step `gpt`, `prompt`). Take them out of the workflow (see its `literal-secret` errors), then export again.');
  });

  it('refuses a stored key in a webhook URL and its payload (the issue), without quoting it', () => {
    const hook = { type: 'roboflow_core/webhook_sink@v1', name: 'hook', url: `https://h.example/in?token=${STORED}`, json_payload: { key: STORED } };
    const text = definition([hook]);
    const message = refusal(() => exportShareableDefinition(text, catalog, undefined, { storedSecrets: [STORED] }));
    assert.equal(message, 'Not exported: credentials are written where no input can take their place (step `hook`, `url`). Take them out of the workflow (see its `literal-secret` errors), then export again.');
    assert.equal(findLeak(message, STORED), undefined);
  });

  it('replaces a stored key that is a whole payload value by an input of kind secret, as the editor fix does', () => {
    const hook = { type: 'roboflow_core/webhook_sink@v1', name: 'hook', url: 'https://h.example/in', json_payload: { key: STORED, note: 'kept' } };
    const result = exportShareableDefinition(definition([hook]), catalog, undefined, { storedSecrets: [STORED] });
    assert.equal(findLeak(result.text, STORED), undefined);
    const doc = JSON.parse(result.text);
    assert.deepEqual(doc.steps[0].json_payload, { key: '$inputs.webhook_key', note: 'kept' });
    assert.deepEqual(doc.inputs[1], { type: 'WorkflowParameter', name: 'webhook_key', kind: ['secret'] });
    assert.equal(result.literalSecretsRemoved, 1);
  });

  it('without the stored values the same definition exports (the key has no shape); with them it never leaves', () => {
    const hook = { type: 'roboflow_core/webhook_sink@v1', name: 'hook', url: 'https://h.example/in', json_payload: { auth: Buffer.from(`user:${STORED}`).toString('base64') } };
    assert.ok(exportShareableDefinition(definition([hook]), catalog).text.includes(Buffer.from(`user:${STORED}`).toString('base64')));
    const message = refusal(() => exportShareableDefinition(definition([hook]), catalog, undefined, { storedSecrets: [STORED] }));
    assert.match(message, /\(step `hook`, `json_payload\.auth`\)/);
  });

  it('removes a shaped key written as the default of any input, and a key in a number field becomes an input', () => {
    const det = { type: 'roboflow_core/roboflow_object_detection_model@v2', name: 'det', images: '$inputs.image', model_id: 'yolov8n-640', confidence: PROJ };
    const result = exportShareableDefinition(definition([det], [{ type: 'WorkflowParameter', name: 'token', default_value: 'ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8' }]), catalog);
    assert.ok(!/sk-proj|ghp_/.test(result.text), result.text);
    const doc = JSON.parse(result.text);
    assert.equal(doc.steps[0].confidence, '$inputs.openai_api_key');
    assert.deepEqual(doc.inputs[1], { type: 'WorkflowParameter', name: 'token' });
    assert.ok(result.notes.includes('Removed the default value of input `token`.'), result.notes.join(' | '));
  });
});
