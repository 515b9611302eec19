import assert from 'node:assert/strict';
import { parse } from 'jsonc-parser';
import { bundledCatalog } from '../../src/core/catalog/bundled';
import type { Catalog } from '../../src/core/catalog/catalog';
import { exportShareableDefinition, ExportError } from '../../src/core/sharing/exportShareable';
import { ALWAYS_TRUE } from '../support/conditions';

// The edges of "Export shareable definition": which credentials become inputs under each setting,
// how uses are grouped into inputs, what the notes say, and the final check for values left behind.
const image = { type: 'WorkflowImage', name: 'image' };
const gpt = (name: string, apiKey: string, prompt = 'hi') => ({ type: 'roboflow_core/open_ai@v2', name, images: '$inputs.image', task_type: 'unconstrained', prompt, api_key: apiKey });
const twilio = (name: string, sid: string, token: string) => ({
  type: 'roboflow_core/twilio_sms_notification@v1',
  name,
  twilio_account_sid: sid,
  twilio_auth_token: token,
  message: 'hi',
  sender_number: '+1',
  receiver_number: '+2',
});
const envStore = (name: string, variables: string[]) => ({ type: 'roboflow_core/environment_secrets_store@v1', name, variables_storing_secrets: variables });
const definition = (steps: object[], inputs: object[] = []) => JSON.stringify({ version: '1.0', inputs: [image, ...inputs], steps, outputs: [] }, null, 2);

