import assert from 'node:assert/strict';
import { analyzeWorkflowSecurity } from '../../src/core/analysis/analyze';
import { SECURITY_CODES } from '../../src/core/analysis/findings';
import { literalSecretFixAt, readSecretLiteral } from '../../src/core/analysis/moveSecret';
import { bundledCatalog } from '../../src/core/catalog/bundled';
import type { Finding } from '../../src/core/findings';
import { lintWorkflow } from '../../src/core/lint';
import { findProviderKeys } from '../../src/core/redaction/providerKeyShapes';
import { Redactor } from '../../src/core/redaction/redactor';
import { applyTextEdits } from '../../src/core/text/jsonEdits';
import { couldBeSecret, quoteUserString } from '../../src/core/text/secretText';
import { loadCorpus } from '../support/corpus';

const catalog = bundledCatalog();

function workflow(steps: object[], inputs: object[] = [], outputs: object[] = []): string {
  return JSON.stringify({ version: '1.0', inputs: [{ type: 'WorkflowImage', name: 'image' }, ...inputs], steps, outputs }, null, 2);
}

const gpt = (prompt: string) => ({ type: 'roboflow_core/open_ai@v2', name: 'gpt', images: '$inputs.image', task_type: 'unconstrained', prompt, api_key: '$inputs.openai_api_key' });
const hook = (extra: object) => ({ type: 'roboflow_core/webhook_sink@v1', name: 'hook', url: 'https://h.example/in', ...extra });
const detector = (extra: object) => ({ type: 'roboflow_core/roboflow_object_detection_model@v2', name: 'det', images: '$inputs.image', model_id: 'yolov8n-640', ...extra });
const KEY_INPUT = { type: 'WorkflowParameter', name: 'openai_api_key', kind: ['secret'] };

function secretFindings(text: string, storedSecrets?: readonly string[]): Finding[] {
  return lintWorkflow(text, catalog, { storedSecrets }).findings.filter((f) => f.code === SECURITY_CODES.literalSecret);
}

function slice(text: string, range: { offset: number; length: number }): string {
  return text.slice(range.offset, range.offset + range.length);
}

/** Neither the value nor any 5 characters of it, anywhere a person could read. */
function assertNotQuoted(findings: Finding[], secret: string): void {
  const shown = JSON.stringify(findings.map((f) => [f.message, f.related, f.fixes?.map((x) => x.title)]));
  for (let i = 0; i + 5 <= secret.length; i++) {
    const piece = secret.slice(i, i + 5);
    if (/^[a-z]+$/i.test(piece) && shown.includes(piece)) continue; // ordinary words may occur in prose
    assert.ok(!shown.includes(piece), `"${piece}" of the secret is shown: ${shown}`);
  }
}

// Synthetic keys of each provider's published format (random-looking, never real).
const SHAPES: [string, string, string][] = [
  ['an OpenAI API key', 'sk-p', 'sk-proj-Q1w2E3r4T5y6U7i8O9p0AaSsDdFfGgHhJjKkLl'],
  ['an OpenAI API key', 'sk-C', 'sk-CANARY0a1b2c3d4e5f6g7h8i9j'],
  ['an Anthropic API key', 'sk-a', 'sk-ant-api03-Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg'],
  ['a Google API key', 'AIza', 'AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q'],
  ['an AWS access key id', 'AKIA', 'AKIAIOSFODNN7EXAMPL3'],
  ['an AWS temporary access key id', 'ASIA', 'ASIAY34FZKBOKMUTVV7A'],
  ['a GitHub token', 'ghp_', 'ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8'],
  ['a GitHub OAuth token', 'gho_', 'gho_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8'],
  ['a GitHub fine-grained token', 'gith', 'github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz'],
  ['a Slack bot token', 'xoxb', 'xoxb-1234567890-0987654321-AbCdEfGhIjKlMn'],
  ['a Twilio API key', 'SK01', 'SK0123456789abcdef0123456789abcdef'],
  ['a Twilio account SID', 'AC01', 'AC0123456789abcdef0123456789abcdef'],
  ['a Stripe secret key', 'sk_l', 'sk_live_4eC39HqLyjWDarjtT1zdp7dc'],
  ['a Hugging Face token', 'hf_a', 'hf_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789'],
  ['a SendGrid API key', 'SG.a', 'SG.aBcDeFgHiJkLmNoPqR.sTuVwXyZ0123456789aBcDeF'],
  ['a GitLab token', 'glpa', 'glpat-aB3dEfGhIjKlMnOpQrSt'],
];

