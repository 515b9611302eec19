/**
 * The ways a secret appears in Python's own printing of it, as tracebacks and `print(payload)`
 * in custom Python blocks show it: `repr(str)` (backslash, the quote and control characters
 * escaped), `ascii()` (non-ASCII as `\xe9`, `\u20ac`, `\U0001f600`) and `repr(bytes)` of its
 * UTF-8 encoding (`b'p\xc3\xa9'`).
 */

const CONTROL_ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeCodePoint(codePoint: number): string {
  if (codePoint <= 0xff) return `\\x${codePoint.toString(16).padStart(2, '0')}`;
  if (codePoint <= 0xffff) return `\\u${codePoint.toString(16).padStart(4, '0')}`;
  return `\\U${codePoint.toString(16).padStart(8, '0')}`;
}

/** `repr` of a str (non-ASCII kept) or `ascii` (non-ASCII escaped), without the outer quotes. */
function strRepr(text: string, escapeSingleQuote: boolean, asciiOnly: boolean): string {
  let repr = '';
  for (const character of text) {
    const codePoint = character.codePointAt(0)!;
    if (CONTROL_ESCAPES[character] !== undefined) repr += CONTROL_ESCAPES[character];
    else if (character === "'" && escapeSingleQuote) repr += "\\'";
    else if (codePoint < 0x20 || codePoint === 0x7f || (asciiOnly && codePoint > 0x7f)) repr += escapeCodePoint(codePoint);
    else repr += character;
  }
  return repr;
}

/** `repr` of the UTF-8 bytes, without the `b'` and `'`. */
function bytesRepr(text: string, escapeSingleQuote: boolean): string {
  let repr = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const character = String.fromCharCode(byte);
    if (CONTROL_ESCAPES[character] !== undefined) repr += CONTROL_ESCAPES[character];
    else if (character === "'" && escapeSingleQuote) repr += "\\'";
    else if (byte < 0x20 || byte >= 0x7f) repr += escapeCodePoint(byte);
    else repr += character;
  }
  return repr;
}

/** Every distinct Python-printed spelling of `text`, the plain text excluded. Python escapes the
 * single quote only when the text has both kinds of quote, so both spellings are kept. */
export function pythonReprForms(text: string): string[] {
  const forms = new Set<string>();
  for (const escapeSingleQuote of [false, true]) {
    forms.add(strRepr(text, escapeSingleQuote, false));
    forms.add(strRepr(text, escapeSingleQuote, true));
    forms.add(bytesRepr(text, escapeSingleQuote));
  }
  forms.delete(text);
  return [...forms];
}
