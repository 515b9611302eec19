import assert from 'node:assert/strict';
import { analyzeWorkflowSecurity } from '../../src/core/analysis/analyze';
import { SECURITY_CODES } from '../../src/core/analysis/findings';
import { literalSecretFixAt } from '../../src/core/analysis/moveSecret';
import { lintWorkflow } from '../../src/core/lint';
import { applyTextEdits } from '../../src/core/text/jsonEdits';
import { freshCatalog } from '../support/freshCatalog';

// A synthetic GitHub token (the published shape, never a real one).
const GITHUB = 'ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8';
const QUOTED = JSON.stringify(GITHUB);
const hook = (extra: object) => ({ type: 'roboflow_core/webhook_sink@v1', name: 'hook', url: 'https://h.example/in', ...extra });

function workflow(steps: object[], inputs: object[] = [], outputs: object[] = []): string {
  return JSON.stringify({ version: '1.0', inputs: [{ type: 'WorkflowImage', name: 'image' }, ...inputs], steps, outputs }, null, 2);
}

/** Each written secret as the user meets it: the text underlined, where it is said to be, and
 * the fix offered (its range checked through the underlined text). */
function placed(text: string): object[] {
  return analyzeWorkflowSecurity(text, freshCatalog()).writtenSecrets.map(({ nodeRange, place, stepName, fix }) => {
    const shown: Record<string, unknown> = { underlined: text.slice(nodeRange.offset, nodeRange.offset + nodeRange.length), place };
    if (stepName !== undefined) shown.stepName = stepName;
    if (fix) {
      const { range, ...rest } = fix;
      assert.deepEqual(range, nodeRange);
      shown.fix = rest;
    }
    return shown;
  });
}

const stepFix = (path: (string | number)[], inputName: string, inputKinds: string[], provider: string) => ({ path, where: 'step', inputName, inputKinds, provider });

