import assert from 'node:assert/strict';
import { withoutSecretsInMessages } from '../../src/core/analysis/maskMessages';
import type { Finding } from '../../src/core/findings';

const RANGE = { offset: 0, length: 0 };
// Synthetic values: a random-looking token of exactly 16 characters, one a character short, and a
// GitHub token of the published shape (never real).
const TOKEN_16 = 'Qh7LsW2pX9nR4tY8';
const TOKEN_15 = 'Qh7LsW2pX9nR4tY';
const GITHUB = 'ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8';

function finding(message: string, related?: string[]): Finding {
  return { code: 'x', severity: 'error', message, range: RANGE, related: related?.map((m) => ({ message: m, range: RANGE })) };
}

const masked = (message: string) => withoutSecretsInMessages([finding(message)])[0].message;

describe('finding messages with credentials masked', () => {
  it('masks a random-looking word of 16 characters, keeps one of 15 and the words around it', () => {
    assert.equal(masked(`token ${TOKEN_16} here`), 'token [REDACTED] here');
    assert.equal(masked(`token ${TOKEN_15} here`), `token ${TOKEN_15} here`);
    assert.equal(masked(`(\`${TOKEN_16}\`, "${TOKEN_16}")`), '(`[REDACTED]`, "[REDACTED]")');
  });

  it('masks a provider key that does not look random as a whole', () => {
    assert.equal(masked('key AKIAIOSFODNN7EXAMPLE set'), 'key [REDACTED] set');
  });

  it('masks a short key shape after its prefix, as the redactor writes it', () => {
    // 15 characters: too short to be masked as a whole word.
    assert.equal(masked('token xoxb-1234567890 here'), 'token xoxb-[REDACTED] here');
  });

  it('leaves a selector as a word, masking only the key shape inside it', () => {
    assert.equal(masked(`reads $inputs.${TOKEN_16}`), `reads $inputs.${TOKEN_16}`);
    assert.equal(masked(`reads $steps.${GITHUB}`), 'reads $steps.ghp_[REDACTED]');
  });

  it('returns an unchanged finding as the same object, with or without related messages', () => {
    const plain = finding('Step `a` is unused.');
    const withRelated = finding('Step `a` is unused.', ['declared here', 'used here']);
    const [first, second] = withoutSecretsInMessages([plain, withRelated]);
    assert.equal(first, plain);
    assert.equal(second, withRelated);
  });

  it('masks a credential in any related message, keeping the others as written', () => {
    const original = finding('Step `a` is unused.', ['declared here', `with ${TOKEN_16}`]);
    const [result] = withoutSecretsInMessages([original]);
    assert.notEqual(result, original);
    assert.equal(result.message, 'Step `a` is unused.');
    assert.deepEqual(result.related, [{ message: 'declared here', range: RANGE }, { message: 'with [REDACTED]', range: RANGE }]);
    assert.deepEqual(original.related?.map((r) => r.message), ['declared here', `with ${TOKEN_16}`], 'the original finding is left as it was');
  });
});