describe('analysis: credentials written anywhere (secret scanner)', () => {
  for (const [description, prefix, key] of SHAPES) {
    it(`finds ${description} inside a prompt, on the key itself, naming it by at most 4 characters`, () => {
      const text = workflow([gpt(`Describe the image. key=${key} thanks`)], [KEY_INPUT]);
      const findings = secretFindings(text);
      assert.equal(findings.length, 1, JSON.stringify(findings));
      const [finding] = findings;
      assert.equal(finding.severity, 'error');
      assert.equal(slice(text, finding.range), key);
      assert.ok(finding.message.startsWith(`${description[0].toUpperCase()}${description.slice(1)} (${prefix}…, ${key.length} characters) is written in step \`gpt\`, \`prompt\``), finding.message);
      assert.equal(finding.fixes, undefined, 'a key inside text cannot simply become an input');
      assertNotQuoted(findings, key.slice(prefix.length));
    });
  }

  it('finds keys in every place: nested lists and dicts, header dicts, URL queries, input defaults, outputs, custom Python', () => {
    const openai = 'sk-proj-Q1w2E3r4T5y6U7i8O9p0AaSsDdFfGgHh';
    const text = workflow(
      [
        hook({ json_payload: { nested: { list: ['a', openai] }, headers: { 'X-Trace': 'abc', Authorization: 'Bearer a1B2c3D4e5F6g7H8' } } }),
        { ...hook({ url: 'https://h.example/in?id=7&token=Zq81LmPw0xYt' }), name: 'hook2' },
        { ...hook({ url: 'https://admin:hunter2x@h.example/in' }), name: 'hook3' },
      ],
      [{ type: 'WorkflowParameter', name: 'github', default_value: 'ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8' }],
      [{ type: 'JsonField', name: 'out', selector: '$steps.hook.error_status', note: 'xoxb-1234567890-0987654321-AbCdEfGhIjKlMn' }],
    );
    const findings = secretFindings(text);
    const described = findings.map((f) => [slice(text, f.range), f.message.split(':')[0]]);
    assert.deepEqual(described, [
      ['"ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"', 'A GitHub token (ghp_…, 40 characters) is written as the `default_value` of input `github`'],
      [`"${openai}"`, 'An OpenAI API key (sk-p…, 40 characters) is written in step `hook`, `json_payload.nested.list[1]`'],
      ['a1B2c3D4e5F6g7H8', 'A `Bearer …` authorization (16 characters) is written in step `hook`, `json_payload.headers.Authorization`'],
      ['Zq81LmPw0xYt', 'A credential in query parameter `token` (12 characters) is written in step `hook2`, `url`'],
      ['hunter2x', 'A password in a URL (8 characters) is written in step `hook3`, `url`'],
      ['"xoxb-1234567890-0987654321-AbCdEfGhIjKlMn"', 'A Slack bot token (xoxb…, 41 characters) is written in output `out`'],
    ]);
    assert.match(findings[3].message, /Take it out of the URL/);
  });

  it('does not flag selectors, Roboflow publishable keys, placeholders, managed keys or ordinary text', () => {
    const text = workflow(
      [
        hook({
          url: 'https://h.example/in?api_key=rf_aBc123XyZ&token=<your token>&page=2',
          headers: { 'X-Api-Key': 'rf_aBc123XyZ' },
          query_parameters: { key: '$inputs.k', mode: 'sk-learn-classifier' },
          json_payload: { model: 'yolov8n-640', task: 'task-0123456789abcdefghij', secret: 'YOUR_SECRET_HERE' },
        }),
        gpt('Use Bearer authentication with a token; the disk-usage-monitor-2024 is fine.'),
      ],
      [KEY_INPUT, { type: 'WorkflowParameter', name: 'k', default_value: 'rf_key:account' }],
    );
    assert.deepEqual(secretFindings(text), []);
  });

  it('finds a value stored in SecretStorage in any spelling the redactor knows, and says nothing of it', () => {
    const stored = 'Qh7LsW2pX9nR4tY8kZ1m'; // a private Roboflow key: no shape of its own
    const text = workflow([
      hook({
        url: `https://h.example/in?ref=${stored}`,
        json_payload: { key: stored, again: `prefix ${encodeURIComponent(stored + '/')} suffix`, b64: Buffer.from(`user:${stored}`).toString('base64') },
      }),
    ]);
    assert.deepEqual(secretFindings(text), [], 'unknown values without shape are not secrets by themselves');
    const findings = secretFindings(text, [stored]);
    assert.deepEqual(
      findings.map((f) => f.message.split(':')[0]),
      [
        'A credential stored in your SecretStorage is written in step `hook`, `url`',
        'A credential stored in your SecretStorage is written in step `hook`, `json_payload.key`',
        'A credential stored in your SecretStorage is written in step `hook`, `json_payload.again`',
        'A credential stored in your SecretStorage is written in step `hook`, `json_payload.b64`',
      ],
    );
    assert.equal(slice(text, findings[0].range), stored);
    assert.equal(findings[1].fixes?.[0].title, 'Move to SecretStorage', 'a whole value in a dict that takes selectors can become an input');
    assert.equal(findings[0].fixes, undefined);
    assertNotQuoted(findings, stored);
  });

  it('Move to SecretStorage on a whole stored value: the entry reads an input of kind secret', () => {
    const stored = 'Qh7LsW2pX9nR4tY8kZ1m';
    const text = workflow([hook({ json_payload: { key: stored } })]);
    const offset = text.indexOf(stored);
    assert.equal(literalSecretFixAt(text, catalog, offset), undefined, 'not a secret without the stored values');
    const fix = literalSecretFixAt(text, catalog, offset, [stored])!;
    assert.equal(readSecretLiteral(text, fix.valueRange), stored);
    const fixed = JSON.parse(applyTextEdits(text, fix.edits));
    assert.equal(fixed.steps[0].json_payload.key, '$inputs.webhook_key');
    assert.deepEqual(fixed.inputs[1], { type: 'WorkflowParameter', name: 'webhook_key', kind: ['secret'] });
    assert.deepEqual(secretFindings(JSON.stringify(fixed), [stored]), []);
  });

  it('a key in a number field: an error with the fix, and no message quotes it (text, hover-free)', () => {
    const key = 'sk-proj-Q1w2E3r4T5y6U7i8O9p0AaSsDdFfGgHhJjKkLl';
    const text = workflow([detector({ confidence: key })]);
    const { findings } = lintWorkflow(text, catalog);
    const secret = findings.find((f) => f.code === SECURITY_CODES.literalSecret)!;
    assert.equal(secret.message, 'An OpenAI API key (sk-p…, 46 characters) is written in step `det`, `confidence`: anyone who can read the file or the workflow can use it. Move it to SecretStorage; the step will read input `openai_api_key`.');
    const invalid = findings.find((f) => f.code === 'invalid-value')!;
    assert.match(invalid.message, /not the string an OpenAI API key \(sk-p…, 46 characters\), not shown/);
    assertNotQuoted(findings, key.slice(4));
    const fixed = applyTextEdits(text, literalSecretFixAt(text, catalog, secret.range.offset)!.edits);
    assert.equal(JSON.parse(fixed).steps[0].confidence, '$inputs.openai_api_key');
  });

  it('a shapeless token in a field that quotes values is described, not shown', () => {
    const token = 'Qh7LsW2pX9nR4tY8kZ1m';
    const findings = lintWorkflow(workflow([detector({ confidence: token, class_filter: 5 })]), catalog).findings;
    assert.ok(findings.some((f) => f.code === 'invalid-value'));
    assertNotQuoted(findings, token);
    assert.ok(findings.some((f) => f.message.includes('a value that may be a credential (20 characters, not shown)')));
  });

  it('messages are masked whatever check quotes the value: unknown block types, stored values', () => {
    const stored = 'zzzzzzzzzzzz-not-random';
    const text = workflow([{ type: stored, name: 'x' }, { type: 'ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8', name: 'y' }]);
    const findings = lintWorkflow(text, catalog, { storedSecrets: [stored] }).findings;
    const messages = JSON.stringify(findings.map((f) => [f.message, f.related]));
    assert.ok(!messages.includes(stored), messages);
    assert.ok(!messages.includes('a1B2c3D4e5F6'), messages);
    assert.ok(!findings.some((f) => f.fixes?.some((x) => x.title.startsWith('Move'))), 'a step type cannot become an input');
  });

  it('the credential-field analysis keeps its own finding; the scanner adds none for the same value', () => {
    const key = 'sk-proj-Q1w2E3r4T5y6U7i8O9p0AaSsDdFfGgHh';
    const text = workflow([{ ...gpt('hi'), api_key: key }]);
    const findings = secretFindings(text, [key]);
    assert.equal(findings.length, 1);
    assert.match(findings[0].message, /^Step `gpt` has its OpenAI credential `api_key` written in the file/);
    assert.equal(analyzeWorkflowSecurity(text, catalog).writtenSecrets.length, 0);
  });

  it('the corpus of real definitions holds no credential', () => {
    for (const entry of loadCorpus()) {
      const findings = secretFindings(entry.text);
      assert.deepEqual(findings.map((f) => f.message), [], entry.file);
    }
  });

  it('shape helpers: every shape is masked by the redactor and refused by couldBeSecret', () => {
    const redactor = new Redactor();
    for (const [, , key] of SHAPES) {
      assert.equal(findProviderKeys(`x ${key} y`).length, 1, key);
      assert.ok(couldBeSecret(key), key);
      assert.ok(!redactor.redact(`value ${key} end`).includes(key.slice(5)), `the redactor masks ${key}`);
    }
    assert.equal(quoteUserString('acme-hard-hats/7'), '"acme-hard-hats/7"', 'model ids are shown');
    assert.equal(quoteUserString('high'), '"high"');
    assert.equal(couldBeSecret('$inputs.some_really_long_name_2024'), false);
  });
});