describe('credentials written in a workflow: where they are said to be, and which can move to SecretStorage', () => {
  it('a whole credential in a step field moves to an input of the field\'s kinds; one inside a list cannot', () => {
    const text = workflow([hook({ url: GITHUB, headers: [GITHUB] })]);
    assert.deepEqual(placed(text), [
      { underlined: QUOTED, place: 'step `hook`, `url`', stepName: 'hook', fix: stepFix(['steps', 0, 'url'], 'github_token', ['secret', 'string'], 'webhook') },
      { underlined: QUOTED, place: 'step `hook`, `headers[0]`', stepName: 'hook' },
    ]);
  });

  it('an entry of a dict that takes selectors moves to an input of kind secret; entries of other dicts and deeper values stay', () => {
    const text = workflow([hook({ json_payload: { k: GITHUB }, fire_and_forget: { k: GITHUB }, query_parameters: { x: { y: GITHUB } } })]);
    assert.deepEqual(placed(text), [
      { underlined: QUOTED, place: 'step `hook`, `json_payload.k`', stepName: 'hook', fix: stepFix(['steps', 0, 'json_payload', 'k'], 'github_token', ['secret'], 'webhook') },
      { underlined: QUOTED, place: 'step `hook`, `fire_and_forget.k`', stepName: 'hook' },
      { underlined: QUOTED, place: 'step `hook`, `query_parameters.x.y`', stepName: 'hook' },
    ]);
  });

  it('an entry of a dict whose selectors take strings still moves to an input of kind secret only', () => {
    const text = workflow([{ type: 'roboflow_core/email_notification@v1', name: 'mail', attachments: { 'report.csv': GITHUB } }]);
    assert.deepEqual(placed(text), [
      { underlined: QUOTED, place: 'step `mail`, `attachments.report.csv`', stepName: 'mail', fix: stepFix(['steps', 0, 'attachments', 'report.csv'], 'github_token', ['secret'], 'smtp') },
    ]);
  });

  it('a property written twice: a credential in either spelling (dict entry or list item) gets no fix', () => {
    // The fix checks the property's first spelling is a dict and the credential is a named entry of it.
    const steps = (first: string, second: string) =>
      `{"version":"1.0","inputs":[],"outputs":[],"steps":[{"type":"roboflow_core/webhook_sink@v1","name":"hook","url":"https://h.example","json_payload":${first},"json_payload":${second}}]}`;
    assert.deepEqual(placed(steps('"x"', `{"k":${QUOTED}}`)), [{ underlined: QUOTED, place: 'step `hook`, `json_payload.k`', stepName: 'hook' }]);
    assert.deepEqual(placed(steps('{"a":"b"}', `[${QUOTED}]`)), [{ underlined: QUOTED, place: 'step `hook`, `json_payload[0]`', stepName: 'hook' }]);
  });

  it('a step of an unknown block: a whole field moves to a generic secret input, a dict entry stays', () => {
    const text = workflow([{ type: 'acme/unknown@v1', name: 'u', a: GITHUB, b: { k: GITHUB } }]);
    assert.deepEqual(placed(text), [
      { underlined: QUOTED, place: 'step `u`, `a`', stepName: 'u', fix: stepFix(['steps', 0, 'a'], 'github_token', ['secret'], 'secret') },
      { underlined: QUOTED, place: 'step `u`, `b.k`', stepName: 'u' },
    ]);
  });

  it('a credential as a step\'s name is shown by place only, with no fix (an input cannot name a step)', () => {
    assert.deepEqual(placed(workflow([{ ...hook({}), name: GITHUB }])), [{ underlined: QUOTED, place: `step \`${GITHUB}\`, \`name\``, stepName: GITHUB }]);
  });

  it('only a named input\'s whole default_value can be dropped; other places in inputs are named by input', () => {
    const text = workflow([], [
      { type: 'WorkflowParameter', name: 'gh', default_value: GITHUB },
      { type: 'WorkflowParameter', default_value: GITHUB },
      { type: 'WorkflowParameter', name: 'p', default_value: [GITHUB], note: GITHUB },
      { type: 'WorkflowParameter', name: 'q', default_value: `token ${GITHUB}` },
    ]);
    assert.deepEqual(placed(text), [
      { underlined: QUOTED, place: 'the `default_value` of input `gh`', fix: { path: ['inputs', 1, 'default_value'], where: 'input-default', inputName: 'gh', inputKinds: ['secret'], provider: 'secret' } },
      { underlined: QUOTED, place: 'input `#3`, `default_value`' },
      { underlined: QUOTED, place: 'input `p`, `default_value[0]`' },
      { underlined: QUOTED, place: 'input `p`, `note`' },
      { underlined: JSON.stringify(`token ${GITHUB}`), place: 'input `q`, `default_value`' },
    ]);
  });

  it('outputs are named by name or number; anything else by its path', () => {
    const text = JSON.stringify({
      version: '1.0',
      inputs: [],
      steps: [],
      outputs: [{ type: 'JsonField', selector: '$steps.hook.x', note: GITHUB }, { type: 'JsonField', name: 'o', selector: '$steps.hook.x', note: GITHUB }],
      meta: [GITHUB],
    }, null, 2);
    assert.deepEqual(placed(text), [
      { underlined: QUOTED, place: 'output #1' },
      { underlined: QUOTED, place: 'output `o`' },
      { underlined: QUOTED, place: '`meta[0]`' },
    ]);
  });

  it('a key that is itself a credential is placed by the object holding it, and never shown', () => {
    const text = JSON.stringify({
      version: '1.0',
      inputs: [{ type: 'WorkflowParameter', name: 'p', [GITHUB]: 1, meta: { [GITHUB]: 2 } }],
      steps: [{ ...hook({ headers: { [GITHUB]: 'x' } }), [GITHUB]: 'y' }],
      outputs: [],
      [GITHUB]: 3,
      meta: { list: [{ [GITHUB]: 4 }] },
    }, null, 2);
    assert.deepEqual(placed(text), [
      { underlined: QUOTED, place: 'input `p`, a property name' },
      { underlined: QUOTED, place: 'input `p`, a key of `meta`' },
      { underlined: QUOTED, place: 'step `hook`, a key of `headers`', stepName: 'hook' },
      { underlined: QUOTED, place: 'step `hook`, a property name', stepName: 'hook' },
      { underlined: QUOTED, place: 'a property name' },
      { underlined: QUOTED, place: 'a key of `meta.list[0]`' },
    ]);
  });

  it('the finding says where, and Move to SecretStorage replaces the value with the new input', () => {
    const text = workflow([hook({ json_payload: { k: GITHUB } })]);
    const [finding] = lintWorkflow(text, freshCatalog()).findings.filter((f) => f.code === SECURITY_CODES.literalSecret);
    assert.equal(text.slice(finding.range.offset, finding.range.offset + finding.range.length), QUOTED);
    assert.equal(finding.message, 'A GitHub token (ghp_…, 40 characters) is written in step `hook`, `json_payload.k`: anyone who can read the file or the workflow can use it. Move it to SecretStorage; the step will read input `github_token`.');
  });
});

describe('Move to SecretStorage at a position', () => {
  const twoSecrets = () => workflow([hook({ json_payload: { a: GITHUB, b: 'zzz', c: GITHUB } })]);
  const start = (text: string, n: number) => text.split(QUOTED, n).join(QUOTED).length; // offset of the n-th quoted secret

  it('moves the secret under the position, not the first one in the document', () => {
    const text = twoSecrets();
    const fix = literalSecretFixAt(text, freshCatalog(), start(text, 2) + 1)!;
    assert.equal(fix.inputName, 'github_token_2');
    assert.equal(fix.provider, 'webhook');
    assert.deepEqual(fix.valueRange, { offset: start(text, 2), length: QUOTED.length });
    assert.deepEqual(JSON.parse(applyTextEdits(text, fix.edits)).steps[0].json_payload, { a: GITHUB, b: 'zzz', c: '$inputs.github_token_2' });
  });

  it('offers nothing just after a secret\'s closing quote, nor on a plain value', () => {
    const text = twoSecrets();
    const catalog = freshCatalog();
    assert.equal(literalSecretFixAt(text, catalog, start(text, 1) + QUOTED.length), undefined);
    assert.equal(literalSecretFixAt(text, catalog, text.indexOf('"zzz"') + 1), undefined);
    assert.equal(literalSecretFixAt(text, catalog, start(text, 2) + QUOTED.length), undefined);
  });
});
