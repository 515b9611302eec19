import { Redactor } from '../redaction/redactor';
import { describeShapeMatch, findProviderKeys } from '../redaction/providerKeyShapes';

/**
 * The one rule for echoing a user's string in a message, hover, lens or log line: quote it only
 * when it cannot be a credential. A value written in the wrong field (`"confidence": "sk-…"`) is
 * still a secret, and a private Roboflow API key has no shape to recognise, so anything that looks
 * like a random token is described (kind, length) rather than shown.
 */

const AUTH_SCHEME = /\b(?:bearer|basic)\s+[A-Za-z0-9\-._~+/]{8,}=*/i;
const QUERY_CREDENTIAL = /[?&;](?:[A-Za-z0-9_.-]*[-_])?(?:token|key|api[-_]?key|apikey|secret|password|passwd|pwd|signature|sig|auth)=[^&#\s]{6,}/i;
const URL_PASSWORD = /[a-z][a-z0-9+.-]*:\/\/[^\s/:@]+:[^\s/@]{3,}@/i;
const MODEL_ID = /^[A-Za-z0-9_.-]+\/\d+$/;

/** A run of random-looking characters: long, letters and digits mixed, no spaces. */
export function looksLikeRandomToken(value: string): boolean {
  if (value.length < 16 || !/^[A-Za-z0-9_\-+/=.~]+$/.test(value)) return false;
  if (!/\d/.test(value) || !/[A-Za-z]/.test(value) || MODEL_ID.test(value)) return false;
  return (/[a-z]/.test(value) && /[A-Z]/.test(value)) || value.length >= 32;
}

/** Whether a string may be, or hold, a credential: messages must not quote it. */
export function couldBeSecret(value: string): boolean {
  if (value.startsWith('$')) return false; // a selector names a value, it is not one
  return (
    findProviderKeys(value).length > 0 ||
    AUTH_SCHEME.test(value) ||
    QUERY_CREDENTIAL.test(value) ||
    URL_PASSWORD.test(value) ||
    value.split(/\s+/).some(looksLikeRandomToken)
  );
}

/** What to say instead of a value that may be a credential: its kind when recognised (with at
 * most 4 characters of its start), its length otherwise. */
export function describeHiddenValue(value: string): string {
  const [key] = findProviderKeys(value);
  if (key && key.start === 0 && key.end === value.length) return `${describeShapeMatch(value, key)}, not shown`;
  if (key) return `text holding ${describeShapeMatch(value, key)}, not shown`;
  return `a value that may be a credential (${value.length} characters, not shown)`;
}

/** `"text"` (cut at `max` characters), or a description when it could be a credential. */
export function quoteUserString(value: string, max = 40): string {
  if (couldBeSecret(value)) return describeHiddenValue(value);
  return JSON.stringify(value.length > max ? value.slice(0, max) + '…' : value);
}

/** `value` as is (for names and ids in backquotes), or a description when it could be a credential. */
export function showUserString(value: string): string {
  return couldBeSecret(value) ? describeHiddenValue(value) : value;
}

const SHAPES_ONLY = new Redactor();

/**
 * The last net under every message that leaves the core: credentials recognised by shape and the
 * given known secrets (SecretStorage values, in every spelling the redactor knows) are masked.
 * Messages should not quote values in the first place (see `quoteUserString`).
 */
export function maskSecretsInMessage(message: string, knownSecrets: Redactor = SHAPES_ONLY): string {
  return knownSecrets.redact(message);
}
