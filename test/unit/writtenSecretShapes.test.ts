import assert from 'node:assert/strict';
import { parseTree, type Node } from 'jsonc-parser';
import { holdsSecret, knownSecrets, scanForSecrets, type KnownSecrets } from '../../src/core/analysis/secretScan';

const none = (): KnownSecrets => knownSecrets([]);

/** What the scan reports for a JSON document, with the text each range covers. */
function scan(text: string, known: KnownSecrets = none()) {
  const root = parseTree(text);
  assert.ok(root, 'the document parses');
  return scanForSecrets(root, text, known).map((f) => ({ ...f, underlined: text.slice(f.range.offset, f.range.offset + f.range.length) }));
}

describe('written secrets: which strings look like credentials', () => {
  it('treats a string that only contains a selector mid-text as an ordinary value', () => {
    assert.equal(holdsSecret('zq9k$steps.abc123', 'api_key', none()), true);
    assert.equal(holdsSecret('$steps.abc12345', 'api_key', none()), false);
  });

  it('reports a credential-named entry of exactly 8 characters, with its length', () => {
    const text = '{"api_key": "a1b2c3d4"}';
    const [finding, ...rest] = scan(text);
    assert.equal(rest.length, 0);
    assert.equal(finding.kind, 'credential-entry');
    assert.equal(finding.description, 'a credential under `api_key` (8 characters)');
    assert.equal(finding.underlined, '"a1b2c3d4"');
    assert.equal(finding.whole, true);
  });

  it('does not report numbers, placeholders or text with spaces under credential names', () => {
    assert.equal(holdsSecret('12345678', 'api_key', none()), false);
    assert.equal(holdsSecret('<your key>', 'api_key', none()), false);
    assert.equal(holdsSecret('abcd 1234efg', 'api_key', none()), false);
  });

  it('reports credential-named values that start with digits or hold no digits at all', () => {
    assert.equal(holdsSecret('1234abcd', 'password', none()), true);
    assert.equal(holdsSecret('qwertzuiop', 'password', none()), true);
  });

  it('reports a credential-named value padded with spaces as a whole', () => {
    const [finding] = scan('{"token": " a1b2c3d4 "}');
    assert.equal(finding.kind, 'credential-entry');
    assert.equal(finding.description, 'a credential under `token` (10 characters)');
    assert.equal(finding.whole, true);
  });

  it('reports a credential query parameter in a selector-looking URL only when it is not a selector', () => {
    assert.equal(holdsSecret('$steps.hook?token=abcdefgh1', undefined, none()), false);
    assert.equal(holdsSecret('https://h.example/?token=abcdefgh1', undefined, none()), true);
  });
});

describe('written secrets: authorizations', () => {
  it('reports a Bearer token of 8 characters with a digit, underlining the token only', () => {
    const text = '{"h": "Bearer abcd1234"}';
    const [finding] = scan(text);
    assert.equal(finding.kind, 'authorization');
    assert.equal(finding.description, 'a `Bearer …` authorization (8 characters)');
    assert.equal(finding.underlined, 'abcd1234');
    assert.equal(finding.whole, false);
  });

  it('names a lower-case basic authorization as Basic', () => {
    const [finding] = scan('{"h": "basic dXNlcjpwYXNz1234"}');
    assert.equal(finding.description, 'a `Basic …` authorization (16 characters)');
  });

  it('reports a token of 20 letters without digits, but not a shorter one', () => {
    assert.equal(holdsSecret('Bearer abcdefghijklmnopqrst', undefined, none()), true);
    assert.equal(holdsSecret('Bearer abcdefghijklmnopqrs', undefined, none()), false);
  });

  it('ignores a token shorter than 8 characters and a placeholder token', () => {
    assert.equal(holdsSecret('Bearer abc1234', undefined, none()), false);
    assert.equal(holdsSecret('Bearer YOUR_TOKEN_1234', undefined, none()), false);
  });
});

