import type { Finding } from '../findings';
import type { Redactor } from '../redaction/redactor';
import { findProviderKeys } from '../redaction/providerKeyShapes';
import { looksLikeRandomToken, maskSecretsInMessage } from '../text/secretText';

const WORD = /[^\s`"'(),;:[\]{}<>]+/g;

/** The message with every word that could be a credential (a provider key, a random-looking
 * token) and every known secret masked. Works on the message alone, whatever the document's size. */
function mask(message: string, known: Redactor | undefined): string {
  const masked = message.replace(WORD, (word) => (word.length >= 16 && !word.startsWith('$') && (looksLikeRandomToken(word) || findProviderKeys(word).length) ? '[REDACTED]' : word));
  return maskSecretsInMessage(masked, known);
}

/**
 * Every finding's message (and related messages) without anything that could be a credential, nor
 * any known secret: whichever check wrote the message, and whatever it quoted. Checks should
 * describe such values in the first place (`quoteUserString`); this is the net under them.
 */
export function withoutSecretsInMessages(findings: Finding[], known?: Redactor): Finding[] {
  return findings.map((finding) => {
    const message = mask(finding.message, known);
    const related = finding.related?.map((r) => ({ ...r, message: mask(r.message, known) }));
    if (message === finding.message && related?.every((r, i) => r.message === finding.related![i].message) !== false) return finding;
    return { ...finding, message, related };
  });
}
