// The exact spellings a secret is looked for in: whole lists, so that a spelling too many (which
// would mask unrelated text) fails as surely as one too few (which would leak the secret).
import assert from 'node:assert/strict';
import { pythonReprForms } from '../../src/core/redaction/pythonReprs';
import { REDACTED, Redactor } from '../../src/core/redaction/redactor';
import { secretSpellings, secretVariants, truncatedPrefixes } from '../../src/core/redaction/secretVariants';

describe('redaction: the exact spellings of a secret', () => {
  it('prints a secret as Python repr, ascii and bytes repr do, with and without the quote escaped', () => {
    // Checked against python3: repr(s)[1:-1], ascii(s)[1:-1] and repr(s.encode())[2:-1] are the last three.
    assert.deepEqual(pythonReprForms('a\'\x01\x7f\n\\é"Ω'), [
      'a\'\\x01\\x7f\\n\\\\é"Ω',
      'a\'\\x01\\x7f\\n\\\\\\xe9"\\u03a9',
      'a\'\\x01\\x7f\\n\\\\\\xc3\\xa9"\\xce\\xa9',
      'a\\\'\\x01\\x7f\\n\\\\é"Ω',
      'a\\\'\\x01\\x7f\\n\\\\\\xe9"\\u03a9',
      'a\\\'\\x01\\x7f\\n\\\\\\xc3\\xa9"\\xce\\xa9',
    ]);
  });

  it('escapes the last code point of each width with that width, as Python\'s ascii does', () => {
    // ascii('ÿ') is '\xff' and ascii('\uffff') is '\uffff'; their UTF-8 bytes follow.
    assert.deepEqual(pythonReprForms('ÿ'), ['\\xff', '\\xc3\\xbf']);
    assert.deepEqual(pythonReprForms('\uffff'), ['\\uffff', '\\xef\\xbf\\xbf']);
  });

  it('masks prefixes that leave at most 7 characters unseen, from 12 characters on, never the whole secret', () => {
    assert.deepEqual(truncatedPrefixes('abcdefghijklmno'), ['abcdefghijkl', 'abcdefghijklm', 'abcdefghijklmn']);
    assert.deepEqual(truncatedPrefixes('abcdefghijkl'), []);
  });

  it('looks for nothing when the secret is empty', () => {
    assert.deepEqual(secretSpellings(''), { text: [], packed: [] });
  });

  it('looks for base64 of the JSON-escaped secret without the surrounding quotes', () => {
    // The secret's own UTF-8, its UTF-16LE, its JSON-escaped form (`say \"hi\" now`), then hex.
    assert.deepEqual(secretSpellings('say "hi" now').packed, [
      'c2F5ICJoaSIgbm93',
      'NheSAiaGkiIG5vd',
      'zYXkgImhpIiBub3',
      'cwBhAHkAIAAiAGgAaQAiACAAbgBvAHcA',
      'MAYQB5ACAAIgBoAGkAIgAgAG4AbwB3A',
      'zAGEAeQAgACIAaABpACIAIABuAG8Adw',
      'c2F5IFwiaGlcIiBub3',
      'NheSBcImhpXCIgbm93',
      'zYXkgXCJoaVwiIG5vd',
      '7361792022686922206e6f77',
      '7361792022686922206E6F77',
    ]);
  });

  it('spells base64 in both alphabets, `+/` and `-_`, and nothing else', () => {
    // `~` and `?` put both `+` and `/` into the base64 of the whole secret and of its UTF-16.
    assert.deepEqual(secretVariants('Zk~Qp?Wm~'), [
      'Zk~Qp?Wm~',
      'Zk~Qp%3FWm~',
      'Zk%7EQp%3FWm%7E',
      'Zk~Qp%253FWm~',
      'Zk~Qp%3fWm~',
      'Zk%7eQp%3fWm%7e',
      'Zk~Qp%253fWm~',
      'Z\u0000k\u0000~\u0000Q\u0000p\u0000?\u0000W\u0000m\u0000~',
      'Z\\u0000k\\u0000~\\u0000Q\\u0000p\\u0000?\\u0000W\\u0000m\\u0000~',
      'Wmt+UXA/V21+',
      'Wmt-UXA_V21-',
      'prflFwP1dtf',
      'aa35RcD9XbX',
      'WgBrAH4AUQBwAD8AVwBtAH4A',
      'oAawB+AFEAcAA/AFcAbQB+A',
      'oAawB-AFEAcAA_AFcAbQB-A',
      'aAGsAfgBRAHAAPwBXAG0Afg',
      '5a6b7e51703f576d7e',
      '5A6B7E51703F576D7E',
    ]);
  });

  it('masks a secret sent as URL-safe base64', () => {
    const secret = 'Zk~Qp?Wm~';
    assert.equal(Buffer.from(secret).toString('base64url'), 'Wmt-UXA_V21-');
    assert.equal(new Redactor([secret]).redact('GET /session?token=Wmt-UXA_V21-&v=2'), `GET /session?token=${REDACTED}&v=2`);
  });
});
