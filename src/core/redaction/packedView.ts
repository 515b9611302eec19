/**
 * The "packed" view of a text: what is left of base64 and hex once the ways servers, SDKs and
 * loggers dress them up are undone, so that one set of keywords finds a secret's base64 or hex
 * however it was printed:
 *
 * - line breaks and spacing vanish: MIME wraps base64 at 76 columns, PEM at 64, with `\n` or
 *   `\r\n`, raw or JSON-escaped (`\\n`, `\\\\r\\\\n` when nested), percent-encoded (`%0A`),
 *   indented on continuation lines; hex comes space- or colon-separated (`de ad`, `de:ad`,
 *   Node's `<Buffer de ad>`) or as `\xde\xad` escapes;
 * - the URL-safe alphabet reads as the standard one (`-` as `+`, `_` as `/`);
 * - escaped characters read as themselves: `%2B`, `%252B` (encoded twice), `\/` (PHP's JSON),
 *   `\u002B` (.NET's JSON), `&#x2F;` / `&#43;` (HTML encoders).
 *
 * Anything else ends the current run. The scan keeps, for every symbol of the view, where it
 * starts in the text, so a match masks the original characters, breaks included.
 */

/** The character is a separator inside base64 or hex: the view skips it. */
export const SKIP = -1;
/** The character may start an escape (`\`, `%`, `&`): see `decodeEscape`. */
export const ESCAPE = -2;

const SEPARATORS = ' \t\n\r\f\v:';
const ESCAPE_STARTS = '\\%&';
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** What each UTF-16 code unit is in the view: the class of the alphabet character it stands for
 * in `classOf` (the packed automaton's classes; 0 ends the run), `SKIP` or `ESCAPE`. */
export function packedCharacterTable(classOf: Uint16Array): Int32Array {
  const table = new Int32Array(classOf.length);
  for (const character of ALPHABET) table[character.charCodeAt(0)] = classOf[character.charCodeAt(0)];
  table['-'.charCodeAt(0)] = classOf['+'.charCodeAt(0)];
  table['_'.charCodeAt(0)] = classOf['/'.charCodeAt(0)];
  for (const character of SEPARATORS) table[character.charCodeAt(0)] = SKIP;
  for (const character of ESCAPE_STARTS) table[character.charCodeAt(0)] = ESCAPE;
  return table;
}

/** An escape read at some offset: the code unit it stands for, and where it ends (exclusive).
 * `code` is -1 when the text there is not an escape the view knows: the run ends, and the scan
 * resumes right after the escape character. */
export interface DecodedEscape {
  code: number;
  end: number;
}

const BACKSLASH = 0x5c;
const PERCENT = 0x25;

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  const lower = code | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1;
}

/** The value of `digits` hex digits at `at`, or -1. */
function hexAt(text: string, at: number, digits: number): number {
  if (at + digits > text.length) return -1;
  let value = 0;
  for (let k = 0; k < digits; k++) {
    const digit = hexValue(text.charCodeAt(at + k));
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}

/** Encoders never escape letters and digits, so `%6f` before base64 is a `%` and then base64.
 * (A lone `%` or `\` just before base64 that starts with `2B`, `3a`, `n`… is still misread here;
 * the text view finds such base64 when it is unbroken, see `secretSpellings`.) */
function isAlphanumeric(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

/** `\/`, `\n`, `\uXXXX`, `\x` (the hex digits after it are read as they are), after any number of
 * backslashes (JSON nested in JSON doubles them). */
function decodeBackslash(text: string, at: number, into: DecodedEscape): void {
  let next = at;
  while (text.charCodeAt(next) === BACKSLASH) next++;
  const letter = text[next];
  if (letter === 'n' || letter === 'r' || letter === 't' || letter === 'x') {
    into.code = 0x20; // a separator
    into.end = next + 1;
  } else if (letter === '/') {
    into.code = 0x2f;
    into.end = next + 1;
  } else if (letter === 'u' && hexAt(text, next + 1, 4) >= 0 && !isAlphanumeric(hexAt(text, next + 1, 4))) {
    into.code = hexAt(text, next + 1, 4);
    into.end = next + 5;
  } else {
    into.code = -1;
    into.end = next;
  }
}

/** `%2B`, and `%252B` for a value encoded twice or more. */
function decodePercent(text: string, at: number, into: DecodedEscape): void {
  let next = at + 1;
  let value = hexAt(text, next, 2);
  while (value === PERCENT && hexAt(text, next + 2, 2) >= 0) {
    next += 2;
    value = hexAt(text, next, 2);
  }
  const isEscape = value >= 0 && !isAlphanumeric(value);
  into.code = isEscape ? value : -1;
  into.end = isEscape ? next + 2 : at + 1;
}

/** `&#43;` and `&#x2B;`. */
function decodeHtmlEntity(text: string, at: number, into: DecodedEscape): void {
  const match = /^&#(?:[xX]([0-9A-Fa-f]{1,4})|([0-9]{1,5}));/.exec(text.slice(at, at + 9));
  const value = match ? (match[1] !== undefined ? parseInt(match[1], 16) : Number(match[2])) : -1;
  const isEscape = value >= 0 && !isAlphanumeric(value);
  into.code = isEscape ? value : -1;
  into.end = isEscape ? at + match![0].length : at + 1;
}

/** Reads the escape starting at `at` (a character the table marks `ESCAPE`) into `into`. */
export function decodeEscape(text: string, at: number, into: DecodedEscape): void {
  const first = text.charCodeAt(at);
  if (first === BACKSLASH) decodeBackslash(text, at, into);
  else if (first === PERCENT) decodePercent(text, at, into);
  else decodeHtmlEntity(text, at, into);
  if (into.code > 0xffff) into.code = -1;
}
