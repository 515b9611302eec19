import { createHash } from 'node:crypto';

/**
 * The workspace stores a workflow's `config` as a JSON string wrapped as `{"specification": …}`:
 * the inference server runs `json.loads(workflow.config)["specification"]`, so a bare definition
 * saved there makes every later run fail (roboflow-python PR #460). Push always wraps; pull accepts
 * both (older SDK saves wrote bare definitions).
 */

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const SPEC_KEYS = ['version', 'inputs', 'steps', 'outputs'];

/** The `config` string to send: compact, like the web app writes it. */
export function wrapConfig(definition: Record<string, unknown>): string {
  return JSON.stringify({ specification: definition });
}

export type UnwrappedConfig =
  | { ok: true; definition: Record<string, unknown>; /** False for a bare definition stored unwrapped. */ wrapped: boolean }
  | { ok: false; message: string };

export function unwrapConfig(config: string): UnwrappedConfig {
  let parsed: unknown;
  try {
    parsed = JSON.parse(config.replace(/^\uFEFF/, ''));
  } catch {
    return { ok: false, message: 'Its `config` is not valid JSON.' };
  }
  if (!isRecord(parsed)) return { ok: false, message: 'Its `config` is not a JSON object.' };
  if (Object.prototype.hasOwnProperty.call(parsed, 'specification')) {
    const specification = parsed.specification;
    if (!isRecord(specification)) return { ok: false, message: 'Its `config.specification` is not a JSON object.' };
    return { ok: true, definition: specification, wrapped: true };
  }
  if (SPEC_KEYS.some((key) => Object.prototype.hasOwnProperty.call(parsed, key))) return { ok: true, definition: parsed, wrapped: false };
  if (Object.keys(parsed).length === 0) return { ok: false, message: 'It has no definition yet (its `config` is empty).' };
  return { ok: false, message: 'Its `config` holds neither `specification` nor a workflow definition.' };
}

/** JSON with object keys sorted at every level: equal definitions, however formatted, compare equal. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isRecord(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** What identifies a definition's content: `sha256:` and the hex digest of its canonical JSON. */
export function definitionHash(definition: unknown): string {
  return `sha256:${createHash('sha256').update(canonicalJson(definition)).digest('hex')}`;
}

/** The local file's text as written by Pull: two-space JSON and a final newline. */
export function formatDefinition(definition: Record<string, unknown>): string {
  return `${JSON.stringify(definition, null, 2)}\n`;
}
