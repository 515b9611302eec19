import assert from 'node:assert/strict';
import { analyzeWorkflowSecurity } from '../../src/core/analysis/analyze';
import { analyzeSecurity, MOVE_TO_SECRET_STORAGE_TITLE, SECURITY_CODES, securityFindings } from '../../src/core/analysis/findings';
import { applyTextEdits } from '../../src/core/text/jsonEdits';
import { literalSecretEdits, literalSecretFixAt, readSecretLiteral } from '../../src/core/analysis/moveSecret';
import { bundledCatalog } from '../../src/core/catalog/bundled';
import type { Finding } from '../../src/core/findings';
import { buildWorkflowModel } from '../../src/core/model/workflow';
import { parseJson } from '../../src/core/parse/parseJson';
import { det, gpt } from '../support/securitySteps';

const catalog = bundledCatalog();
const CANARY = 'sk-CANARY-findings-0123456789';

function workflow(steps: object[], inputs: object[] = [], indent: string | number = 2): string {
  return JSON.stringify({ version: '1.0', inputs: [{ type: 'WorkflowImage', name: 'image' }, ...inputs], steps, outputs: [] }, null, indent);
}


function codes(findings: Finding[]): [string, string][] {
  return findings.map((f) => [f.code, f.severity]);
}

function assertNoSecretIn(findings: Finding[], secret: string): void {
  for (const finding of findings) {
    const shown = [finding.message, ...(finding.related ?? []).map((r) => r.message), ...(finding.fixes ?? []).map((f) => f.title)];
    for (const text of shown) assert.ok(!text.includes(secret), `secret leaked into: ${text}`);
  }
}

