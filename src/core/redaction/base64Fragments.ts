/**
 * When a secret is part of a larger base64 stream (an image, a Basic auth header, a data URL),
 * its encoding depends on where it starts relative to the 3-byte groups of base64. For each of
 * the three alignments, only the characters made purely of the secret's own bits are stable;
 * the one or two characters at each edge mix in the neighbours' bits. These stable substrings
 * are what to look for (GitHub Actions' log masking does the same).
 */

export type Base64Alphabet = 'standard' | 'url-safe';

/** The stable base64 substrings of `bytes` for alignments 0, 1 and 2, in one alphabet. */
export function base64Fragments(bytes: Uint8Array, alphabet: Base64Alphabet): string[] {
  const fragments: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const padded = new Uint8Array(offset + bytes.length);
    padded.set(bytes, offset);
    const encoded = Buffer.from(padded).toString(alphabet === 'standard' ? 'base64' : 'base64url');
    const firstBit = offset * 8;
    const endBit = firstBit + bytes.length * 8;
    // Characters [first, end) cover bits [6*first, 6*end), which lie wholly inside the secret.
    const first = Math.ceil(firstBit / 6);
    const end = Math.floor(endBit / 6);
    if (end > first) fragments.push(encoded.slice(first, end));
  }
  return fragments;
}