describe('written secrets: passwords in URLs', () => {
  it('reports a 3-character password, underlining it', () => {
    const text = '{"u": "https://user:ab1@host.example/x"}';
    const [finding] = scan(text);
    assert.equal(finding.kind, 'url-password');
    assert.equal(finding.description, 'a password in a URL (3 characters)');
    assert.equal(finding.underlined, 'ab1');
  });

  it('ignores 2-character, placeholder and `$`-prefixed passwords', () => {
    assert.equal(holdsSecret('https://user:ab@host.example/x', undefined, none()), false);
    assert.equal(holdsSecret('https://user:<password>@host.example/x', undefined, none()), false);
    assert.equal(holdsSecret('https://user:$pw1234@host.example/x', undefined, none()), false);
  });
});

describe('written secrets: values from SecretStorage', () => {
  it('keeps stored values trimmed, drops short ones and selectors, and spells out only values of 8+ characters', () => {
    const known = knownSecrets(['  abcd  ', 'abc', '$inputs.api_key', 'abcdefg']);
    assert.deepEqual([...known.exact], ['abcd', 'abcdefg']);
    assert.deepEqual(known.variants, []);
    assert.ok(knownSecrets(['abcd1234']).variants.includes('abcd1234'));
  });

  it('lists spellings longest first', () => {
    const { variants } = knownSecrets(['short123', 'a-much-longer-secret-1234567']);
    const lengths = variants.map((v) => v.length);
    assert.deepEqual(lengths, [...lengths].sort((a, b) => b - a));
    assert.equal(variants[0].length >= 'a-much-longer-secret-1234567'.length, true);
  });

  it('finds a short stored value only as the whole string, spaces around it included', () => {
    const known = knownSecrets(['abc1']);
    assert.equal(holdsSecret('abc1', undefined, known), true);
    const [finding] = scan('{"x": " abc1 "}', known);
    assert.equal(finding.kind, 'stored-secret');
    assert.equal(finding.description, 'a credential stored in your SecretStorage');
    assert.equal(finding.underlined, '" abc1 "');
    assert.equal(finding.whole, true);
    assert.equal(holdsSecret('xx abc1 yy', undefined, known), false);
  });

  it('underlines a stored value at the start of a longer string, which is then not the whole string', () => {
    const [finding] = scan('{"x": "abcd1234 rest"}', knownSecrets(['abcd1234']));
    assert.equal(finding.kind, 'stored-secret');
    assert.equal(finding.underlined, 'abcd1234');
    assert.equal(finding.whole, false);
  });

  it('underlines a stored value in the middle of a string', () => {
    // 2 characters before, 2 after: start + end equals the string's length.
    const [finding] = scan('{"x": "x abcd1234 y"}', knownSecrets(['abcd1234']));
    assert.equal(finding.underlined, 'abcd1234');
  });

  it('underlines the whole string when it is written with escapes', () => {
    const [finding] = scan('{"x": "a\\nabcd1234 end"}', knownSecrets(['abcd1234']));
    assert.equal(finding.underlined, '"a\\nabcd1234 end"');
    assert.equal(finding.whole, false);
  });
});

describe('written secrets: keys and order', () => {
  it('reports a key in an object key at that property, in document order with the values', () => {
    const key = 'sk-proj-Q1w2E3r4T5y6U7i8O9p0AaSsDdFfGgHh';
    const text = `{"outer": {"token": "a1b2c3d4", "${key}": 1}}`;
    const findings = scanForSecrets(parseTree(text)!, text, none());
    assert.deepEqual(
      findings.map((f) => ({ kind: f.kind, path: f.path, whole: f.whole, inKey: f.inKey, underlined: text.slice(f.range.offset, f.range.offset + f.range.length) })),
      [
        { kind: 'credential-entry', path: ['outer', 'token'], whole: true, inKey: false, underlined: '"a1b2c3d4"' },
        { kind: 'provider-key', path: ['outer', key], whole: false, inKey: true, underlined: `"${key}"` },
      ],
    );
  });
});

describe('written secrets: trees built by hand', () => {
  it('skips a property that has no key node instead of failing', () => {
    // jsonc-parser never builds one, but scanForSecrets accepts any tree.
    const root = { type: 'object', offset: 0, length: 2, children: [{ type: 'property', offset: 1, length: 0, children: [] }] } as unknown as Node;
    assert.deepEqual(scanForSecrets(root, undefined, none()), []);
  });
});