describe('analysis: security findings', () => {
  it('reports a private model as information with the documented message', () => {
    const findings = analyzeSecurity(workflow([det('acme/3')]), catalog);
    assert.deepEqual(codes(findings), [[SECURITY_CODES.privateModel, 'information']]);
    assert.equal(findings[0].message, 'Step `det` uses model `acme/3`, which looks private: people you share with must use their own key unless run access is owner-key.');
  });

  it('relates a private model that comes from an input default to that default', () => {
    const text = workflow([det('$inputs.m')], [{ type: 'WorkflowParameter', name: 'm', default_value: 'acme/3' }]);
    const [finding] = analyzeSecurity(text, catalog);
    assert.equal(finding.code, SECURITY_CODES.privateModel);
    assert.match(finding.message, /default of input `m`/);
    assert.equal(finding.related?.length, 1);
  });

  it('says "decided at run time" once per workflow, as information', () => {
    const text = workflow([det('$inputs.a', 'one'), det('$inputs.b', 'two')], [{ type: 'WorkflowParameter', name: 'a' }, { type: 'WorkflowParameter', name: 'b' }]);
    const findings = analyzeSecurity(text, catalog);
    assert.deepEqual(codes(findings), [[SECURITY_CODES.modelDecidedAtRunTime, 'information']]);
    assert.match(findings[0].message, /`one`, `two`/);
    assert.equal(findings[0].related?.length, 1);
  });

  it('reports public models not at all', () => {
    assert.deepEqual(analyzeSecurity(workflow([det('yolov8n-640'), det('coco/3', 'b')]), catalog), []);
  });

  it('makes a literal secret an error with a Move-to-SecretStorage fix, and never shows the value', () => {
    const text = workflow([gpt(CANARY)]);
    const findings = analyzeSecurity(text, catalog);
    assert.deepEqual(codes(findings), [[SECURITY_CODES.literalSecret, 'error']]);
    const [finding] = findings;
    assert.match(finding.message, /no place for it/);
    assert.equal(text.slice(finding.range.offset, finding.range.offset + finding.range.length), JSON.stringify(CANARY));
    assert.equal(finding.fixes?.[0].title, MOVE_TO_SECRET_STORAGE_TITLE);
    assertNoSecretIn(findings, CANARY);
    for (const edit of finding.fixes![0].edits) assert.ok(!edit.newText.includes(CANARY));

    const fixed = applyTextEdits(text, finding.fixes![0].edits);
    const doc = JSON.parse(fixed);
    assert.equal(doc.steps[0].api_key, '$inputs.openai_api_key');
    assert.deepEqual(doc.inputs[1], { type: 'WorkflowParameter', name: 'openai_api_key', kind: ['secret'] });
    assert.ok(!fixed.includes(CANARY));
    assert.deepEqual(analyzeSecurity(fixed, catalog).map((f) => f.code), [SECURITY_CODES.credentialInput]);
  });

  it('accepts a built model (fix edits need the text) or text and model together', () => {
    const text = workflow([gpt(CANARY)]);
    const model = buildWorkflowModel(parseJson(text).root!, catalog);
    assert.deepEqual(analyzeSecurity(model, catalog)[0].fixes?.[0].edits, []);
    assert.ok(analyzeSecurity({ text, model }, catalog)[0].fixes![0].edits.length > 0);
    assert.deepEqual(securityFindings(analyzeWorkflowSecurity(text, catalog)), analyzeSecurity(text, catalog));
  });

  it('reports a literal input default_value used as a credential, and fixes it by removing the default', () => {
    const text = workflow([gpt('$inputs.key')], [{ type: 'WorkflowParameter', name: 'key', default_value: CANARY }]);
    const findings = analyzeSecurity(text, catalog);
    const secret = findings.find((f) => f.code === SECURITY_CODES.literalSecret)!;
    assert.equal(secret.severity, 'error');
    assert.match(secret.message, /Input `key`/);
    assertNoSecretIn(findings, CANARY);
    const fixed = JSON.parse(applyTextEdits(text, secret.fixes![0].edits));
    assert.deepEqual(fixed.inputs[1], { type: 'WorkflowParameter', name: 'key' });
  });

  it('explains credential inputs, and suggests kind secret when missing', () => {
    const text = workflow([gpt('$inputs.key'), gpt('$inputs.typed', 'gpt2')], [{ type: 'WorkflowParameter', name: 'key' }, { type: 'WorkflowParameter', name: 'typed', kind: ['secret'] }]);
    const findings = analyzeSecurity(text, catalog);
    assert.deepEqual(codes(findings), [[SECURITY_CODES.credentialInput, 'information'], [SECURITY_CODES.credentialInput, 'information']]);
    assert.match(findings[0].message, /Declare the input with kind `secret`/);
    assert.doesNotMatch(findings[1].message, /Declare/);
  });

  it('says that managed keys spend Roboflow credits', () => {
    const text = workflow([{ type: 'roboflow_core/open_ai@v4', name: 'gpt', images: '$inputs.image', task_type: 'unconstrained', prompt: 'hi' }, { ...gpt('rf_key:user:abc', 'gpt2'), type: 'roboflow_core/open_ai@v4' }]);
    const findings = analyzeSecurity(text, catalog);
    assert.deepEqual(codes(findings), [[SECURITY_CODES.managedKey, 'information'], [SECURITY_CODES.managedKey, 'information']]);
    assert.match(findings[0].message, /spend your Roboflow credits/);
    assert.match(findings[1].message, /stored in your Roboflow settings/);
    assert.ok(!findings[1].message.includes('abc'), 'the stored key id is not shown');
  });

  it('reports environment secrets, placeholders and custom providers without a password', () => {
    const text = workflow([
      { type: 'roboflow_core/environment_secrets_store@v1', name: 'env', variables_storing_secrets: ['OPENAI_KEY'] },
      gpt('$steps.env.openai_key'),
      gpt('<YOUR_API_KEY>', 'gpt2'),
      { type: 'roboflow_core/email_notification@v2', name: 'mail', subject: 's', message: 'm', receiver_email: 'a@example.com', email_provider: 'Custom SMTP' },
    ]);
    assert.deepEqual(codes(analyzeSecurity(text, catalog)), [
      [SECURITY_CODES.credentialEnvironment, 'information'],
      [SECURITY_CODES.credentialPlaceholder, 'warning'],
      [SECURITY_CODES.credentialMissing, 'warning'],
    ]);
  });

  it('leaves missing required credentials to the validator', () => {
    const text = workflow([{ type: 'roboflow_core/open_ai@v2', name: 'gpt', images: '$inputs.image', task_type: 'unconstrained', prompt: 'hi' }]);
    assert.deepEqual(analyzeSecurity(text, catalog), []);
  });

  it('reports uncertain values once, with the others related', () => {
    const hook = (name: string, headers: object) => ({ type: 'roboflow_core/webhook_sink@v1', name, url: 'https://example.com', headers });
    const text = workflow([hook('a', { 'X-One': 'abcdefABCDEF1234567890xyzXYZ' }), hook('b', { 'X-Two': 'Bearer abcdefghijk' })]);
    const findings = analyzeSecurity(text, catalog);
    assert.deepEqual(codes(findings), [[SECURITY_CODES.credentialUncertain, 'information']]);
    assert.equal(findings[0].related?.length, 2);
    assertNoSecretIn(findings, 'abcdef');
  });

  it('never puts a secret in any message, title or related text, whatever the block', () => {
    const secret = 'sk-CANARY-everywhere-987654321';
    const text = workflow(
      [
        gpt(secret),
        { type: 'roboflow_core/slack_notification@v1', name: 'slack', slack_token: secret, message: 'm', channel: 'c' },
        { type: 'roboflow_core/twilio_sms_notification@v1', name: 'sms', twilio_account_sid: secret, twilio_auth_token: secret, message: 'hi', sender_number: '+1', receiver_number: '+2' },
        { type: 'roboflow_core/webhook_sink@v1', name: 'hook', url: 'https://x', headers: { Authorization: `Bearer ${secret}`, 'X-Other': secret }, query_parameters: { token: secret } },
        gpt('$inputs.k', 'gpt2'),
      ],
      [{ type: 'WorkflowParameter', name: 'k', default_value: secret }],
    );
    const findings = analyzeSecurity(text, catalog);
    assert.equal(findings.filter((f) => f.code === SECURITY_CODES.literalSecret).length, 8, 'the X-Other header holds an OpenAI-shaped key too');
    assertNoSecretIn(findings, secret);
    assertNoSecretIn(findings, secret.slice(3, 15));
  });

  describe('Move to SecretStorage edits', () => {
    function moveFirst(text: string): string {
      const analysis = analyzeWorkflowSecurity(text, catalog);
      return applyTextEdits(text, literalSecretEdits(text, analysis.credentials.literalSecrets[0]));
    }

    it('keeps tab indentation', () => {
      const text = workflow([gpt(CANARY)], [], '\t');
      const fixed = moveFirst(text);
      assert.match(fixed, /\n\t\t\{\n\t\t\t"type": "WorkflowParameter",\n\t\t\t"name": "openai_api_key",/);
      assert.ok(!/\n {2}/.test(fixed), 'no spaces introduced');
    });

    it('keeps four-space indentation and CRLF line ends', () => {
      const text = workflow([gpt(CANARY)], [], 4).replace(/\n/g, '\r\n');
      const fixed = moveFirst(text);
      assert.ok(!/[^\r]\n/.test(fixed), 'only CRLF');
      assert.match(fixed, /\r\n {8}\{\r\n {12}"type": "WorkflowParameter"/);
      assert.deepEqual(JSON.parse(fixed).inputs[1].kind, ['secret']);
    });

    it('leaves other inputs exactly as written, even inline ones', () => {
      const text = `{\n  "version": "1.0",\n  "inputs": [\n    {"type": "WorkflowImage", "name": "image"}\n  ],\n  "steps": [\n    ${JSON.stringify(gpt(CANARY))}\n  ],\n  "outputs": []\n}`;
      const fixed = moveFirst(text);
      assert.ok(fixed.includes('    {"type": "WorkflowImage", "name": "image"},\n'));
      assert.equal(JSON.parse(fixed).inputs.length, 2);
    });

    it('creates the inputs array when there is none, away from the steps', () => {
      const text = `{\n  "version": "1.0",\n  "steps": [\n    ${JSON.stringify(gpt(CANARY))}\n  ],\n  "outputs": []\n}`;
      const analysis = analyzeWorkflowSecurity(text, catalog);
      const edits = literalSecretEdits(text, analysis.credentials.literalSecrets[0]);
      assert.equal(edits.length, 2, 'two separate edits: the value and the new input');
      const doc = JSON.parse(applyTextEdits(text, edits));
      assert.deepEqual(Object.keys(doc), ['version', 'inputs', 'steps', 'outputs']);
      assert.equal(doc.steps[0].api_key, '$inputs.openai_api_key');
    });

    it('handles a one-line document without inputs (a single combined edit if need be)', () => {
      const text = JSON.stringify({ steps: [gpt(CANARY)], outputs: [], version: '1.0' });
      const doc = JSON.parse(moveFirst(text));
      assert.equal(doc.steps[0].api_key, '$inputs.openai_api_key');
      assert.deepEqual(doc.inputs, [{ type: 'WorkflowParameter', name: 'openai_api_key', kind: ['secret'] }]);
    });

    it('appends into an empty inputs array', () => {
      const text = workflow([gpt(CANARY)]).replace(/"inputs": \[[\s\S]*?\],/, '"inputs": [],');
      const doc = JSON.parse(moveFirst(text));
      assert.deepEqual(doc.inputs, [{ type: 'WorkflowParameter', name: 'openai_api_key', kind: ['secret'] }]);
    });

    it('gives webhook credentials kinds the headers field accepts', () => {
      const text = workflow([{ type: 'roboflow_core/webhook_sink@v1', name: 'hook', url: 'https://x', headers: { Authorization: `Bearer ${CANARY}` } }]);
      const doc = JSON.parse(moveFirst(text));
      assert.equal(doc.steps[0].headers.Authorization, '$inputs.webhook_authorization');
      assert.deepEqual(doc.inputs[1].kind, ['secret', 'string']);
    });

    it('finds the fix at a diagnostic offset and reads the value for storage', () => {
      const text = workflow([gpt(CANARY)]);
      const [finding] = analyzeSecurity(text, catalog);
      const fix = literalSecretFixAt(text, catalog, finding.range.offset)!;
      assert.equal(fix.inputName, 'openai_api_key');
      assert.equal(readSecretLiteral(text, fix.valueRange), CANARY);
      assert.deepEqual(fix.edits, finding.fixes![0].edits);
      assert.equal(literalSecretFixAt(text, catalog, 0), undefined);
    });
  });
});
