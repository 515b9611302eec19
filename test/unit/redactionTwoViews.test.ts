// The redactor reads a text twice in one pass: as written, and as its packed view (base64 and hex
// with breaks and escapes undone). These cases sit where the two views meet: a `%` that is not an
// escape, an escape of the percent sign itself, base64 whose first two characters read as hex.
import assert from 'node:assert/strict';
import { REDACTED, Redactor } from '../../src/core/redaction/redactor';
import { redactJson } from '../../src/core/redaction/redactJson';
import { utf16InterleavedForms } from '../../src/core/redaction/utf16Forms';

const SECRET = 'secret-token-value';
/** `c2VjcmV0LXRva2VuLXZhbHVl`: its first two characters, `c2`, read as the hex of a character that is no letter or digit. */
const BASE64 = Buffer.from(SECRET).toString('base64');
/** The base64 wrapped across two lines, as MIME prints it: only the packed view reads it whole. */
const WRAPPED = `${BASE64.slice(0, 12)}\r\n${BASE64.slice(12)}`;

describe('redaction: where the text and its packed view meet', () => {
  it('masks base64 right after a `%` that starts no escape', () => {
    const redactor = new Redactor([SECRET]);
    assert.equal(redactor.redact(`100% ${WRAPPED}`), `100% ${REDACTED}`);
    assert.equal(redactor.redact(`%zz${WRAPPED}`), `%zz${REDACTED}`);
  });

  it('masks base64 right after an escaped percent sign', () => {
    assert.equal(new Redactor([SECRET]).redact(`50%25 ${WRAPPED}`), `50%25 ${REDACTED}`);
    assert.equal(new Redactor([SECRET]).redact(`50%25${WRAPPED}`), `50%25${REDACTED}`);
  });

  it('masks base64 glued to a `%` when its first two characters would read as an escape of a symbol', () => {
    assert.ok(BASE64.startsWith('c2'));
    assert.equal(new Redactor([SECRET]).redact(`%${WRAPPED}`), `%${REDACTED}`);
  });

  it('masks URL-encoded base64 whose last masked character is printed as an escape', () => {
    // The base64 of "a" + the secret: its masked run ends at `%2F`, the escape of its last `/`.
    const secret = 'k0?>~0>?';
    assert.equal(Buffer.from(`a${secret}`).toString('base64'), 'YWswPz5+MD4/');
    assert.equal(new Redactor([secret]).redact('x YWswPz5%2BMD4%2F y'), `x YW${REDACTED} y`);
  });

  it('reads base64 case-sensitively: the same letters in another case are other bytes, left alone', () => {
    const redactor = new Redactor([SECRET]);
    const otherCase = WRAPPED.replace(/[a-z]/g, (c) => c.toUpperCase());
    assert.equal(redactor.redact(otherCase), otherCase);
    assert.equal(redactor.redact(WRAPPED), REDACTED);
  });

  it('looks for the UTF-16 spelling of printable ASCII only', () => {
    assert.deepEqual(utf16InterleavedForms('key'), ['k\u0000e\u0000y']);
    assert.deepEqual(utf16InterleavedForms('key€'), []);
    assert.deepEqual(utf16InterleavedForms('k'), []);
  });

  it('gives back a redacted copy that can be changed like any parsed JSON', () => {
    const copy = redactJson({ note: `key ${SECRET}` }, (text) => new Redactor([SECRET]).redact(text));
    assert.deepEqual(copy, { note: `key ${REDACTED}` });
    copy.note = 'changed';
    assert.deepEqual(copy, { note: 'changed' });
    delete (copy as { note?: string }).note;
    assert.deepEqual(copy, {});
  });
});
