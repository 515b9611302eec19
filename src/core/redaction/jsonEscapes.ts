/**
 * The ways a secret's characters can be written inside a JSON (or Python repr) string, as
 * servers produce them: JavaScript/orjson style, Python `json.dumps` with `ensure_ascii`
 * (`\uXXXX` for every non-ASCII unit), escaped solidus (`\/`), and JSON nested in JSON
 * (an error message that quotes a request body).
 */

function escapeOnce(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}

function escapeNonAscii(escaped: string, hexCase: 'lower' | 'upper'): string {
  return escaped.replace(/[^\x20-\x7e]/g, (unit) => {
    const hex = unit.charCodeAt(0).toString(16).padStart(4, '0');
    return `\\u${hexCase === 'lower' ? hex : hex.toUpperCase()}`;
  });
}

/** Every distinct JSON-escaped spelling of `text` (one and two levels deep), the plain text excluded. */
export function jsonEscapedForms(text: string): string[] {
  const once = escapeOnce(text);
  const singleLevel = [once, escapeNonAscii(once, 'lower'), escapeNonAscii(once, 'upper'), once.replaceAll('/', '\\/')];
  const forms = new Set<string>([...singleLevel, ...singleLevel.map(escapeOnce)]);
  forms.delete(text);
  return [...forms];
}
