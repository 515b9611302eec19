import { base64Fragments } from './base64Fragments';
import { hexForms } from './hexEncodings';
import { htmlEscapedForms } from './htmlEscapes';
import { jsonEscapedForms } from './jsonEscapes';
import { percentEncodedForms } from './percentEncodings';
import { pythonReprForms } from './pythonReprs';
import { utf16InterleavedForms, utf16LittleEndian } from './utf16Forms';

/**
 * Below this many characters a secret is masked only where it appears verbatim. Its escaped and
 * percent-encoded spellings are left alone: for such short strings they are mostly identical to
 * the plain text anyway, and `%4` or `\u00` style fragments would match unrelated text.
 */
export const MIN_LENGTH_FOR_ESCAPED_FORMS = 4;

/**
 * Below this many UTF-8 bytes a secret is not searched for inside base64 or hex. Its stable
 * base64 fragments would be 9 characters or fewer, and a 4-character fragment turns up by chance
 * about once per 16 MB of image data: masking it would corrupt images while protecting a value
 * that is guessable anyway. From 8 bytes on, each fragment has at least 10 characters (60 bits),
 * and the hex at least 16 (64 bits).
 */
export const MIN_BYTES_FOR_BASE64_FORMS = 8;

/**
 * A log or error message cut short (`message[:200]`) can end inside a secret. A prefix that
 * leaves fewer than this many characters unseen makes the rest guessable, so it is masked;
 * a log that shows the first 8 characters of a 40-character key is not.
 */
export const MAX_HIDDEN_CHARACTERS_OF_A_PREFIX = 7;
/** ...and a prefix is only masked from this length on, so that short secrets do not turn
 * ordinary words into masks. */
export const MIN_PREFIX_LENGTH = 12;

export interface SecretSpellings {
  /** Looked for in the text as it is. */
  text: string[];
  /** Base64 (standard alphabet) and hex, looked for in the packed view (see `packedView`). */
  packed: string[];
}

/** Prefixes of `secret` that a truncated message may show, shortest first. */
export function truncatedPrefixes(secret: string): string[] {
  const characters = [...secret];
  const prefixes: string[] = [];
  const shortest = Math.max(MIN_PREFIX_LENGTH, characters.length - MAX_HIDDEN_CHARACTERS_OF_A_PREFIX);
  for (let length = shortest; length < characters.length; length++) prefixes.push(characters.slice(0, length).join(''));
  return prefixes;
}

/** The spellings of `secret` before any JSON escaping is applied on top. */
function unescapedSpellings(secret: string): string[] {
  const jsonOnce = JSON.stringify(secret).slice(1, -1);
  return [
    secret,
    ...percentEncodedForms(secret),
    ...percentEncodedForms(jsonOnce), // a JSON body passed in a URL
    ...htmlEscapedForms(secret),
    ...pythonReprForms(secret),
  ];
}

/** Every spelling of `secret` that the redactor masks, split by the view it is looked for in. */
export function secretSpellings(secret: string): SecretSpellings {
  if (secret.length === 0) return { text: [], packed: [] };
  const text = new Set<string>([secret]);
  if (secret.length >= MIN_LENGTH_FOR_ESCAPED_FORMS) {
    for (const spelling of unescapedSpellings(secret)) {
      text.add(spelling);
      for (const escaped of jsonEscapedForms(spelling)) text.add(escaped);
    }
    // UTF-16 spellings are six times as long once JSON-escaped: one level only, so that the
    // automaton stays small.
    for (const spelling of utf16InterleavedForms(secret)) text.add(spelling).add(JSON.stringify(spelling).slice(1, -1));
    for (const prefix of truncatedPrefixes(secret)) text.add(prefix);
  }
  const packed = new Set<string>();
  const bytes = Buffer.from(secret, 'utf8');
  if (bytes.length >= MIN_BYTES_FOR_BASE64_FORMS) {
    const jsonBytes = Buffer.from(JSON.stringify(secret).slice(1, -1), 'utf8');
    for (const encoded of [bytes, utf16LittleEndian(secret), jsonBytes]) {
      for (const fragment of base64Fragments(encoded, 'standard')) packed.add(fragment);
    }
    for (const hex of hexForms(bytes)) packed.add(hex);
    // Unbroken base64 and hex are also looked for in the text as it is. The packed view reads an
    // ambiguous escape one way only: `%3` just before base64 starting `a` reads as `%3a`, an
    // escaped `:`, and loses the `a`; the text view sees the whole run.
    for (const spelling of packed) text.add(spelling).add(spelling.replaceAll('+', '-').replaceAll('/', '_'));
  }
  return { text: [...text], packed: [...packed] };
}

/** Every spelling of `secret` as plain strings, the secret itself first, base64 also in the
 * URL-safe alphabet (benchmarks compare other matchers built from them). */
export function secretVariants(secret: string): string[] {
  const { text, packed } = secretSpellings(secret);
  const urlSafe = packed.map((spelling) => spelling.replaceAll('+', '-').replaceAll('/', '_'));
  return [...new Set([...text, ...packed, ...urlSafe])];
}
