import assert from 'node:assert/strict';
import { analyzeWorkflowSecurity } from '../../src/core/analysis/analyze';
import { freshCatalog } from '../support/freshCatalog';
import { gpt } from '../support/securitySteps';
import { blockStem, providerFor } from '../../src/core/analysis/providers';
import { storedCredentialId } from '../../src/core/analysis/credentialIds';

/** A webhook sending one header whose name does not say it is a credential. */
function headerWorkflow(value: string): string {
  const hook = { type: 'roboflow_core/webhook_sink@v1', name: 'hook', url: 'https://example.com/hook', headers: { 'X-Trace': value } };
  return JSON.stringify({ version: '1.0', inputs: [{ type: 'WorkflowImage', name: 'image' }], steps: [hook], outputs: [] }, null, 2);
}

function flaggedAsPossibleToken(value: string): boolean {
  const { uncertain } = analyzeWorkflowSecurity(headerWorkflow(value), freshCatalog()).credentials;
  return uncertain.length === 1;
}

describe('credential uses: literal values that look like tokens', () => {
  const looksLikeToken: [string, string][] = [
    ['Bearer abcdefgh', 'an authorization scheme with a long value'],
    ['Bearer  abcdefgh', 'an authorization scheme followed by several spaces'],
    ['sk-abcdefgh', 'a secret-key prefix'],
    ['xoxb-1', 'a Slack token prefix'],
    ['ghp_x', 'a GitHub token prefix'],
    ['AKIAABCDEFGHIJKL', 'an AWS access key id'],
    ['AIza--------------------', 'a Google API key'],
    ['abcdefABCDEF1234567890xy', 'a 24-character mix of letters and digits'],
    ['0abcdefghij/klmnopqrstuvw', 'a slash-separated value containing a digit'],
    ['abcdefghij/klmnopqrstuvw0', 'a slash-separated value ending in a digit'],
    ['0123456789/abcdefghijklmn', 'digits, a slash, then letters'],
    ['abcdefghijklmn/0123456789', 'letters, a slash, then digits'],
  ];
  for (const [value, what] of looksLikeToken) {
    it(`warns that a header may carry a credential when its value is ${what}`, () => {
      assert.equal(flaggedAsPossibleToken(value), true, value);
    });
  }

  const ordinary: [string, string][] = [
    ['My Bearer abcdefgh', 'a sentence containing an authorization scheme'],
    ['Bearer abcdefgh extra', 'an authorization scheme followed by more words'],
    ['xsk-abcdefgh', 'a secret-key prefix not at the start'],
    ['sk-abcdefgh!', 'a secret-key prefix followed by punctuation'],
    ['axoxb-1', 'a Slack prefix not at the start'],
    ['aghp_x', 'a GitHub prefix not at the start'],
    ['xAKIAABCDEFGHIJKL', 'an AWS prefix not at the start'],
    ['AKIAB', 'a short AWS prefix'],
    ['xAIza--------------------', 'a Google prefix not at the start'],
    ['AIza-', 'a short Google prefix'],
    ['abcdefABCDEF1234567890x', '23 characters of letters and digits'],
    ['abcdefghijklmnopqrstuvwxyz', 'letters only'],
    ['123456789012345678901234', 'digits only'],
    ['!abcdefABCDEF1234567890xy', 'a long value starting with punctuation'],
    ['abcdefABCDEF1234567890xy!', 'a long value ending with punctuation'],
  ];
  for (const [value, what] of ordinary) {
    it(`does not warn about a header whose value is ${what}`, () => {
      assert.equal(flaggedAsPossibleToken(value), false, value);
    });
  }
});

describe('credential uses: how a credential field value is classified', () => {
  const gptWith = (apiKey: string, inputs: object[] = []) =>
    JSON.stringify({ version: '1.0', inputs: [{ type: 'WorkflowImage', name: 'image' }, ...inputs], steps: [gpt(apiKey)], outputs: [] }, null, 2);
  const usesOf = (text: string) => analyzeWorkflowSecurity(text, freshCatalog()).credentials;

  it('treats a value that only ends with the managed account key as a literal secret', () => {
    const { uses } = usesOf(gptWith('my rf_key:account'));
    assert.deepEqual(uses.map((u) => [u.source, u.managedKey]), [['literal', undefined]]);
  });

  it('reads a value starting with the managed account key as the account key', () => {
    const { uses } = usesOf(gptWith('rf_key:account:extra'));
    assert.deepEqual(uses.map((u) => [u.source, u.managedKey, u.managedBy]), [['managed-key', 'account', 'value']]);
  });

  it('treats text merely containing a publishable key as a literal secret', () => {
    const { uses } = usesOf(gptWith('xrf_abc123'));
    assert.deepEqual(uses.map((u) => u.source), ['literal']);
  });

  it('recognises a placeholder surrounded by spaces', () => {
    const { uses, literalSecrets } = usesOf(gptWith('  <your key>  '));
    assert.deepEqual(uses.map((u) => u.source), ['placeholder']);
    assert.equal(literalSecrets.length, 0);
  });

  it('treats a blank value of a required key as missing', () => {
    const { uses } = usesOf(gptWith('   '));
    assert.deepEqual(uses.map((u) => u.source), ['missing']);
  });

  for (const [value, what] of [['   ', 'blank'], ['$inputs.other', 'a selector']]) {
    it(`records no default for a credential input whose default is ${what}`, () => {
      const { uses, literalSecrets } = usesOf(gptWith('$inputs.key', [{ type: 'WorkflowParameter', name: 'key', default_value: value }]));
      assert.deepEqual(uses.map((u) => [u.source, u.inputDefault]), [['input', undefined]]);
      assert.equal(literalSecrets.length, 0);
    });
  }
});

describe('credential uses: providers of unknown blocks and stored credential ids', () => {
  it('names the provider of an unknown block after its type, without namespace or version', () => {
    assert.deepEqual(providerFor('acme/my_block@v12'), { id: 'my-block', name: 'my block', inputPrefix: 'my_block', fixedAddress: false });
  });

  it('keeps a version-like text that is not at the end of the block type', () => {
    assert.equal(blockStem('acme/thing@v2beta'), 'thing@v2beta');
  });

  it('names a stored credential without a provider by its input name alone', () => {
    assert.equal(storedCredentialId(undefined, 'key'), 'key');
    assert.equal(storedCredentialId('openai', 'openai_key'), 'openai/openai_key');
  });
});
