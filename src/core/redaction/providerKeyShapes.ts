/**
 * Credentials recognised by their shape alone: the key formats providers publish (a fixed prefix
 * and a random body). Used by the document scanner (src/core/analysis/secretScan.ts), by messages
 * that must not quote a credential (src/core/text/secretText.ts) and, through
 * `providerKeyPatterns`, by the redactor. Each body requires enough random characters that words,
 * block types and model ids do not match (`task-…`, `disk-…`, `sk-learn` are not keys).
 *
 * Roboflow's publishable keys (`rf_<workspace>`) are meant to be public, and a private Roboflow API
 * key has no shape of its own: those are known only by value (SecretStorage), never by shape.
 */

export interface ProviderKeyShape {
  /** What the credential is, for messages: "an OpenAI API key". */
  description: string;
  /** The input a workflow would read the key from (`openai_api_key`). */
  inputName: string;
  /** The fixed start of every such key (the redactor's trigger). */
  prefix: string;
  /** The regex source of what follows the prefix. */
  body: string;
  /** The whole key, prefix included; global. Checked not to be preceded by a key character. */
  pattern: RegExp;
}

const shape = (description: string, inputName: string, prefix: string, body: string): ProviderKeyShape => ({
  description,
  inputName,
  prefix,
  body,
  pattern: new RegExp(`${escape(prefix)}${body}`, 'g'),
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** At least `n` characters of a random body that contains a digit somewhere. */
const randomBody = (chars: string, n: number) => `(?=${chars}*\\d)${chars}{${n},}`;

/** Most specific first: `sk-ant-` before `sk-`. */
export const PROVIDER_KEY_SHAPES: readonly ProviderKeyShape[] = [
  shape('an Anthropic API key', 'anthropic_api_key', 'sk-ant-', '[A-Za-z0-9_-]{16,}'),
  shape('an OpenAI API key', 'openai_api_key', 'sk-', randomBody('[A-Za-z0-9_-]', 16)),
  shape('a Stripe secret key', 'stripe_secret_key', 'sk_live_', '[A-Za-z0-9]{16,}'),
  shape('a Stripe test secret key', 'stripe_secret_key', 'sk_test_', '[A-Za-z0-9]{16,}'),
  shape('a Stripe restricted key', 'stripe_restricted_key', 'rk_live_', '[A-Za-z0-9]{16,}'),
  shape('a Google API key', 'google_api_key', 'AIza', '[0-9A-Za-z_-]{30,}'),
  shape('a Google OAuth token', 'google_oauth_token', 'ya29.', '[0-9A-Za-z_-]{20,}'),
  shape('an AWS access key id', 'aws_access_key_id', 'AKIA', '[0-9A-Z]{16}'),
  shape('an AWS temporary access key id', 'aws_access_key_id', 'ASIA', '[0-9A-Z]{16}'),
  shape('a GitHub token', 'github_token', 'ghp_', '[A-Za-z0-9]{30,}'),
  shape('a GitHub OAuth token', 'github_token', 'gho_', '[A-Za-z0-9]{30,}'),
  shape('a GitHub user-to-server token', 'github_token', 'ghu_', '[A-Za-z0-9]{30,}'),
  shape('a GitHub server-to-server token', 'github_token', 'ghs_', '[A-Za-z0-9]{30,}'),
  shape('a GitHub refresh token', 'github_token', 'ghr_', '[A-Za-z0-9]{30,}'),
  shape('a GitHub fine-grained token', 'github_token', 'github_pat_', '[A-Za-z0-9_]{22,}'),
  shape('a GitLab token', 'gitlab_token', 'glpat-', '[A-Za-z0-9_-]{20,}'),
  shape('a Slack bot token', 'slack_token', 'xoxb-', '[A-Za-z0-9-]{10,}'),
  shape('a Slack user token', 'slack_token', 'xoxp-', '[A-Za-z0-9-]{10,}'),
  shape('a Slack app token', 'slack_token', 'xapp-', '[A-Za-z0-9-]{10,}'),
  shape('a Slack token', 'slack_token', 'xoxa-', '[A-Za-z0-9-]{10,}'),
  shape('a Slack token', 'slack_token', 'xoxr-', '[A-Za-z0-9-]{10,}'),
  shape('a Slack token', 'slack_token', 'xoxs-', '[A-Za-z0-9-]{10,}'),
  shape('a Slack webhook URL', 'slack_webhook_url', 'hooks.slack.com/services/', '[A-Za-z0-9_/-]{20,}'),
  shape('a Discord webhook URL', 'discord_webhook_url', 'discord.com/api/webhooks/', '[A-Za-z0-9_/-]{20,}'),
  shape('a Twilio API key', 'twilio_api_key', 'SK', '[0-9a-f]{32}'),
  shape('a Twilio account SID', 'twilio_account_sid', 'AC', '[0-9a-f]{32}'),
  shape('a Hugging Face token', 'huggingface_token', 'hf_', '[A-Za-z0-9]{30,}'),
  shape('a SendGrid API key', 'sendgrid_api_key', 'SG.', '[A-Za-z0-9_-]{16,}\\.[A-Za-z0-9_-]{16,}'),
  shape('a Groq API key', 'groq_api_key', 'gsk_', '[A-Za-z0-9]{30,}'),
  shape('an xAI API key', 'xai_api_key', 'xai-', '[A-Za-z0-9]{30,}'),
  shape('a Replicate token', 'replicate_api_token', 'r8_', '[A-Za-z0-9]{30,}'),
  shape('an npm token', 'npm_token', 'npm_', '[A-Za-z0-9]{30,}'),
  shape('a Mailgun API key', 'mailgun_api_key', 'key-', '[0-9a-f]{32}'),
  shape('a JSON Web Token', 'jwt', 'eyJ', '[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}'),
  shape('a private key', 'private_key', '-----BEGIN ', '(?:RSA |EC |DSA |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY'),
];

/** A key character: a match preceded by one is the tail of a longer word (`task-…`, `MASK…`). */
const KEY_CHAR = /[A-Za-z0-9_-]/;

export interface ShapeMatch {
  shape: ProviderKeyShape;
  start: number;
  end: number;
}

/** Provider keys in `text`, leftmost first, without overlaps (the first listed shape wins). */
export function findProviderKeys(text: string): ShapeMatch[] {
  const matches: ShapeMatch[] = [];
  for (const candidate of PROVIDER_KEY_SHAPES) {
    if (!text.includes(candidate.prefix)) continue;
    candidate.pattern.lastIndex = 0;
    for (let match = candidate.pattern.exec(text); match; match = candidate.pattern.exec(text)) {
      const start = match.index;
      const end = start + match[0].length;
      if (start > 0 && KEY_CHAR.test(text[start - 1])) continue;
      // Bodies of a fixed length (`AKIA` + 16) must end there: a longer run is something else.
      if (end < text.length && /[A-Za-z0-9]/.test(text[end])) continue;
      if (!matches.some((m) => start < m.end && m.start < end)) matches.push({ shape: candidate, start, end });
    }
  }
  return matches.sort((a, b) => a.start - b.start);
}

/** "an OpenAI API key (sk-p…, 164 characters)": what it is and a recognisable start, never more
 * than 4 characters of it. */
export function describeShapeMatch(text: string, match: ShapeMatch): string {
  const length = match.end - match.start;
  return `${match.shape.description} (${text.slice(match.start, match.start + Math.min(4, length))}…, ${length} characters)`;
}
