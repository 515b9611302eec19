import type { TextSpan } from './credentialPatterns';

/**
 * Replaces the union of `spans` with `replacement`: overlapping or touching spans become one
 * mask, so `secretsecret` reads `[REDACTED]` once and partial overlaps leave nothing behind.
 */
export function maskSpans(text: string, spans: TextSpan[], replacement: string): string {
  if (spans.length === 0) return text;
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const pieces: string[] = [];
  let copiedUpTo = 0;
  let maskStart = spans[0].start;
  let maskEnd = spans[0].end;
  for (let i = 1; i <= spans.length; i++) {
    const span = spans[i];
    if (span !== undefined && span.start <= maskEnd) {
      if (span.end > maskEnd) maskEnd = span.end;
      continue;
    }
    pieces.push(text.slice(copiedUpTo, maskStart), replacement);
    copiedUpTo = maskEnd;
    if (span !== undefined) {
      maskStart = span.start;
      maskEnd = span.end;
    }
  }
  pieces.push(text.slice(copiedUpTo));
  return pieces.join('');
}
