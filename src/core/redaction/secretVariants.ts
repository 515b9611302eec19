import { base64Fragments } from './base64Fragments';
import { jsonEscapedForms } from './jsonEscapes';
import { percentEncodedForms } from './percentEncodings';

/**
 * Below this many characters a secret is masked only where it appears verbatim. Its escaped and
 * percent-encoded spellings are left alone: for such short strings they are mostly identical to
 * the plain text anyway, and `%4` or `\u00` style fragments would match unrelated text.
 */
export const MIN_LENGTH_FOR_ESCAPED_FORMS = 4;

/**
 * Below this many UTF-8 bytes a secret is not searched for inside base64. Its stable base64
 * fragments would be 9 characters or fewer, and a 4-character fragment turns up by chance about
 * once per 16 MB of image data: masking it would corrupt images while protecting a value that is
 * guessable anyway. From 8 bytes on, each fragment has at least 10 characters (60 bits).
 */
export const MIN_BYTES_FOR_BASE64_FORMS = 8;

/** Every spelling of `secret` that the redactor masks, the secret itself first. */
export function secretVariants(secret: string): string[] {
  if (secret.length === 0) return [];
  const variants = new Set<string>([secret]);
  if (secret.length >= MIN_LENGTH_FOR_ESCAPED_FORMS) {
    const escapedForms = [...jsonEscapedForms(secret), ...percentEncodedForms(secret)];
    for (const form of escapedForms) variants.add(form);
  }
  const bytes = Buffer.from(secret, 'utf8');
  if (bytes.length >= MIN_BYTES_FOR_BASE64_FORMS) {
    for (const fragment of base64Fragments(bytes, 'standard')) variants.add(fragment);
    for (const fragment of base64Fragments(bytes, 'url-safe')) variants.add(fragment);
  }
  return [...variants];
}
