/** Who a credential is for, derived from the block type id, for display and for naming stored
 * secrets. `inputPrefix` starts suggested input names (`openai_api_key`). */

export interface Provider {
  /** Stable id, usable in SecretStorage keys. */
  id: string;
  /** What people read. */
  name: string;
  inputPrefix: string;
  /** The blocks send this credential only to the provider's own servers. False when the workflow
   * chooses the address (a webhook URL, an SMTP server, a base URL, a broker): a stored credential
   * is never filled into those, it is typed for each run. */
  fixedAddress: boolean;
}

const PROVIDERS = {
  openai: { id: 'openai', name: 'OpenAI', inputPrefix: 'openai', fixedAddress: true },
  anthropic: { id: 'anthropic', name: 'Anthropic', inputPrefix: 'anthropic', fixedAddress: true },
  gemini: { id: 'google-gemini', name: 'Google Gemini', inputPrefix: 'gemini', fixedAddress: true },
  googleVision: { id: 'google-vision', name: 'Google Vision', inputPrefix: 'google_vision', fixedAddress: true },
  openrouter: { id: 'openrouter', name: 'OpenRouter', inputPrefix: 'openrouter', fixedAddress: true },
  xai: { id: 'xai', name: 'xAI', inputPrefix: 'xai', fixedAddress: true },
  stability: { id: 'stability-ai', name: 'Stability AI', inputPrefix: 'stability', fixedAddress: true },
  twilio: { id: 'twilio', name: 'Twilio', inputPrefix: 'twilio', fixedAddress: true },
  slack: { id: 'slack', name: 'Slack', inputPrefix: 'slack', fixedAddress: true },
  email: { id: 'smtp', name: 'SMTP (email)', inputPrefix: 'smtp', fixedAddress: false },
  s3: { id: 'aws-s3', name: 'AWS S3', inputPrefix: 'aws', fixedAddress: true },
  onvif: { id: 'onvif', name: 'ONVIF camera', inputPrefix: 'onvif', fixedAddress: false },
  webhook: { id: 'webhook', name: 'Webhook', inputPrefix: 'webhook', fixedAddress: false },
  openaiCompatible: { id: 'openai-compatible', name: 'OpenAI-compatible server', inputPrefix: 'openai_compatible', fixedAddress: false },
  mqtt: { id: 'mqtt', name: 'MQTT broker', inputPrefix: 'mqtt', fixedAddress: false },
  opc: { id: 'opc-ua', name: 'OPC UA server', inputPrefix: 'opc', fixedAddress: false },
  sqlServer: { id: 'sql-server', name: 'SQL Server', inputPrefix: 'sql_server', fixedAddress: false },
  postgres: { id: 'postgresql', name: 'PostgreSQL', inputPrefix: 'postgres', fixedAddress: false },
  kafka: { id: 'kafka', name: 'Kafka broker', inputPrefix: 'kafka', fixedAddress: false },
} satisfies Record<string, Provider>;

/** Block stems (type id without namespace and version) → provider; first match wins. */
const BY_STEM: [RegExp, Provider][] = [
  [/^openai_compatible$/, PROVIDERS.openaiCompatible],
  [/^(open_ai|openai|lmm|lmm_for_classification)$/, PROVIDERS.openai],
  [/^anthropic/, PROVIDERS.anthropic],
  [/^google_gemini/, PROVIDERS.gemini],
  [/^google_vision/, PROVIDERS.googleVision],
  [/^spacexai|^xai/, PROVIDERS.xai],
  [/^stability_ai/, PROVIDERS.stability],
  [/^twilio/, PROVIDERS.twilio],
  [/^slack/, PROVIDERS.slack],
  [/^email/, PROVIDERS.email],
  [/^s3_sink/, PROVIDERS.s3],
  [/^onvif/, PROVIDERS.onvif],
  [/^webhook/, PROVIDERS.webhook],
  [/^mqtt/, PROVIDERS.mqtt],
  [/^opc/, PROVIDERS.opc],
  [/^microsoft_sql_server/, PROVIDERS.sqlServer],
  [/^postgresql/, PROVIDERS.postgres],
  [/^kafka/, PROVIDERS.kafka],
  // Hosted open-weight models reached through OpenRouter (reference.md section e; the blocks'
  // `api_key` says "OpenRouter API key").
  [/openrouter|^llama|^google_gemma|^meta_vlm|^qwen_vlm|^mistral_vlm|^zai_vlm/, PROVIDERS.openrouter],
];

/** `roboflow_core/open_ai@v4` → `open_ai`. */
export function blockStem(blockType: string): string {
  return blockType.replace(/^[^/]*\//, '').replace(/@v\d+$/, '');
}

export function providerFor(blockType: string): Provider {
  const stem = blockStem(blockType);
  for (const [pattern, provider] of BY_STEM) if (pattern.test(stem)) return provider;
  const words = stem.replace(/_/g, ' ');
  return { id: stem.replace(/_/g, '-'), name: words, inputPrefix: stem, fixedAddress: false };
}

/** The known provider with this id (what a stored credential records), if any. */
export function providerById(id: string): Provider | undefined {
  return Object.values(PROVIDERS).find((provider) => provider.id === id);
}

/** Every known provider, by name (for choosing which one a credential is stored for). */
export function knownProviders(): Provider[] {
  return Object.values(PROVIDERS).sort((a, b) => a.name.localeCompare(b.name));
}
