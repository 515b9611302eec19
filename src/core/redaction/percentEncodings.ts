/**
 * The ways a secret can appear percent-encoded: `encodeURIComponent`, HTML form encoding
 * (`URLSearchParams`, space as `+`), Python's `quote` (keeps `/`) and `quote_plus`, a URL nested
 * inside another URL's query (encoded twice), each with upper- or lower-case hex digits.
 */

interface PercentEncodingStyle {
  /** Characters the encoder leaves as they are. */
  unreserved: RegExp;
  spaceAsPlus: boolean;
}

const STYLES: readonly PercentEncodingStyle[] = [
  { unreserved: /[A-Za-z0-9\-_.!~*'()]/, spaceAsPlus: false }, // encodeURIComponent
  { unreserved: /[A-Za-z0-9*\-._]/, spaceAsPlus: true }, // application/x-www-form-urlencoded
  { unreserved: /[A-Za-z0-9_.\-~/]/, spaceAsPlus: false }, // Python urllib.parse.quote
  { unreserved: /[A-Za-z0-9_.\-~]/, spaceAsPlus: true }, // Python urllib.parse.quote_plus
];

function percentEncode(text: string, style: PercentEncodingStyle, hexCase: 'lower' | 'upper'): string {
  let encoded = '';
  for (const character of text) {
    if (style.unreserved.test(character)) {
      encoded += character;
    } else if (character === ' ' && style.spaceAsPlus) {
      encoded += '+';
    } else {
      for (const byte of Buffer.from(character, 'utf8')) {
        const hex = byte.toString(16).padStart(2, '0');
        encoded += `%${hexCase === 'lower' ? hex : hex.toUpperCase()}`;
      }
    }
  }
  return encoded;
}

/** Every distinct percent-encoded spelling of `text`, the plain text excluded. */
export function percentEncodedForms(text: string): string[] {
  const forms = new Set<string>();
  for (const hexCase of ['upper', 'lower'] as const) {
    for (const style of STYLES) forms.add(percentEncode(text, style, hexCase));
    forms.add(percentEncode(percentEncode(text, STYLES[0], hexCase), STYLES[0], hexCase));
  }
  forms.delete(text);
  return [...forms];
}
