import { PROVIDER_KEY_SHAPES } from './providerKeyShapes';

/**
 * Credentials the redactor masks even when nobody told it their value: keys in URLs and
 * assignments, Authorization headers echoed in tracebacks, OpenAI/Anthropic keys, Roboflow
 * managed user keys. Each pattern starts with a fixed trigger (found by the same single-pass
 * automaton as the secret values); a sticky regex then reads the credential right after it.
 */

export interface CredentialPattern {
  name: string;
  /** Fixed text that starts the pattern. */
  triggers: readonly string[];
  caseSensitive: boolean;
  /** The character just before the trigger must not match this (keeps `task-`… from looking like `sk-`…). */
  notPrecededBy?: RegExp;
  /** Sticky (`y`) with indices (`d`); applied right after the trigger; group 1 is what gets masked. */
  credential: RegExp;
}

/** A credential value: runs until whitespace, a quote, a backslash (JSON escape) or a delimiter.
 * It never starts with `[`, so an already masked `[REDACTED]` is left as it is. */
const VALUE = String.raw`[^\s"'\\&#<>,;()\[\]{}][^\s"'\\&#<>,;()\[\]{}]*`;
/** `=`, `:` or `%3D`, with an optional (possibly JSON-escaped) closing and opening quote around it. */
const ASSIGNMENT = String.raw`(?:\\*["'])?[ \t]*(?:[:=]|%3[Dd])[ \t]*(?:\\*["'])?`;
const AUTH_SCHEMES = 'basic|bearer|token|digest|apikey';

export const CREDENTIAL_PATTERNS: readonly CredentialPattern[] = [
  {
    // `api_key=…` in URLs (the server's own legacy model routes), `"api_key": "…"` in dumped
    // payloads, `x-api-key: …` headers, `ROBOFLOW_API_KEY=…` in environment dumps, and the
    // credential fields of blocks (`twilio_auth_token`, `slack_token`, `sender_email_password`…).
    name: 'credential-assignment',
    triggers: ['api_key', 'apikey', 'api-key', '_token', '_secret', 'secret_access_key', 'password'],
    caseSensitive: false,
    credential: new RegExp(`${ASSIGNMENT}(${VALUE})`, 'yd'),
  },
  {
    // Google's `?key=…` (Gemini blocks) and `?token=…`, only as query parameters: alone, `key`
    // and `token` are too common. `;` catches `&amp;key=` in HTML.
    name: 'query-key',
    triggers: ['?key=', '&key=', ';key=', '?token=', '&token=', ';token='],
    caseSensitive: false,
    credential: new RegExp(`(${VALUE})`, 'yd'),
  },
  {
    name: 'bearer-token',
    triggers: ['bearer'],
    caseSensitive: false,
    notPrecededBy: /[A-Za-z0-9_]/,
    credential: /(?:[ \t]+|%20|\+)([A-Za-z0-9\-._~+/]+=*)/dy,
  },
  {
    // `Authorization: Basic …`, `Token …` or a bare token; `Bearer` is handled above too.
    name: 'authorization-header',
    triggers: ['authorization'],
    caseSensitive: false,
    notPrecededBy: /[A-Za-z0-9_]/,
    credential: new RegExp(
      `${ASSIGNMENT}(?:(?:${AUTH_SCHEMES})(?:[ \\t]+|%20|\\+)|(?!(?:${AUTH_SCHEMES})[ \\t]))(${VALUE})`,
      'ydi',
    ),
  },
  {
    // OpenAI (`sk-…`, `sk-proj-…`) and Anthropic (`sk-ant-…`) keys.
    name: 'sk-key',
    triggers: ['sk-'],
    caseSensitive: true,
    notPrecededBy: /[A-Za-z0-9_-]/,
    credential: /([A-Za-z0-9_-]{12,})/dy,
  },
  {
    // A third-party key stored in the user's Roboflow settings. `rf_key:account` is not a secret.
    name: 'roboflow-user-key',
    triggers: ['rf_key:user:'],
    caseSensitive: true,
    credential: new RegExp(`(${VALUE})`, 'yd'),
  },
  // Other providers' key formats (GitHub, Slack, AWS, Google, Stripe…): the body after the
  // prefix is masked. `sk-` keys are covered above; a private key's header is not the secret.
  ...PROVIDER_KEY_SHAPES.filter((s) => !s.prefix.startsWith('sk-') && !s.prefix.startsWith('-----')).map(
    (s): CredentialPattern => ({
      name: `provider-key ${s.inputName}`,
      triggers: [s.prefix],
      caseSensitive: true,
      notPrecededBy: /[A-Za-z0-9_-]/,
      credential: new RegExp(`(${s.body})`, 'yd'),
    }),
  ),
];

/** Values that name a credential rather than being one: selectors, the Roboflow-managed key,
 * a nested `rf_key:user:` (masked by its own pattern), and "no value" spellings. */
function isNotACredential(value: string): boolean {
  return (
    value.startsWith('$') ||
    value === 'rf_key:account' ||
    value.startsWith('rf_key:user:') ||
    /^(?:none|null|undefined|true|false)$/i.test(value)
  );
}

export interface TextSpan {
  start: number;
  end: number;
}

/** The credential that follows a trigger ending at `triggerEnd`, if there is one. */
export function credentialAfterTrigger(
  pattern: CredentialPattern,
  text: string,
  triggerStart: number,
  triggerEnd: number,
): TextSpan | undefined {
  if (pattern.notPrecededBy && triggerStart > 0 && pattern.notPrecededBy.test(text[triggerStart - 1])) return undefined;
  pattern.credential.lastIndex = triggerEnd;
  const match = pattern.credential.exec(text);
  const span = match?.indices?.[1];
  if (!match || !span || isNotACredential(match[1])) return undefined;
  return { start: span[0], end: span[1] };
}
