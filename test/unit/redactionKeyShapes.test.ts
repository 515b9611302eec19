import assert from 'node:assert/strict';
import { describeShapeMatch, findProviderKeys } from '../../src/core/redaction/providerKeyShapes';
import { Redactor } from '../../src/core/redaction/redactor';

/** Each key found in `text`, as what it is and the exact text it covers. */
function keysIn(text: string): string[][] {
  return findProviderKeys(text).map((match) => [match.shape.description, text.slice(match.start, match.end), describeShapeMatch(text, match)]);
}

const SLACK_BOT = 'xoxb-1234567890-abcdefghij';
const GITHUB = 'ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8';
const SLACK_USER = 'xoxp-9876543210-ZYXWVUTSRQ';

describe('Provider key shapes: what the scanner reports', () => {
  it('reports every key of a text, leftmost first, whatever order the shapes are tried in', () => {
    // GitHub's shape is tried before Slack's: one Slack key sits before it and one after.
    assert.deepEqual(keysIn(`bot ${SLACK_BOT} gh ${GITHUB} user ${SLACK_USER}`), [
      ['a Slack bot token', SLACK_BOT, 'a Slack bot token (xoxb…, 26 characters)'],
      ['a GitHub token', GITHUB, 'a GitHub token (ghp_…, 40 characters)'],
      ['a Slack user token', SLACK_USER, 'a Slack user token (xoxp…, 26 characters)'],
    ]);
  });

  it('reports a key matched by two shapes once, as the more specific one', () => {
    const anthropic = 'sk-ant-api03-abcdefghijklmnop1234';
    assert.deepEqual(keysIn(`key ${anthropic}`), [['an Anthropic API key', anthropic, 'an Anthropic API key (sk-a…, 33 characters)']]);
  });

  it('reports a fixed-length key only when it ends where its shape does', () => {
    assert.deepEqual(keysIn('id AKIAIOSFODNN7EXAMPLE.'), [['an AWS access key id', 'AKIAIOSFODNN7EXAMPLE', 'an AWS access key id (AKIA…, 20 characters)']]);
    // One more letter: a longer word that merely starts like an AWS key.
    assert.deepEqual(keysIn('id AKIAIOSFODNN7EXAMPLEX.'), []);
  });
});

describe('Redactor: values that name a credential rather than being one', () => {
  it('masks only the key name of a nested rf_key:user: reference', () => {
    assert.equal(new Redactor().redact('api_key: rf_key:user:gemini'), 'api_key: rf_key:user:[REDACTED]');
  });

  it('masks a password that merely contains a "no value" word', () => {
    const redactor = new Redactor();
    assert.equal(redactor.redact('password=isnull'), 'password=[REDACTED]');
    assert.equal(redactor.redact('password=Falsehood'), 'password=[REDACTED]');
    // The word alone is no credential.
    assert.equal(redactor.redact('password=null'), 'password=null');
  });
});