describe('sharing: export shareable definition, edge by edge', () => {
  let catalog: Catalog;
  beforeEach(() => {
    catalog = bundledCatalog();
  });
  const exported = (text: string, credentials: 'user-provided' | 'owner-hidden' = 'user-provided', storedSecrets?: string[]) =>
    exportShareableDefinition(text, catalog, { runAccess: 'own-key', credentials }, { storedSecrets });
  const refusal = (run: () => unknown): string => {
    try {
      run();
    } catch (error) {
      assert.ok(error instanceof ExportError, String(error));
      return error.message;
    }
    return assert.fail('the export was not refused');
  };

  it('turns a placeholder into an input even when credentials stay hidden, and keeps a Roboflow-stored key reference then', () => {
    const text = definition([gpt('a', '<YOUR_OPENAI_KEY>'), gpt('b', 'rf_key:user:abc123')]);
    const hidden = JSON.parse(exported(text, 'owner-hidden').text);
    assert.deepEqual(
      hidden.steps.map((s: { api_key: string }) => s.api_key),
      ['$inputs.openai_api_key', 'rf_key:user:abc123'],
    );
    const provided = JSON.parse(exported(text).text);
    assert.deepEqual(
      provided.steps.map((s: { api_key: string }) => s.api_key),
      ['$inputs.openai_api_key', '$inputs.openai_api_key_2'],
    );
  });

  it('keeps a key of the account (spent by whoever runs it) as written under either setting', () => {
    const text = definition([gpt('a', 'rf_key:account')]);
    assert.equal(JSON.parse(exported(text).text).steps[0].api_key, 'rf_key:account');
    assert.equal(JSON.parse(exported(text, 'owner-hidden').text).steps[0].api_key, 'rf_key:account');
  });

  it('gives one input to every reader of one environment secret, and one each to different secrets', () => {
    const text = definition([envStore('env', ['TWILIO_SID', 'TWILIO_TOKEN']), twilio('sms', '$steps.env.twilio_sid', '$steps.env.twilio_token'), twilio('sms2', '$steps.env.twilio_sid', '$steps.env.twilio_token')]);
    const result = exported(text);
    const doc = JSON.parse(result.text);
    assert.deepEqual(
      doc.steps.map((s: { name: string; twilio_account_sid: string; twilio_auth_token: string }) => [s.name, s.twilio_account_sid, s.twilio_auth_token]),
      [
        ['sms', '$inputs.twilio_sid', '$inputs.twilio_token'],
        ['sms2', '$inputs.twilio_sid', '$inputs.twilio_token'],
      ],
    );
    assert.deepEqual(
      doc.inputs.map((i: { name: string }) => i.name),
      ['image', 'twilio_sid', 'twilio_token'],
    );
    assert.deepEqual(
      result.credentialInputs.map((i) => [i.name, i.steps, i.added]),
      [
        ['twilio_sid', ['sms', 'sms2'], true],
        ['twilio_token', ['sms', 'sms2'], true],
      ],
    );
  });

  it('lists a step once for an input it reads in two credential fields', () => {
    const text = definition([twilio('sms', '$inputs.twilio', '$inputs.twilio')], [{ type: 'WorkflowParameter', name: 'twilio' }]);
    const result = exported(text);
    assert.deepEqual(result.credentialInputs, [{ name: 'twilio', provider: 'Twilio', steps: ['sms'], added: false }]);
    assert.deepEqual(JSON.parse(result.text).inputs[1], { type: 'WorkflowParameter', name: 'twilio', kind: ['secret'] });
  });

  it('removes a placeholder default of a credential input, and says so once', () => {
    const text = definition([gpt('a', '$inputs.key'), gpt('b', '$inputs.key')], [{ type: 'WorkflowParameter', name: 'key', default_value: '<YOUR_KEY>' }]);
    const result = exported(text);
    assert.deepEqual(JSON.parse(result.text).inputs[1], { type: 'WorkflowParameter', name: 'key', kind: ['secret'] });
    assert.deepEqual(result.notes, ['Removed the default value of input `key`.', 'Input `key` is now of kind `secret`.']);
  });

  it('moves a shaped key out of an input default without declaring that input again', () => {
    const token = 'ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8';
    const result = exported(definition([], [{ type: 'WorkflowParameter', name: 'token', default_value: token }]));
    assert.deepEqual(JSON.parse(result.text).inputs, [image, { type: 'WorkflowParameter', name: 'token' }]);
    assert.deepEqual(result.notes, ['Removed the default value of input `token`.', 'Removed 1 credential written in the file; it is now an input.']);
    assert.deepEqual(result.credentialInputs, []);
  });

  it('names a new input past the names already declared', () => {
    const text = definition([gpt('a', 'sk-CANARY-0123456789abcdef')], [{ type: 'WorkflowParameter', name: 'openai_api_key', kind: ['string'] }, { type: 'WorkflowParameter' }]);
    const doc = JSON.parse(exported(text).text);
    assert.equal(doc.steps[0].api_key, '$inputs.openai_api_key_2');
    assert.deepEqual(
      doc.inputs.map((i: { name?: string }) => i.name ?? null),
      ['image', 'openai_api_key', null, 'openai_api_key_2'],
    );
  });

  it('keeps a secrets store another step still names as a whole step', () => {
    const gate = { type: 'roboflow_core/continue_if@v1', name: 'gate', condition_statement: ALWAYS_TRUE, evaluation_parameters: {}, next_steps: ['$steps.env'] };
    const result = exported(definition([envStore('env', ['TWILIO_TOKEN']), twilio('sms', '$inputs.sid', '$steps.env.twilio_token'), gate], [{ type: 'WorkflowParameter', name: 'sid' }]));
    const doc = JSON.parse(result.text);
    assert.deepEqual(
      doc.steps.map((s: { name: string }) => s.name),
      ['env', 'sms', 'gate'],
    );
    assert.equal(doc.steps[1].twilio_auth_token, '$inputs.twilio_token');
  });

  it('lists up to six places in full', () => {
    const prompts = Array.from({ length: 6 }, (_, i) => gpt(`gpt${i}`, '$inputs.k', `use sk-proj-Q1w2E3r4T5y6U7i8O9p0AaSsDdFfGg${i} please`));
    const message = refusal(() => exported(definition(prompts, [{ type: 'WorkflowParameter', name: 'k' }])));
    const places = /can take their place \((.*?)\)\. Take them out/.exec(message)![1];
    assert.equal(places, [0, 1, 2, 3, 4, 5].map((i) => `step \`gpt${i}\`, \`prompt\``).join('; '));
  });

  describe('the final check for a value left behind', () => {
    const leftBehind = 'Not exported: a credential written in the workflow could not be removed; move it to an input (Move to SecretStorage) before exporting.';

    it('refuses when a pasted key is also written in a field that is not a credential', () => {
      // Eight characters and no shape: only the key field says it is a credential.
      const key = 'Zq8wLm3x';
      const text = definition([gpt('a', key, `say ${key}`)]);
      assert.equal(refusal(() => exported(text)), leftBehind);
    });

    it('finds the key in its JSON-escaped spelling too', () => {
      const key = 'Zq8w"Lm3x\\9';
      const text = definition([gpt('a', key, `say ${key}`)]);
      assert.equal(refusal(() => exported(text)), leftBehind);
    });

    it('refuses when the key is also in a comment, which no string scan reads', () => {
      const text = `{\n  // the key is Zq8wLm3x\n  "version": "1.0",\n  "inputs": [{ "type": "WorkflowImage", "name": "image" }],\n  "steps": [${JSON.stringify(gpt('a', 'Zq8wLm3x'))}],\n  "outputs": []\n}`;
      assert.equal(refusal(() => exported(text)), leftBehind);
      const kept = exported(text.replace('// the key is Zq8wLm3x', '// no key here')).text;
      assert.equal(parse(kept).steps[0].api_key, '$inputs.openai_api_key');
      assert.match(kept, /^\{\n {2}\/\/ no key here\n/, 'the comment stays');
    });

    it('refuses when a key from SecretStorage is written in a comment', () => {
      const stored = 'Qh7LsW2pX9nR4tY8kZ1m';
      const text = `{\n  // ${stored}\n  "version": "1.0",\n  "inputs": [],\n  "steps": [],\n  "outputs": []\n}`;
      assert.equal(refusal(() => exported(text, 'user-provided', [stored])), leftBehind);
      assert.equal(exported(text).text, text, 'unknown, it is ordinary text');
    });

    it('lets a short value (under eight characters) that also appears elsewhere through: it matches ordinary text by chance', () => {
      const text = definition([gpt('a', 'Zq8wLm3', 'say Zq8wLm3')]);
      const doc = JSON.parse(exported(text).text);
      assert.deepEqual([doc.steps[0].api_key, doc.steps[0].prompt], ['$inputs.openai_api_key', 'say Zq8wLm3']);
    });
  });
});
