/**
 * The ways a secret's characters can be written inside a JSON (or Python repr) string, as
 * servers produce them: JavaScript/orjson style, Python `json.dumps` with `ensure_ascii`
 * (`\uXXXX` for every non-ASCII unit), escaped solidus (`\/`, PHP), Go's HTML-safe escaping
 * (`<`, `>`, `&`, U+2028 and U+2029 as `\u003c`…), .NET's default encoder (also `"`, `'`, `+`
 * and `` ` `` as `\u0022`…, and all non-ASCII), and JSON nested in JSON (an error message that
 * quotes a request body, three levels deep for the plain form). An encoder that escapes every
 * character as `\uXXXX` is not covered.
 */

function escapeOnce(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}

function unicodeEscape(unit: string, hexCase: 'lower' | 'upper'): string {
  const hex = unit.charCodeAt(0).toString(16).padStart(4, '0');
  return `\\u${hexCase === 'lower' ? hex : hex.toUpperCase()}`;
}

function escapeNonAscii(escaped: string, hexCase: 'lower' | 'upper'): string {
  return escaped.replace(/[^\x20-\x7e]/g, (unit) => unicodeEscape(unit, hexCase));
}

/** Go's encoding/json default. */
function goHtmlSafe(escaped: string): string {
  return escaped.replace(/[<>&\u2028\u2029]/g, (unit) => unicodeEscape(unit, 'lower'));
}

/** System.Text.Json's default encoder. Applied to the unescaped text: it writes `"` as `\u0022`. */
function dotNetDefault(text: string): string {
  const escaped = escapeOnce(text).replace(/\\"/g, '"');
  return escaped.replace(/["'&+<>`]|[^\x20-\x7e]/g, (unit) => unicodeEscape(unit, 'upper'));
}

/** Every distinct JSON-escaped spelling of `text` (one to three levels deep), the plain text excluded. */
export function jsonEscapedForms(text: string): string[] {
  const once = escapeOnce(text);
  const singleLevel = [
    once,
    escapeNonAscii(once, 'lower'),
    escapeNonAscii(once, 'upper'),
    once.replaceAll('/', '\\/'),
    goHtmlSafe(once),
    dotNetDefault(text),
  ];
  // Three levels for the plain form: a request body quoted in an error, inside a JSON log line.
  const forms = new Set<string>([...singleLevel, ...singleLevel.map(escapeOnce), escapeOnce(escapeOnce(once))]);
  forms.delete(text);
  return [...forms];
}
