// How the redactor's packed view reads an escape inside printed base64 or hex: which escapes stand
// for a character of the secret (and so are masked with it), and which end the run. An escape read
// wrongly either hides a secret from the mask or swallows text next to it.
import assert from 'node:assert/strict';
import { decodeEscape, type DecodedEscape } from '../../src/core/redaction/packedView';

/** What the escape at the start of `text` stands for, as [code unit, end offset]; [-1, n] ends the run. */
function read(text: string): [number, number] {
  const into: DecodedEscape = { code: 0, end: 0 };
  decodeEscape(text, 0, into);
  return [into.code, into.end];
}

const code = (character: string) => character.charCodeAt(0);

describe('redaction: escapes in the packed view', () => {
  describe('percent escapes', () => {
    it('reads a punctuation character, its hex digits in either case', () => {
      for (const [text, character] of [
        ['%2B', '+'],
        ['%2b', '+'],
        ['%2F', '/'],
        ['%2f', '/'],
        ['%3D', '='],
        ['%29', ')'],
        ['%2A', '*'],
        ['%2a', '*'],
        ['%3a', ':'],
        ['%7E', '~'],
        ['%20', ' '],
      ]) {
        assert.deepEqual(read(text), [code(character), 3], text);
      }
    });

    it('reads the code unit 0 as an escape', () => {
      assert.deepEqual(read('%00'), [0, 3]);
    });

    it('never reads a letter or digit as escaped: encoders leave those alone, so `%6f` is a `%` and then base64', () => {
      for (const text of ['%30', '%39', '%41', '%5A', '%5a', '%61', '%7A', '%7a', '%6f']) assert.deepEqual(read(text), [-1, 1], text);
      // The neighbours of each range are punctuation.
      for (const [text, value] of [
        ['%2F', 0x2f],
        ['%3A', 0x3a],
        ['%40', 0x40],
        ['%5B', 0x5b],
        ['%60', 0x60],
        ['%7B', 0x7b],
      ] as const) {
        assert.deepEqual(read(text), [value, 3], text);
      }
    });

    it('ends the run at a `%` without two hex digits after it, even at the end of the text', () => {
      for (const text of ['%', '%2', '%zz', '%2g', '%g0', '%G0', '%!2']) assert.deepEqual(read(text), [-1, 1], text);
    });

    it('reads a value percent-encoded twice or more (`%252B`), and `%25` alone as the percent sign', () => {
      assert.deepEqual(read('%252B'), [code('+'), 5]);
      assert.deepEqual(read('%25252F'), [code('/'), 7]);
      assert.deepEqual(read('%2500'), [0, 5]);
      assert.deepEqual(read('%25'), [code('%'), 3]);
      assert.deepEqual(read('%25zz'), [code('%'), 3]);
      assert.deepEqual(read('%2541'), [-1, 1], 'a letter encoded twice is still a letter');
    });
  });

  describe('backslash escapes', () => {
    it('reads `\\n`, `\\r`, `\\t` and `\\x` as a separator, after any number of backslashes', () => {
      for (const text of ['\\n', '\\r', '\\t', '\\x']) assert.deepEqual(read(text), [0x20, 2], text);
      assert.deepEqual(read('\\\\n'), [0x20, 3]);
      assert.deepEqual(read('\\\\\\\\r'), [0x20, 5]);
    });

    it("reads PHP's `\\/` as a slash", () => {
      assert.deepEqual(read('\\/'), [code('/'), 2]);
      assert.deepEqual(read('\\\\/'), [code('/'), 3]);
    });

    it("reads .NET's `\\u002B` as the character, but not a letter or digit spelt that way", () => {
      assert.deepEqual(read('\\u002B'), [code('+'), 6]);
      assert.deepEqual(read('\\u002f'), [code('/'), 6]);
      assert.deepEqual(read('\\u0000'), [0, 6]);
      assert.deepEqual(read('\\\\u003D'), [code('='), 7]);
      assert.deepEqual(read('\\u0041'), [-1, 1]);
      assert.deepEqual(read('\\u0039'), [-1, 1]);
    });

    it('ends the run at any other escape, resuming after the backslashes', () => {
      for (const text of ['\\q', '\\u00zz', '\\u12', '\\']) assert.deepEqual(read(text), [-1, 1], text);
      assert.deepEqual(read('\\\\q'), [-1, 2]);
    });
  });

  describe('HTML character references', () => {
    it('reads decimal and hex references to punctuation, in either case of x', () => {
      assert.deepEqual(read('&#43;'), [code('+'), 5]);
      assert.deepEqual(read('&#x2F;'), [code('/'), 6]);
      assert.deepEqual(read('&#X2f;'), [code('/'), 6]);
      assert.deepEqual(read('&#x3d;'), [code('='), 6]);
      assert.deepEqual(read('&#0;'), [0, 4]);
      assert.deepEqual(read('&#00043;'), [code('+'), 8]);
    });

    it('ends the run at a reference to a letter or digit, a named entity, or a reference that is not at the `&`', () => {
      for (const text of ['&#65;', '&#x41;', '&#48;', '&amp;', '&#xZZ;', '&#43', '&&#43;', '&#;']) assert.deepEqual(read(text), [-1, 1], text);
    });

    it('does not read a reference past one UTF-16 code unit', () => {
      assert.equal(read('&#70000;')[0], -1);
    });
  });
});
