import type { Node } from 'jsonc-parser';
import type { Finding } from '../findings';
import type { Redactor } from '../redaction/redactor';
import { couldBeSecret, maskSecretsInMessage } from '../text/secretText';

/** The document's strings that could be credentials (not selectors, not ordinary words). */
function suspiciousStrings(root: Node | undefined): string[] {
  const found = new Set<string>();
  const pending: Node[] = root ? [root] : [];
  while (pending.length) {
    const node = pending.pop()!;
    if (node.type === 'string' && typeof node.value === 'string' && node.value.length >= 8 && couldBeSecret(node.value)) found.add(node.value);
    if (node.children) pending.push(...node.children);
  }
  // Longest first, so a value is masked whole before any shorter one inside it.
  return [...found].sort((a, b) => b.length - a.length);
}

function mask(message: string, suspicious: readonly string[], known: Redactor | undefined): string {
  let masked = message;
  for (const value of suspicious) if (masked.includes(value)) masked = masked.split(value).join('[REDACTED]');
  return maskSecretsInMessage(masked, known);
}

/**
 * Every finding's message (and related messages) without any string of the document that could be
 * a credential, nor any known secret: whichever check wrote the message, and whatever it quoted.
 * Checks should describe such values in the first place (`quoteUserString`); this is the net.
 */
export function withoutSecretsInMessages(findings: Finding[], root: Node | undefined, known?: Redactor): Finding[] {
  if (!findings.length) return findings;
  const suspicious = suspiciousStrings(root);
  return findings.map((finding) => {
    const message = mask(finding.message, suspicious, known);
    const related = finding.related?.map((r) => ({ ...r, message: mask(r.message, suspicious, known) }));
    if (message === finding.message && related?.every((r, i) => r.message === finding.related![i].message) !== false) return finding;
    return { ...finding, message, related };
  });
}
