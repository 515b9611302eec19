import { ownValue } from '../core/ownProperties';
import type { JsonValue, ParameterControl, ParameterField } from './preview';
import { isLoopbackHostname } from '../core/server/serverUrl';

/**
 * Which control a `WorkflowParameter` gets, and how the text typed into it becomes the JSON value
 * sent as `inputs[name]`. Pure; used by the host (to build the form and to check a run request)
 * and by the webview (to prefill and to flag a bad value before sending).
 */

const CONTROL_BY_KIND: Record<string, ParameterControl> = {
  boolean: 'checkbox',
  integer: 'integer',
  float: 'number',
  float_zero_to_one: 'number',
  string: 'text',
  roboflow_model_id: 'text',
  roboflow_project: 'text',
  roboflow_solution: 'text',
  top_class: 'text',
  prediction_type: 'text',
  parent_id: 'text',
  inference_id: 'text',
  language_model_output: 'text',
  timestamp: 'text',
};

function controlForDefault(value: unknown): ParameterControl | undefined {
  if (typeof value === 'boolean') return 'checkbox';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'string') return 'text';
  if (value !== undefined && value !== null) return 'json';
  return undefined;
}

/** The control for declared kinds (`*` means any) and an optional default value. */
export function controlFor(kinds: readonly string[], defaultValue?: unknown): { control: ParameterControl; min?: number; max?: number } {
  const concrete = kinds.filter((k) => k !== '*');
  const bounds = concrete.length > 0 && concrete.every((k) => k === 'float_zero_to_one') ? { min: 0, max: 1 } : {};
  const byKind = concrete.map((k) => ownValue(CONTROL_BY_KIND, k) ?? 'json');
  const fromDefault = controlForDefault(defaultValue);
  if (byKind.length === 0) return { control: fromDefault ?? 'text' };
  if (byKind.length === 1) return { control: byKind[0], ...bounds };
  // Several kinds: the default's own type when it fits one of them, else the most general control.
  if (fromDefault && (byKind.includes(fromDefault) || (fromDefault === 'integer' && byKind.includes('number')))) return { control: fromDefault };
  if (byKind.includes('json')) return { control: 'json' };
  if (byKind.includes('text')) return { control: 'text' };
  return { control: byKind[0] };
}

/** What the control shows before the user touches it: the default value, or empty. */
export function initialDraft(field: ParameterField): string | boolean {
  const value = field.defaultValue;
  if (field.control === 'checkbox') return value === true;
  if (!field.hasDefault || value === undefined || value === null) return '';
  if (field.control === 'json') return JSON.stringify(value);
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export type DraftParse = { ok: true; value: JsonValue | undefined } | { ok: false; message: string };

/** The value to send (undefined: leave it out, so the server uses `default_value`), or why not. */
export function parseDraft(field: ParameterField, draft: string | boolean | undefined): DraftParse {
  if (field.control === 'checkbox') {
    if (draft === undefined) return { ok: true, value: undefined };
    return typeof draft === 'boolean' ? { ok: true, value: draft } : { ok: false, message: `\`${field.name}\` must be checked or unchecked.` };
  }
  if (typeof draft === 'boolean') return { ok: false, message: `\`${field.name}\` expects text, not a checkbox value.` };
  if (draft !== undefined && typeof draft !== 'string') return { ok: false, message: `\`${field.name}\` expects text.` };
  const text = (draft ?? '').trim();
  if (text === '') return { ok: true, value: undefined };
  switch (field.control) {
    case 'text':
      return { ok: true, value: draft };
    case 'json':
      try {
        return { ok: true, value: JSON.parse(text) as JsonValue };
      } catch {
        return { ok: false, message: `\`${field.name}\` is not valid JSON. Strings need quotes: "text"; lists look like [1, 2].` };
      }
    case 'number':
    case 'integer': {
      const value = Number(text);
      if (!Number.isFinite(value)) return { ok: false, message: `\`${field.name}\` must be a number.` };
      if (field.control === 'integer' && !Number.isInteger(value)) return { ok: false, message: `\`${field.name}\` must be a whole number.` };
      if (field.min !== undefined && value < field.min) return { ok: false, message: `\`${field.name}\` must be at least ${field.min}.` };
      if (field.max !== undefined && value > field.max) return { ok: false, message: `\`${field.name}\` must be at most ${field.max}.` };
      return { ok: true, value };
    }
  }
}

/**
 * Host names that Roboflow's inference server takes for "no domain name" (its FQDN, as tldextract reads
 * it, is empty): IP addresses, single-word names, and names under a private-use top-level domain.
 */
const PRIVATE_USE_SUFFIX = /\.(local|localhost|localdomain|internal|intranet|lan|home|corp|private)$/;

function hasNoDomainName(hostname: string): boolean {
  if (hostname.startsWith('[')) return true; // IPv6
  if (/^\d+\.\d+\.\d+\.\d+$/.test(hostname)) return true; // IPv4, as the URL parser writes any spelling of it
  return !hostname.includes('.') || PRIVATE_USE_SUFFIX.test(hostname);
}

export type ImageUrlCheck = { ok: true; url: string; /** Why the server may refuse it, though it can be sent. */ warnings: string[] } | { ok: false; message: string };

/**
 * An image given by URL: http(s) only, no credentials (the server downloads it; the webview never
 * loads it). The warnings are the refusals of the inference server's defaults (image_utils.py:
 * ALLOW_NON_HTTPS_URL_INPUT=False, ALLOW_URL_INPUT_WITHOUT_FQDN=False), which a self-hosted server may lift.
 */
export function checkImageUrl(text: string): ImageUrlCheck {
  const trimmed = text.trim();
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return { ok: false, message: 'Enter a full image URL, starting with https://.' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, message: 'Image URLs must start with https:// or http://.' };
  if (url.username || url.password) return { ok: false, message: 'Image URLs must not contain a user name or password.' };
  const warnings: string[] = [];
  if (url.protocol === 'http:') {
    warnings.push('Roboflow\'s inference server refuses http:// image URLs unless it runs with ALLOW_NON_HTTPS_URL_INPUT=True: use https:// if you can.');
  }
  const host = url.hostname.toLowerCase();
  if (hasNoDomainName(host)) {
    warnings.push(
      'Roboflow\'s inference server refuses image URLs without a domain name (an IP address, `localhost`, a one-word or local host name) unless it runs with ALLOW_URL_INPUT_WITHOUT_FQDN=True.',
    );
  }
  if (isLoopbackHostname(host) || host.endsWith('.localhost')) {
    warnings.push('The server downloads the image itself: `localhost` there is the server\'s own machine, which is yours only for a server on this machine.');
  }
  return { ok: true, url: url.href, warnings };
}
